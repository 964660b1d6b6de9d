package io.sfsbroker.gateway.bridge;

import static io.sfsbroker.gateway.bridge.MqttBridgeIT.request;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.sliceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.device.DeviceConfig;
import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.device.MqttDeviceLink;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge as a process of its own, killed with SIGKILL while a device's requests are on their
 * way (issue 10 item 5, "the bridge killed mid-flow"), and started again on the same state folder:
 * every request, those in flight and those sent while it was down, is committed exactly once and
 * reported to the device, whose outbox drains. Prints the time to recover.
 */
class BridgeKillIT {

  private static TestBroker broker;

  @BeforeAll
  static void connect() {
    broker = new TestBroker();
  }

  @AfterAll
  static void disconnect() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void bridgeProcessKilledMidFlow_restarted_everyRequestCommitsOnce_andIsReported()
      throws Exception {
    Path dir = Files.createTempDirectory("sfsb-bridge-kill");
    BridgeConfig config = broker.bridgeConfig("it-kill-" + System.nanoTime(), dir.resolve("state"));
    Path file = writeConfig(config, dir.resolve("bridge.json"));
    TestDevice linked = broker.device("fog-k", "fog-node", true);
    DeviceConfig device =
        new DeviceConfig(
            linked.id,
            "fog-node",
            broker.url(),
            broker.caFile(),
            linked.certFile,
            linked.keyFile,
            dir.resolve("device"));
    Process bridge = startBridge(file, dir.resolve("bridge-1.log"));
    Process again = null;
    try (MqttDeviceLink link = MqttDeviceLink.start(device, Clock.systemUTC(), notice -> {})) {
      assertThat(link.awaitFirstConnection(Duration.ofSeconds(30))).isTrue();
      DeviceLink.Sent before = link.send(Uplink.REQUEST, request(25));
      assertThat(link.awaitReceipt(before.nonce(), Duration.ofSeconds(90)).isCommitted()).isTrue();

      // Mid-flow: five requests, and the bridge is killed while it works on them.
      // Sent 300 ms apart and killed at the first receipt, so that the others are caught at
      // different steps: received, endorsed, submitted, committed without their receipt.
      List<DeviceLink.Sent> sent = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        sent.add(link.send(Uplink.REQUEST, request(25)));
        Thread.sleep(300);
      }
      link.awaitReceipt(sent.get(0).nonce(), Duration.ofSeconds(60));
      bridge.destroyForcibly().waitFor();
      Instant killed = Instant.now();
      int answered = 0;
      for (DeviceLink.Sent s : sent) {
        try {
          link.awaitReceipt(s.nonce(), Duration.ofMillis(1));
          answered++;
        } catch (java.util.concurrent.TimeoutException e) {
          // not answered before the kill
        }
      }
      System.out.printf(
          "[bridge-kill] SIGKILL with %d of 5 requests answered, %d without a verdict%n",
          answered, link.unanswered());

      // While it is down: two more, which wait in the broker.
      for (int i = 0; i < 2; i++) {
        sent.add(link.send(Uplink.REQUEST, request(25)));
      }
      Thread.sleep(2000);

      Instant restarted = Instant.now();
      again = startBridge(file, dir.resolve("bridge-2.log"));
      System.out.printf(
          "[bridge-kill] the new bridge process runs %.1f s after it was started%n",
          Duration.between(restarted, Instant.now()).toMillis() / 1000.0);
      Set<String> slices = new TreeSet<>();
      for (DeviceLink.Sent s : sent) {
        Receipt receipt = link.awaitReceipt(s.nonce(), Duration.ofSeconds(180));
        assertThat(receipt.isCommitted()).as(receipt.toString()).isTrue();
        slices.add(sliceId(linked.id, s.nonce()));
      }
      Instant drainedBy = Instant.now().plusSeconds(30);
      while (link.unanswered() > 0 && Instant.now().isBefore(drainedBy)) {
        Thread.sleep(100);
      }
      System.out.printf(
          "[bridge-kill] all 7 requests committed and reported %.1f s after the restart (%.1f s"
              + " after the kill)%n",
          Duration.between(restarted, Instant.now()).toMillis() / 1000.0,
          Duration.between(killed, Instant.now()).toMillis() / 1000.0);
      assertThat(link.unanswered()).isZero();
      assertThat(slices).hasSize(7);
      for (String slice : slices) {
        assertThat(broker.ledger.evaluate(TransactionName.REQUEST_GET_REQUEST, slice)).isNotBlank();
        assertThat(broker.ledger.evaluate(TransactionName.SLICE_GET_SLICE_HISTORY, slice))
            .containsOnlyOnce("\"BlueprintPublished\"");
      }
    } finally {
      bridge.destroyForcibly().waitFor();
      if (again != null) {
        again.destroy();
        again.waitFor();
      }
      broker.dropSession(config);
    }
  }

  /** Starts {@code BridgeMain} in a JVM of its own and waits until it runs. */
  static Process startBridge(final Path config, final Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                BridgeMain.class.getName(),
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("the bridge exited: " + Files.readString(log));
      }
      if (Files.exists(log) && Files.readString(log).contains("; stop with SIGTERM")) {
        return process;
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new AssertionError("the bridge did not start within 60 s: " + Files.readString(log));
  }

  static Path writeConfig(final BridgeConfig config, final Path file) throws Exception {
    JsonObject json = new JsonObject();
    json.addProperty("network", config.network().toAbsolutePath().toString());
    json.addProperty("org", config.org());
    json.addProperty("brokerUrl", config.brokerUrl());
    json.addProperty("caFile", abs(config.caFile()));
    json.addProperty("certFile", abs(config.certFile()));
    json.addProperty("keyFile", abs(config.keyFile()));
    json.addProperty("clientId", config.clientId());
    json.addProperty("stateDir", abs(config.stateDir()));
    json.addProperty("workers", config.workers());
    json.addProperty("closeGraceSeconds", config.closeGrace().toSeconds());
    if (config.shareGroup() != null) {
      json.addProperty("shareGroup", config.shareGroup());
    }
    Files.writeString(file, Json.toJson(json));
    return file;
  }

  private static String abs(final Path path) {
    return path.toAbsolutePath().toString().replace(File.separatorChar, '/');
  }
}
