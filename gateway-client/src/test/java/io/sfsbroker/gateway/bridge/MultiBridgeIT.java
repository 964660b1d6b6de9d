package io.sfsbroker.gateway.bridge;

import static io.sfsbroker.gateway.bridge.MqttBridgeIT.request;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.sliceId;
import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.device.DeviceConfig;
import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.device.MqttDeviceLink;
import io.sfsbroker.device.MqttTls;
import io.sfsbroker.device.Redelivery;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two bridges, each a process of its own, share the device traffic through one MQTT shared
 * subscription (issue 13 item 5): every uplink of several devices is handled by one bridge and
 * answered once, without {@code REPLAY}; then one bridge is killed with SIGKILL mid-flow, and every
 * message still gets its verdict, each applied once: the devices send again what the dead bridge
 * left without a receipt, and the surviving bridge answers a copy the dead one had applied with
 * that original commit. Prints the times.
 */
class MultiBridgeIT {

  private static final Duration SILENCE = Duration.ofSeconds(15);
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
  void twoBridgesShareTheUplinks_eachAnsweredOnce_andOneKilledMidFlow_losesNothing()
      throws Exception {
    Path dir = Files.createTempDirectory("sfsb-multi-bridge");
    String group = "it-share-" + System.nanoTime();
    List<Path> states = List.of(dir.resolve("a/state"), dir.resolve("b/state"));
    List<Process> bridges = new ArrayList<>();
    List<MqttDeviceLink> links = new ArrayList<>();
    Map<String, List<Receipt>> onTheWire = new TreeMap<>();
    MqttClient tap = tap(onTheWire);
    try {
      for (int i = 0; i < 2; i++) {
        BridgeConfig base =
            broker.bridgeConfig("it-multi-" + i + "-" + System.nanoTime(), states.get(i));
        BridgeConfig shared = base.inShareGroup(group, true);
        Path file = BridgeKillIT.writeConfig(shared, dir.resolve("bridge-" + i + ".json"));
        bridges.add(BridgeKillIT.startBridge(file, dir.resolve("bridge-" + i + ".log")));
      }
      for (int d = 0; d < 3; d++) {
        TestDevice device = broker.device("fog-m" + d, "fog-node", true);
        DeviceConfig config =
            new DeviceConfig(
                device.id,
                "fog-node",
                broker.url(),
                broker.caFile(),
                device.certFile,
                device.keyFile,
                dir.resolve("device-" + d));
        MqttDeviceLink link =
            MqttDeviceLink.start(
                config, Clock.systemUTC(), Redelivery.DEFAULT.withSilence(SILENCE), notice -> {});
        assertThat(link.awaitFirstConnection(Duration.ofSeconds(30))).isTrue();
        links.add(link);
      }

      // Normal case: two requests from each device, each handled by one bridge, answered once.
      Map<DeviceLink.Sent, MqttDeviceLink> normal = sendFromEach(links, 2, Duration.ZERO);
      for (Map.Entry<DeviceLink.Sent, MqttDeviceLink> sent : normal.entrySet()) {
        Receipt receipt =
            sent.getValue().awaitReceipt(sent.getKey().nonce(), Duration.ofSeconds(90));
        assertThat(receipt.isCommitted()).as(receipt.toString()).isTrue();
      }
      Thread.sleep(2000);
      for (DeviceLink.Sent sent : normal.keySet()) {
        assertThat(receiptsOf(onTheWire, sent.nonce()))
            .as("receipts of " + sent.nonce())
            .hasSize(1)
            .allMatch(Receipt::isCommitted);
      }
      Set<String> handledByA = records(states.get(0));
      Set<String> handledByB = records(states.get(1));
      System.out.printf(
          "[multi-bridge] %d requests: bridge A handled %d, bridge B %d, each answered once%n",
          normal.size(), handledByA.size(), handledByB.size());
      assertThat(handledByA.size() + handledByB.size()).isEqualTo(normal.size());
      assertThat(handledByA).doesNotContainAnyElementsOf(handledByB);
      assertThat(handledByA).isNotEmpty();
      assertThat(handledByB).isNotEmpty();

      // Mid-flow: three more from each device, 200 ms apart; bridge A is killed meanwhile.
      Instant sentAt = Instant.now();
      Map<DeviceLink.Sent, MqttDeviceLink> flow = sendFromEach(links, 3, Duration.ofMillis(200));
      bridges.get(0).destroyForcibly().waitFor();
      Instant killed = Instant.now();
      System.out.printf(
          "[multi-bridge] bridge A SIGKILLed %.1f s after the first of %d requests was sent%n",
          Duration.between(sentAt, killed).toMillis() / 1000.0, flow.size());
      Set<String> slices = new TreeSet<>();
      for (Map.Entry<DeviceLink.Sent, MqttDeviceLink> sent : flow.entrySet()) {
        Receipt receipt =
            sent.getValue().awaitReceipt(sent.getKey().nonce(), Duration.ofSeconds(180));
        assertThat(receipt.isCommitted()).as(receipt.toString()).isTrue();
        slices.add(sliceId(sent.getValue().id(), sent.getKey().nonce()));
      }
      System.out.printf(
          "[multi-bridge] all %d answered %.1f s after the kill (device silence %d s)%n",
          flow.size(),
          Duration.between(killed, Instant.now()).toMillis() / 1000.0,
          SILENCE.toSeconds());
      int replays = 0;
      for (DeviceLink.Sent sent : flow.keySet()) {
        for (Receipt receipt : receiptsOf(onTheWire, sent.nonce())) {
          if (!receipt.isCommitted()) {
            // A copy the dead bridge had applied: answered with that commit, never a bare REPLAY.
            assertThat(receipt.earlierCommit()).as(receipt.toString()).isPresent();
            replays++;
          }
        }
      }
      System.out.printf(
          "[multi-bridge] %d receipts named an earlier commit (a copy sent again)%n", replays);
      for (MqttDeviceLink link : links) {
        Instant drainedBy = Instant.now().plusSeconds(30);
        while (link.unanswered() > 0 && Instant.now().isBefore(drainedBy)) {
          Thread.sleep(100);
        }
        assertThat(link.unanswered()).isZero();
      }
      assertThat(slices).hasSize(flow.size());
      for (String slice : slices) {
        assertThat(broker.ledger.evaluate(TransactionName.SLICE_GET_SLICE_HISTORY, slice))
            .containsOnlyOnce("\"BlueprintPublished\"");
      }
    } finally {
      for (MqttDeviceLink link : links) {
        link.close();
      }
      for (Process bridge : bridges) {
        bridge.destroy();
        bridge.waitFor();
      }
      tap.disconnect();
      tap.close();
    }
  }

  private static Map<DeviceLink.Sent, MqttDeviceLink> sendFromEach(
      final List<MqttDeviceLink> links, final int each, final Duration apart) throws Exception {
    Map<DeviceLink.Sent, MqttDeviceLink> sent = new java.util.LinkedHashMap<>();
    for (int i = 0; i < each; i++) {
      for (MqttDeviceLink link : links) {
        sent.put(link.send(Uplink.REQUEST, request(5)), link);
        Thread.sleep(apart.toMillis());
      }
    }
    return sent;
  }

  /** The de-duplication records a bridge wrote: one per message it handled. */
  private static Set<String> records(final Path state) throws Exception {
    Path messages = state.resolve("messages");
    if (!Files.isDirectory(messages)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.list(messages)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  private static List<Receipt> receiptsOf(
      final Map<String, List<Receipt>> wire, final String nonce) {
    synchronized (wire) {
      return List.copyOf(wire.getOrDefault(nonce, List.of()));
    }
  }

  /** Every receipt the bridges publish, by nonce, seen with the bridge's identity. */
  private static MqttClient tap(final Map<String, List<Receipt>> wire) throws Exception {
    MqttClient client =
        new MqttClient(
            broker.bridgeUrl(), "it-multi-tap-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(1_000);
    options.setSocketFactory(
        MqttTls.socketFactory(broker.caFile(), broker.bridgeCertFile(), broker.bridgeKeyFile()));
    client.connect(options);
    client.subscribe(
        "sfsb/v1/out/+/receipt",
        1,
        (topic, message) -> {
          Receipt receipt =
              Json.fromJson(
                  new String(message.getPayload(), StandardCharsets.UTF_8), Receipt.class);
          if (receipt.nonce() != null) {
            synchronized (wire) {
              wire.computeIfAbsent(receipt.nonce(), n -> new ArrayList<>()).add(receipt);
            }
          }
        });
    return client;
  }
}
