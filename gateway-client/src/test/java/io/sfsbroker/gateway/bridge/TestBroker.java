package io.sfsbroker.gateway.bridge;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.network.TestNetwork;
import io.sfsbroker.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The running network and MQTT broker, for the bridge's integration tests: issues device
 * certificates ({@code ./sfsbroker mqtt issue}), registers devices on the ledger, starts bridges.
 */
final class TestBroker implements AutoCloseable {

  final NetworkProfile profile;
  final Path networkFile;
  final JsonObject mqtt;
  final GatewayConnection tenantsAdmin;
  final GatewayConnection providersAdmin;
  final GatewayConnection observer;
  final GatewayConnection brokerAdmin;
  final ChaincodeClient ledger;

  TestBroker() {
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
    this.tenantsAdmin = GatewayConnection.asAdmin(profile.org("tenants"), Deadlines.DEFAULT);
    this.providersAdmin = GatewayConnection.asAdmin(profile.org("providers"), Deadlines.DEFAULT);
    this.observer = GatewayConnection.asUser(profile.org("tenants"), Deadlines.DEFAULT);
    this.brokerAdmin = GatewayConnection.asAdmin(profile.org("broker"), Deadlines.DEFAULT);
    this.ledger = new ChaincodeClient(observer.network(profile.channel()), profile.chaincode());
  }

  String url() {
    return mqtt.get("url").getAsString();
  }

  Path caFile() {
    return Path.of(mqtt.get("caFile").getAsString());
  }

  /** A bridge configuration with its own client id and state folder. */
  BridgeConfig bridgeConfig(final String clientId, final Path stateDir) {
    JsonObject bridge = mqtt.getAsJsonObject("bridge");
    return new BridgeConfig(
        networkFile,
        "broker",
        url(),
        caFile(),
        Path.of(bridge.get("certFile").getAsString()),
        Path.of(bridge.get("keyFile").getAsString()),
        clientId,
        stateDir,
        4,
        Duration.ofSeconds(1));
  }

  /** Issues a certificate for a new device and, when {@code register}, registers it on chain. */
  TestDevice device(final String prefix, final String role, final boolean register) {
    String id = prefix + "-" + System.nanoTime();
    String output = sfsbroker("mqtt", "issue", id, role);
    Path key = Path.of(line(output, "key: "));
    Path cert = Path.of(line(output, "certificate: "));
    if (register) {
      Map<String, String> registration = new LinkedHashMap<>();
      registration.put("id", id);
      registration.put("role", role.equals("rp") ? "RESOURCE_PROVIDER" : "FOG_NODE");
      try {
        registration.put("publicKey", Files.readString(cert));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      GatewayConnection admin = role.equals("rp") ? providersAdmin : tenantsAdmin;
      new ChaincodeClient(admin.network(profile.channel()), profile.chaincode())
          .submit("participant", "register", Json.toJson(registration));
      if (role.equals("fog-node")) {
        fund(id);
      }
    }
    return new TestDevice(id, role, key, cert, this);
  }

  /** Polls the ledger until a bridge has closed the offer window of {@code id}. */
  JsonObject awaitSelection(final String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        return Json.parseObject(ledger.evaluate("selection", "getSelection", id));
      } catch (LedgerException e) {
        Thread.sleep(500);
      }
    }
    throw new AssertionError("no bridge closed the offer window of " + id);
  }

  /**
   * Gives a fog node credits for the escrow, when the deployed chaincode has the {@code credit}
   * contract (a chaincode without it awards without payment).
   */
  private void fund(final String deviceId) {
    ChaincodeClient admin =
        new ChaincodeClient(brokerAdmin.network(profile.channel()), profile.chaincode());
    try {
      admin.evaluate("credit", "getTreasury");
    } catch (LedgerException e) {
      if (String.valueOf(e.getMessage()).contains("Undefined contract")) {
        return;
      }
      admin.submit(
          "credit",
          "configureTreasury",
          Json.toJson(Map.of("treasuryOrgs", List.of(profile.org("broker").mspId()))));
    }
    admin.submit(
        "credit", "mint", Json.toJson(Map.of("to", "device:" + deviceId, "amount", 1_000_000)));
  }

  /** Removes the persistent session of a stopped bridge, so it does not queue messages forever. */
  void dropSession(final BridgeConfig config) throws MqttException {
    MqttClient client =
        new MqttClient(config.brokerUrl(), config.clientId(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setSocketFactory(
        MqttTls.socketFactory(config.caFile(), config.certFile(), config.keyFile()));
    client.connect(options);
    client.disconnect();
    client.close();
  }

  private static String line(final String output, final String prefix) {
    return output
        .lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()).trim())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no '" + prefix + "' in: " + output));
  }

  private String sfsbroker(final String... args) {
    try {
      String[] command = new String[args.length + 1];
      command[0] = mqtt.get("sfsbroker").getAsString();
      System.arraycopy(args, 0, command, 1, args.length);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("SFSB_RUNTIME", mqtt.get("runtime").getAsString());
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
    tenantsAdmin.close();
    providersAdmin.close();
    observer.close();
    brokerAdmin.close();
  }
}
