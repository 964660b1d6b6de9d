package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code ./sfsbroker network up --docker} (issue 13 item 2): a network of its own, one container
 * per node, in a runtime of its own at a port offset of its own; the unchanged Gateway client
 * commits through {@code network.json}, the network survives an orderer container's stop and
 * restart, and {@code down --purge} removes it all.
 *
 * <p>It brings a whole network up and down (about a minute with cached images), so it runs only
 * when asked: {@code -Dsfsbroker.dockerNetwork=true}. Its port offset is {@code
 * sfsbroker.dockerNetwork.offset}, by default 50 above {@code SFSB_PORT_OFFSET}.
 */
@EnabledIfSystemProperty(named = "sfsbroker.dockerNetwork", matches = "true")
class DockerNetworkIT {

  private static final Path SCRIPT = Path.of("..", "sfsbroker").toAbsolutePath().normalize();
  private static final Path RUNTIME =
      Path.of("target", "docker-network-it").toAbsolutePath().normalize();

  private static String offset;

  @BeforeAll
  static void bringUp() {
    String env = System.getenv().getOrDefault("SFSB_PORT_OFFSET", "0");
    offset =
        System.getProperty(
            "sfsbroker.dockerNetwork.offset", String.valueOf(Integer.parseInt(env) + 50));
    if (Files.exists(RUNTIME)) {
      sfsbroker("network", "down", "--purge");
    }
    Instant start = Instant.now();
    sfsbroker("network", "up", "--docker");
    System.out.printf(
        "[docker-network] network up --docker took %.1f s (offset %s)%n",
        Duration.between(start, Instant.now()).toMillis() / 1000.0, offset);
  }

  @AfterAll
  static void tearDown() {
    sfsbroker("network", "down", "--purge");
    assertThat(RUNTIME).doesNotExist();
  }

  @Test
  void dockerNetwork_commitsThroughNetworkJson_andSurvivesAnOrdererContainerRestart() {
    JsonObject status = status();
    assertThat(status.get("mode").getAsString()).isEqualTo("docker");
    for (JsonObject node : TestNetwork.objects(status.getAsJsonArray("orderers"))) {
      assertThat(node.get("running").getAsBoolean()).as(node.toString()).isTrue();
      assertThat(node.get("container").getAsString())
          .contains("-" + node.get("name").getAsString());
    }
    assertThat(RUNTIME.resolve("docker").resolve("compose.yaml")).isRegularFile();

    NetworkProfile profile = NetworkProfile.load(RUNTIME.resolve("network.json"));
    try (GatewayConnection broker =
            GatewayConnection.asUser(profile.org("broker"), Deadlines.DEFAULT);
        GatewayConnection tenants =
            GatewayConnection.asUser(profile.org("tenants"), Deadlines.DEFAULT)) {
      ChaincodeClient writer =
          new ChaincodeClient(broker.network(profile.channel()), profile.chaincode());
      ChaincodeClient reader =
          new ChaincodeClient(tenants.network(profile.channel()), profile.chaincode());

      commitAndReadBack(writer, reader, "before");

      String orderer = "orderer1";
      assertThat(sfsbroker("network", "stop", orderer)).contains("Stopped " + orderer);
      assertThat(orderer(orderer).get("running").getAsBoolean()).isFalse();
      commitAndReadBack(writer, reader, "while-stopped");

      assertThat(sfsbroker("network", "start", orderer)).contains("Started " + orderer);
      long peerHeight = reader.blockHeight();
      awaitOrdererHeight(orderer, peerHeight);
      commitAndReadBack(writer, reader, "after-restart");
    }
  }

  private static void commitAndReadBack(
      final ChaincodeClient writer, final ChaincodeClient reader, final String phase) {
    String key = "docker-" + phase + "-" + System.nanoTime();
    Committed committed = writer.submit(TransactionName.PROBE_RECORD, key, phase);
    assertThat(committed.result()).isEqualTo(phase);
    // The submit returns once the writer's peer committed the block; the reader's peer gets it
    // from the orderers a moment later.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (reader.blockHeight() <= committed.blockNumber() && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofMillis(200));
    }
    assertThat(reader.evaluate(TransactionName.PROBE_READ, key)).isEqualTo(phase);
  }

  private static void awaitOrdererHeight(final String name, final long height) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    JsonObject last = orderer(name);
    while (Instant.now().isBefore(deadline)) {
      if (last.get("running").getAsBoolean()
          && last.has("height")
          && !last.get("height").isJsonNull()
          && last.get("height").getAsLong() >= height) {
        return;
      }
      sleep(Duration.ofSeconds(1));
      last = orderer(name);
    }
    throw new AssertionError(name + " did not catch up to height " + height + ": " + last);
  }

  private static JsonObject orderer(final String name) {
    return TestNetwork.objects(status().getAsJsonArray("orderers")).stream()
        .filter(o -> o.get("name").getAsString().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static JsonObject status() {
    return JsonParser.parseString(sfsbroker("network", "status", "--json")).getAsJsonObject();
  }

  /** Runs {@code ./sfsbroker args…} in this test's runtime and offset; fails on a non-zero exit. */
  private static String sfsbroker(final String... args) {
    List<String> command = new ArrayList<>();
    command.add(SCRIPT.toString());
    command.addAll(List.of(args));
    try {
      Path log = Files.createTempFile("sfsb-docker-it", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(SCRIPT.getParent().toFile())
              .redirectError(log.toFile());
      builder.environment().put("SFSB_RUNTIME", RUNTIME.toString());
      builder.environment().put("SFSB_PORT_OFFSET", offset);
      Process process = builder.start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 15 minutes");
      }
      String err = Files.readString(log);
      Files.delete(log);
      if (process.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command) + " failed (" + process.exitValue() + "): " + out + err);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static void sleep(final Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
