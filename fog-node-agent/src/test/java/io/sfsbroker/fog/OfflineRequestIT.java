package io.sfsbroker.fog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import io.sfsbroker.device.MqttTls;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.UnverifiedEnvelope;
import io.sfsbroker.protocol.id.Ids;
import io.sfsbroker.protocol.mqtt.Downlink;
import io.sfsbroker.protocol.mqtt.InboundTopic;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.request.SliceRequestBody;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent over a real Mosquitto with TLS client certificates, with a stand-in for the bridge that
 * answers like it (receipts, {@code SliceAwarded}, {@code SliceReady} with an HTTP endpoint): a
 * request made while the broker is down is queued, sent once when the broker comes up, and ends in
 * a confirmed slice. Also runs the packaged jar with {@code -Xmx64m} through the same flow and
 * prints its heap. Needs {@code mosquitto} and {@code openssl} on the PATH, not Fabric; the whole
 * stack is the end-to-end test's.
 */
class OfflineRequestIT {

  @TempDir Path dir;

  private final TestServers services = new TestServers();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private Process broker;
  private MqttClient bridge;
  private int port;
  private int servicePort;

  @BeforeEach
  void pki() throws Exception {
    assumeTrue(onPath("mosquitto") && onPath("openssl"), "needs mosquitto and openssl");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key");
    openssl(
        "req",
        "-x509",
        "-new",
        "-key",
        "ca.key",
        "-subj",
        "/CN=Test MQTT CA",
        "-days",
        "2",
        "-sha256",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-out",
        "ca.crt");
    issue("server", "/CN=127.0.0.1", "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1");
    issue("fog-7", "/OU=fog-node/CN=fog-7", "extendedKeyUsage=clientAuth");
    issue("sfsb-bridge", "/OU=bridge/CN=sfsb-bridge", "extendedKeyUsage=clientAuth");
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Files.writeString(
        dir.resolve("mosquitto.conf"),
        String.join(
            "\n",
            "user " + System.getProperty("user.name"),
            "allow_anonymous false",
            "persistence true",
            "persistence_location " + dir + File.separator,
            "log_dest file " + dir.resolve("mosquitto.log"),
            "listener " + port + " 127.0.0.1",
            "cafile " + dir.resolve("ca.crt"),
            "certfile " + dir.resolve("server.crt"),
            "keyfile " + dir.resolve("server.key"),
            "require_certificate true",
            "use_identity_as_username true",
            ""));
    Files.writeString(
        dir.resolve("fog-7.json"),
        """
        {"device": {"id": "fog-7", "role": "fog-node", "brokerUrl": "ssl://127.0.0.1:%d",
          "caFile": "ca.crt", "certFile": "fog-7.crt", "keyFile": "fog-7.key",
          "stateDir": "state"},
         "requestTimeoutSeconds": 60, "portWaitSeconds": 5}"""
            .formatted(port));
    servicePort = services.http(200);
  }

  @AfterEach
  void stop() throws Exception {
    if (bridge != null && bridge.isConnected()) {
      bridge.disconnect();
    }
    if (broker != null) {
      broker.destroy();
      broker.waitFor(10, TimeUnit.SECONDS);
    }
    services.close();
  }

  @Test
  void requestWhileTheBrokerIsDown_isSentOnceOnReconnectAndEndsInAConfirmedSlice()
      throws Exception {
    FogConfig config = FogConfig.load(dir.resolve("fog-7.json"));
    List<String> progress = new CopyOnWriteArrayList<>();
    try (FogNodeAgent agent = new FogNodeAgent(config, Clock.systemUTC())) {
      agent.onProgress(progress::add);
      CompletableFuture<SliceReport> report =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return agent.requestSlice(SliceRequestBody.ofClass("ar-vr", 20_000));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      waitFor(() -> progress.stream().anyMatch(p -> p.contains("queued in the outbox")));

      startBroker();
      startBridge();
      SliceReport slice = report.get(60, TimeUnit.SECONDS);

      assertThat(slice.outcome()).isEqualTo(SliceReport.Outcome.CONFIRMED);
      assertThat(slice.ports())
          .singleElement()
          .satisfies(p -> assertThat(p.httpStatus()).isEqualTo(200));
      assertThat(requests).hasSize(1);
      System.out.println(TextReports.slice(slice));
    }
  }

  /** Runs the jar with the launch script (so {@code -Xmx64m}) and prints the heap it used. */
  @Test
  void packagedJar_withA64MegabyteHeap_completesARequest() throws Exception {
    Path jar = Path.of("target", "fog-node-agent.jar").toAbsolutePath();
    assumeTrue(Files.isRegularFile(jar), "needs the packaged jar (mvn package)");
    startBroker();
    startBridge();
    Path gcLog = dir.resolve("gc.log");
    ProcessBuilder run =
        new ProcessBuilder(
                Path.of("bin", "fog-node-agent").toAbsolutePath().toString(),
                "request",
                "--config",
                dir.resolve("fog-7.json").toString(),
                "--class",
                "ar-vr",
                "--budget",
                "20000")
            .redirectErrorStream(true);
    run.environment().put("FOG_NODE_AGENT_JAVA_OPTS", GcLog.option(gcLog));
    Process agent = run.start();
    String output = new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(agent.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(agent.exitValue()).as(output).isZero();
    assertThat(output).contains("IN_SERVICE (service confirmed)").doesNotContain("OutOfMemory");
    System.out.println(output);

    GcLog heap = GcLog.read(gcLog);
    assertThat(heap.atExitKilobytes()).isPositive();
    System.out.println("fog-node-agent request over MQTT, bin/fog-node-agent (-Xmx64m): " + heap);
  }

  // ---- the broker and the bridge's stand-in --------------------------------------------------

  private void startBroker() throws Exception {
    broker =
        new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.out").toFile())
            .start();
    waitFor(
        () -> {
          try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return probe.isConnected();
          } catch (IOException e) {
            return false;
          }
        });
  }

  /** Answers like the bridge: a receipt for each message, the award and handover for requests. */
  private void startBridge() throws Exception {
    bridge = new MqttClient("ssl://127.0.0.1:" + port, "sfsb-bridge-test", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setSocketFactory(
        MqttTls.socketFactory(
            dir.resolve("ca.crt"), dir.resolve("sfsb-bridge.crt"), dir.resolve("sfsb-bridge.key")));
    bridge.connect(options);
    bridge.subscribe(
        Topics.ALL_UPLINKS,
        1,
        (topic, message) -> {
          Thread answer = new Thread(() -> answer(topic, message), "bridge-answer");
          answer.start();
        });
  }

  private void answer(final String topic, final MqttMessage message) {
    try {
      InboundTopic inbound = Topics.parseUplink(topic).orElseThrow();
      UnverifiedEnvelope envelope =
          UnverifiedEnvelope.parse(new String(message.getPayload(), StandardCharsets.UTF_8));
      String fog = inbound.deviceId();
      String nonce = envelope.nonce();
      if (inbound.uplink() == Uplink.REQUEST) {
        requests.add(nonce);
        String id = Ids.slice(fog, nonce);
        publish(fog, Downlink.RECEIPT, receipt(topic, fog, nonce, Map.of("id", id)));
        publish(fog, Downlink.STATUS, notice("SliceAwarded", FogNodeAgentTest.award(id)));
        JsonObject slice = FogNodeAgentTest.slice(id, servicePort, servicePort);
        slice.getAsJsonArray("endpoints").remove(1);
        publish(fog, Downlink.SLICE, notice("SliceReady", slice));
      } else {
        publish(fog, Downlink.RECEIPT, receipt(topic, fog, nonce, Map.of("state", "IN_SERVICE")));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String receipt(
      final String topic, final String fog, final String nonce, final Map<String, String> result) {
    return Json.toJson(
        Receipt.committed(
            topic, fog, nonce, "slice-request", "tx-" + nonce, 42, Json.toJsonTree(result)));
  }

  private static String notice(final String event, final JsonObject payload) {
    return Json.toJson(new Notice(1, event, "tx-" + event + System.nanoTime(), 43, payload));
  }

  private void publish(final String fog, final Downlink downlink, final String payload)
      throws Exception {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    bridge.publish(Topics.downlink(fog, downlink), message);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void issue(final String name, final String subject, final String extensions)
      throws Exception {
    openssl(
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        name + ".key");
    openssl("req", "-new", "-key", name + ".key", "-subj", subject, "-out", name + ".csr");
    Files.writeString(dir.resolve(name + ".ext"), extensions + "\n");
    openssl(
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-sha256",
        "-extfile",
        name + ".ext",
        "-out",
        name + ".crt");
  }

  private void openssl(final String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + ": " + output);
    }
  }

  private static boolean onPath(final String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String folder : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(folder, tool))) {
        return true;
      }
    }
    return false;
  }

  private static void waitFor(final java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting");
      }
      Thread.sleep(100);
    }
  }
}
