package io.sfsbroker.gateway.bridge;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The bridge's settings, read from a small JSON file (paths relative to the file's folder):
 *
 * <pre>
 * {"network": "../.runtime/network.json", "org": "broker",
 *  "mqtt": "../.runtime/mqtt.json",
 *  "clientId": "sfsb-bridge-1", "stateDir": "bridge-state",
 *  "workers": 4, "closeGraceSeconds": 2, "answerWithinSeconds": 30,
 *  "keepTryingSeconds": 120, "shareGroup": "sfsb-bridges", "fireDeadlines": true}
 * </pre>
 *
 * {@code mqtt} names the file {@code ./sfsbroker mqtt up} writes; {@code brokerUrl}, {@code
 * caFile}, {@code certFile} and {@code keyFile} given directly override it.
 *
 * @param network the network profile ({@code network.json})
 * @param org the organisation whose user the bridge submits as
 * @param brokerUrl the MQTT broker, e.g. {@code ssl://127.0.0.1:8883}
 * @param caFile the CA that issued the broker's certificate
 * @param certFile the bridge's client certificate
 * @param keyFile the bridge's PKCS#8 private key
 * @param clientId the stable MQTT client id of this bridge (its persistent session)
 * @param stateDir where the event checkpoint and the de-duplication records live
 * @param workers how many device messages are handled at once
 * @param closeGrace how long after a deadline the bridge's keeper goes on retrying, every 200 ms, a
 *     settlement the ledger still refuses as early (room for the clocks of the bridges that stamp
 *     requests and settlements to differ); the keeper fires each deadline as soon as it is due
 * @param answerWithin the longest a device waits for the receipt of a message: when the ledger has
 *     not taken its transaction by then, the device gets {@code UNAVAILABLE} while the bridge goes
 *     on trying and sends the verdict when it has one. Keep it well below the ledger's envelope
 *     clock skew (120 s by default), so that the device can still send the same envelope again
 * @param keepTrying how long, from its arrival, the bridge goes on submitting a message that has no
 *     verdict yet (the same signed transaction, again and again), to send the verdict as soon as
 *     there is one; after that the message waits, endorsed, for its device to send it again
 * @param shareGroup when several bridges share the device traffic: the MQTT shared subscription
 *     group they all name, so that each uplink goes to one of them; the session is then a clean
 *     one, so that a dead bridge's session never takes messages (devices send again what a dead
 *     bridge left without a receipt). {@code null} (the default) for a bridge of its own: its own
 *     subscription in a persistent session, where messages wait while it is away
 * @param fireDeadlines whether this bridge runs a keeper that fires the ledger's deadlines ({@code
 *     "fireDeadlines": false} for a bridge that only relays, where another bridge or a keeper
 *     elsewhere fires them; default true)
 */
public record BridgeConfig(
    Path network,
    String org,
    String brokerUrl,
    Path caFile,
    Path certFile,
    Path keyFile,
    String clientId,
    Path stateDir,
    int workers,
    Duration closeGrace,
    Duration answerWithin,
    Duration keepTrying,
    String shareGroup,
    boolean fireDeadlines) {

  /** How long a device waits for a receipt unless {@code answerWithinSeconds} says otherwise. */
  public static final Duration DEFAULT_ANSWER_WITHIN = Duration.ofSeconds(30);

  /** How long a message is tried in the background unless {@code keepTryingSeconds} says so. */
  public static final Duration DEFAULT_KEEP_TRYING = Duration.ofSeconds(120);

  /** The longest {@code answerWithinSeconds} may be. */
  public static final long MAX_ANSWER_WITHIN_SECONDS = 600;

  private static final Set<String> KEYS =
      Set.of(
          "network",
          "org",
          "mqtt",
          "brokerUrl",
          "caFile",
          "certFile",
          "keyFile",
          "clientId",
          "stateDir",
          "workers",
          "closeGraceSeconds",
          "answerWithinSeconds",
          "keepTryingSeconds",
          "shareGroup",
          "fireDeadlines");

  /** Checks the fields. */
  public BridgeConfig {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(brokerUrl, "brokerUrl");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(closeGrace, "closeGrace");
    if (!brokerUrl.startsWith("ssl://")) {
      throw new IllegalArgumentException("brokerUrl must be ssl://host:port, not " + brokerUrl);
    }
    if (clientId.isBlank() || clientId.length() > 64) {
      throw new IllegalArgumentException("clientId must be 1-64 characters");
    }
    if (workers < 1 || workers > 64) {
      throw new IllegalArgumentException("workers must be 1 to 64, got " + workers);
    }
    if (closeGrace.isNegative()) {
      throw new IllegalArgumentException("closeGraceSeconds must not be negative");
    }
    Objects.requireNonNull(answerWithin, "answerWithin");
    if (answerWithin.compareTo(Duration.ofSeconds(1)) < 0
        || answerWithin.toSeconds() > MAX_ANSWER_WITHIN_SECONDS) {
      throw new IllegalArgumentException(
          "answerWithinSeconds must be 1 to "
              + MAX_ANSWER_WITHIN_SECONDS
              + " (and well below the envelope clock skew), got "
              + answerWithin.toSeconds());
    }
    Objects.requireNonNull(keepTrying, "keepTrying");
    if (keepTrying.isNegative() || keepTrying.toSeconds() > 86_400) {
      throw new IllegalArgumentException(
          "keepTryingSeconds must be 0 to 86400, got " + keepTrying.toSeconds());
    }
    if (shareGroup != null) {
      Topics.sharedUplinks(shareGroup);
    }
  }

  /** The filter the bridge subscribes to: its group's share of the uplinks, or all of them. */
  public String uplinkFilter() {
    return shareGroup == null ? Topics.ALL_UPLINKS : Topics.sharedUplinks(shareGroup);
  }

  /**
   * Whether the bridge keeps a persistent MQTT session: only a bridge of its own. One of a share
   * group does not, because the broker would go on giving a dead member's offline session its share
   * of the uplinks.
   */
  public boolean persistentSession() {
    return shareGroup == null;
  }

  /** This configuration as a member of the share group {@code group}, firing deadlines or not. */
  public BridgeConfig inShareGroup(final String group, final boolean fires) {
    return new BridgeConfig(
        network,
        org,
        brokerUrl,
        caFile,
        certFile,
        keyFile,
        clientId,
        stateDir,
        workers,
        closeGrace,
        answerWithin,
        keepTrying,
        group,
        fires);
  }

  /** This configuration for a bridge that only relays: it fires no deadline. */
  public BridgeConfig relayOnly() {
    return inShareGroup(shareGroup, false);
  }

  /**
   * Reads a configuration file.
   *
   * @throws IllegalArgumentException when the file cannot be read, has an unknown key or lacks one
   */
  public static BridgeConfig load(final Path file) {
    Objects.requireNonNull(file, "file");
    Path base = file.toAbsolutePath().getParent();
    JsonObject root;
    try {
      root = Json.parseObject(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read the bridge configuration " + file + ": " + e.getMessage(), e);
    }
    for (String key : root.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            file + ": unknown key '" + key + "'; known keys are " + KEYS);
      }
    }
    JsonObject mqtt = new JsonObject();
    if (root.has("mqtt")) {
      Path mqttFile = base.resolve(string(root, "mqtt", file));
      try {
        mqtt = Json.parseObject(Files.readString(mqttFile));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            "cannot read " + mqttFile + " (./sfsbroker mqtt up writes it): " + e.getMessage(), e);
      }
    }
    JsonObject bridge = mqtt.has("bridge") ? mqtt.getAsJsonObject("bridge") : new JsonObject();
    return new BridgeConfig(
        base.resolve(string(root, "network", file)),
        root.has("org") ? string(root, "org", file) : "broker",
        root.has("brokerUrl")
            ? string(root, "brokerUrl", file)
            // The bridge's own listener (docs/protocol.md); an older mqtt.json has only "url".
            : bridge.has("url") ? string(bridge, "url", file) : string(mqtt, "url", file),
        base.resolve(
            root.has("caFile") ? string(root, "caFile", file) : string(mqtt, "caFile", file)),
        base.resolve(
            root.has("certFile")
                ? string(root, "certFile", file)
                : string(bridge, "certFile", file)),
        base.resolve(
            root.has("keyFile") ? string(root, "keyFile", file) : string(bridge, "keyFile", file)),
        root.has("clientId") ? string(root, "clientId", file) : "sfsb-bridge-1",
        base.resolve(root.has("stateDir") ? string(root, "stateDir", file) : "bridge-state"),
        root.has("workers") ? root.get("workers").getAsInt() : 4,
        Duration.ofSeconds(
            root.has("closeGraceSeconds") ? root.get("closeGraceSeconds").getAsLong() : 2),
        root.has("answerWithinSeconds")
            ? Duration.ofSeconds(root.get("answerWithinSeconds").getAsLong())
            : DEFAULT_ANSWER_WITHIN,
        root.has("keepTryingSeconds")
            ? Duration.ofSeconds(root.get("keepTryingSeconds").getAsLong())
            : DEFAULT_KEEP_TRYING,
        root.has("shareGroup") ? string(root, "shareGroup", file) : null,
        !root.has("fireDeadlines") || root.get("fireDeadlines").getAsBoolean());
  }

  private static String string(final JsonObject object, final String key, final Path file) {
    JsonElement value = object.get(key);
    if (value == null || !value.isJsonPrimitive()) {
      throw new IllegalArgumentException(
          file + ": '" + key + "' is missing (give it, or name the mqtt.json that has it)");
    }
    return value.getAsString();
  }
}
