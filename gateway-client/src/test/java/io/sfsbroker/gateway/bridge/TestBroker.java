package io.sfsbroker.gateway.bridge;

import com.google.gson.JsonObject;
import io.sfsbroker.device.MqttTls;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.network.TestNetwork;
import io.sfsbroker.gateway.testbed.Testbed;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.participant.ParticipantRole;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The running network and MQTT broker, for the integration tests of the bridge and of the whole
 * stack ({@code io.sfsbroker.gateway.system}): issues device certificates ({@code ./sfsbroker mqtt
 * issue}), registers devices on the ledger, gives bridge configurations, stops and starts
 * Mosquitto.
 */
public final class TestBroker implements AutoCloseable {

  public final NetworkProfile profile;
  public final Path networkFile;
  public final JsonObject mqtt;

  /** The admins who register devices and mint credits. */
  public final Testbed testbed;

  /** Evaluates as a tenants user: what anyone may read. */
  public final ChaincodeClient ledger;

  /** The network and broker that {@code ./sfsbroker test} started; fails when either is missing. */
  public TestBroker() {
    TestNetwork network = TestNetwork.running();
    this.profile = network.profile();
    String property = System.getProperty("sfsbroker.network");
    this.networkFile =
        property != null && !property.isBlank()
            ? Path.of(property)
            : Path.of("..", ".runtime", "network.json").toAbsolutePath().normalize();
    String mqttProperty = System.getProperty("sfsbroker.mqtt");
    Path mqttFile =
        mqttProperty != null && !mqttProperty.isBlank()
            ? Path.of(mqttProperty)
            : networkFile.resolveSibling("mqtt.json");
    try {
      this.mqtt = Json.parseObject(Files.readString(mqttFile));
    } catch (IOException e) {
      throw new IllegalStateException(
          "no running MQTT broker: "
              + mqttFile
              + " is missing. Run ./sfsbroker test, or ./sfsbroker mqtt up first.",
          e);
    }
    this.testbed = Testbed.connect(profile);
    this.ledger = testbed.ledger();
  }

  public String url() {
    return mqtt.get("url").getAsString();
  }

  /**
   * The bridge's own listener, where only certificates of the bridge CA connect and client ids are
   * free (the devices' listener makes every client id the certificate's name).
   */
  public String bridgeUrl() {
    JsonObject bridge = mqtt.getAsJsonObject("bridge");
    return bridge.has("url") ? bridge.get("url").getAsString() : url();
  }

  /** The bridge's certificate, which connects on {@link #bridgeUrl()} only. */
  public Path bridgeCertFile() {
    return Path.of(mqtt.getAsJsonObject("bridge").get("certFile").getAsString());
  }

  /** The bridge's key. */
  public Path bridgeKeyFile() {
    return Path.of(mqtt.getAsJsonObject("bridge").get("keyFile").getAsString());
  }

  public Path caFile() {
    return Path.of(mqtt.get("caFile").getAsString());
  }

  /** A bridge configuration with its own client id and state folder. */
  public BridgeConfig bridgeConfig(final String clientId, final Path stateDir) {
    return bridgeConfig(clientId, stateDir, Duration.ofSeconds(1));
  }

  /**
   * A bridge configuration with its own client id and state folder that closes offer windows {@code
   * closeGrace} after their deadline.
   */
  public BridgeConfig bridgeConfig(
      final String clientId, final Path stateDir, final Duration closeGrace) {
    return bridgeConfig(clientId, stateDir, closeGrace, BridgeConfig.DEFAULT_ANSWER_WITHIN);
  }

  /**
   * A bridge configuration that also answers {@code UNAVAILABLE} when the ledger has not taken a
   * message's transaction within {@code answerWithin}.
   */
  public BridgeConfig bridgeConfig(
      final String clientId,
      final Path stateDir,
      final Duration closeGrace,
      final Duration answerWithin) {
    return bridgeConfig(
        clientId, stateDir, closeGrace, answerWithin, BridgeConfig.DEFAULT_KEEP_TRYING);
  }

  /**
   * A bridge configuration that answers {@code UNAVAILABLE} after {@code answerWithin} and goes on
   * submitting such a message for {@code keepTrying} from its arrival.
   */
  public BridgeConfig bridgeConfig(
      final String clientId,
      final Path stateDir,
      final Duration closeGrace,
      final Duration answerWithin,
      final Duration keepTrying) {
    JsonObject bridge = mqtt.getAsJsonObject("bridge");
    return new BridgeConfig(
        networkFile,
        "broker",
        bridgeUrl(),
        caFile(),
        Path.of(bridge.get("certFile").getAsString()),
        Path.of(bridge.get("keyFile").getAsString()),
        clientId,
        stateDir,
        4,
        closeGrace,
        answerWithin,
        keepTrying,
        null,
        true);
  }

  /** Issues a certificate for a new device and, when {@code register}, registers it on chain. */
  public TestDevice device(final String prefix, final String role, final boolean register) {
    String id = prefix + "-" + System.nanoTime();
    String output = sfsbroker("mqtt", "issue", id, role);
    Path key = Path.of(line(output, "key: "));
    Path cert = Path.of(line(output, "certificate: "));
    if (register) {
      try {
        testbed.register(
            id,
            role.equals("rp") ? ParticipantRole.RESOURCE_PROVIDER : ParticipantRole.FOG_NODE,
            Files.readString(cert));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      if (role.equals("fog-node") && testbed.hasCredits()) {
        testbed.mint(id, 1_000_000);
      }
    }
    return new TestDevice(id, role, key, cert, this);
  }

  /** Polls the ledger until a bridge has closed the offer window of {@code id}. */
  public JsonObject awaitSelection(final String id) throws InterruptedException {
    return testbed.reader().awaitSelection(id, Duration.ofSeconds(120));
  }

  /** Removes the persistent session of a stopped bridge, so it does not queue messages forever. */
  public void dropSession(final BridgeConfig config) throws MqttException {
    dropSession(config.clientId(), config.certFile(), config.keyFile());
  }

  /**
   * Removes the persistent session {@code clientId} (a stopped bridge's, agent's or observer's), so
   * that the broker does not queue messages for it forever.
   */
  public void dropSession(final String clientId, final Path certFile, final Path keyFile)
      throws MqttException {
    String where = certFile.equals(bridgeCertFile()) ? bridgeUrl() : url();
    MqttClient client = new MqttClient(where, clientId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setSocketFactory(MqttTls.socketFactory(caFile(), certFile, keyFile));
    client.connect(options);
    client.disconnect();
    client.close();
  }

  /** Stops Mosquitto ({@code ./sfsbroker mqtt down}); its persistent sessions are saved. */
  public void stopMosquitto() {
    sfsbroker("mqtt", "down");
  }

  /**
   * Starts Mosquitto again on the same port ({@code ./sfsbroker mqtt up}) and waits until the port
   * accepts connections.
   */
  public void startMosquitto() throws InterruptedException {
    sfsbroker("mqtt", "up");
    String host = mqtt.get("host").getAsString();
    int port = mqtt.get("port").getAsInt();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1000);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Mosquitto does not answer on " + host + ":" + port, e);
        }
        Thread.sleep(200);
      }
    }
  }

  private static String line(final String output, final String prefix) {
    return output
        .lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()).trim())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no '" + prefix + "' in: " + output));
  }

  public String sfsbroker(final String... args) {
    try {
      String[] command = new String[args.length + 1];
      command[0] = mqtt.get("sfsbroker").getAsString();
      System.arraycopy(args, 0, command, 1, args.length);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("SFSB_RUNTIME", mqtt.get("runtime").getAsString());
      // The broker's own address, whatever port offset the network was started with.
      builder.environment().put("SFSB_HOST", mqtt.get("host").getAsString());
      builder.environment().put("SFSB_MQTT_PORT", mqtt.get("port").getAsString());
      String bridgeUrl = bridgeUrl();
      builder
          .environment()
          .put("SFSB_MQTT_BRIDGE_PORT", bridgeUrl.substring(bridgeUrl.lastIndexOf(':') + 1));
      Process process = builder.start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    testbed.close();
  }
}
