package io.sfsbroker.fog;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.device.DeviceConfig;
import io.sfsbroker.protocol.mqtt.Topics;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The fog-node agent's configuration file (JSON; docs/fog-node-agent.md):
 *
 * <pre>
 * {"device": {"id": "fog-7", "role": "fog-node", "brokerUrl": "ssl://10.0.0.2:8883",
 *             "caFile": "ca.crt", "certFile": "fog-7.crt", "keyFile": "fog-7.key",
 *             "stateDir": "state"},
 *  "requestTimeoutSeconds": 600, "portCheckTimeoutMillis": 2000, "portWaitSeconds": 20,
 *  "httpCheck": true}
 * </pre>
 *
 * <p>Only {@code device} is required; paths are relative to the file's folder.
 *
 * @param device the device's identity, broker and state folder; its role must be {@code fog-node}
 * @param requestTimeout how long a request waits for its receipt and its outcome (and a
 *     confirmation or release for its receipt); {@value #DEFAULT_REQUEST_TIMEOUT_SECONDS} s unless
 *     given
 * @param portCheckTimeout how long one connection to one port of the slice may take; {@value
 *     #DEFAULT_PORT_CHECK_TIMEOUT_MILLIS} ms unless given
 * @param portWait how long ports that do not answer are tried again before the slice is reported
 *     unreachable; {@value #DEFAULT_PORT_WAIT_SECONDS} s unless given
 * @param httpCheck whether a port that accepts a connection is also asked {@code GET /}; a port
 *     that answers with HTTP 5xx then counts as not answering; {@code true} unless given
 */
public record FogConfig(
    DeviceConfig device,
    Duration requestTimeout,
    Duration portCheckTimeout,
    Duration portWait,
    boolean httpCheck) {

  /** The request timeout when the file gives none: an offer window, instantiation and margin. */
  public static final long DEFAULT_REQUEST_TIMEOUT_SECONDS = 600;

  /** The connection timeout of one port check when the file gives none. */
  public static final long DEFAULT_PORT_CHECK_TIMEOUT_MILLIS = 2_000;

  /** How long unanswered ports are tried again when the file gives no time. */
  public static final long DEFAULT_PORT_WAIT_SECONDS = 20;

  private static final Set<String> FIELDS =
      Set.of(
          "device",
          "requestTimeoutSeconds",
          "portCheckTimeoutMillis",
          "portWaitSeconds",
          "httpCheck");

  /** Checks the fields. */
  public FogConfig {
    Objects.requireNonNull(device, "device");
    if (!Topics.ROLE_FOG_NODE.equals(device.role())) {
      throw new IllegalArgumentException(
          "device.role must be "
              + Topics.ROLE_FOG_NODE
              + " for the fog-node agent, not "
              + device.role()
              + " (is this a resource provider's file?)");
    }
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(portCheckTimeout, "portCheckTimeout");
    Objects.requireNonNull(portWait, "portWait");
    requireRange("requestTimeoutSeconds", requestTimeout.toSeconds(), 1, 86_400);
    requireRange("portCheckTimeoutMillis", portCheckTimeout.toMillis(), 10, 60_000);
    requireRange("portWaitSeconds", portWait.toSeconds(), 0, 3_600);
  }

  /** A configuration of {@code device} with every default. */
  public static FogConfig of(final DeviceConfig device) {
    return new FogConfig(
        device,
        Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS),
        Duration.ofMillis(DEFAULT_PORT_CHECK_TIMEOUT_MILLIS),
        Duration.ofSeconds(DEFAULT_PORT_WAIT_SECONDS),
        true);
  }

  /**
   * Reads the configuration file {@code file}.
   *
   * @throws IllegalArgumentException naming the file and the missing, unknown or bad field
   */
  public static FogConfig load(final Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("cannot read " + file + ": no such file");
    }
    JsonObject root = DeviceConfig.readObject(file);
    try {
      return fromJson(root, DeviceConfig.baseDir(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a configuration object, resolving paths against {@code baseDir}.
   *
   * @throws IllegalArgumentException naming the missing, unknown or bad field
   */
  public static FogConfig fromJson(final JsonObject root, final Path baseDir) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(baseDir, "baseDir");
    for (String field : root.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            "unknown field \"" + field + "\"; the fields are " + new java.util.TreeSet<>(FIELDS));
      }
    }
    if (!root.has("device") || !root.get("device").isJsonObject()) {
      throw new IllegalArgumentException("no \"device\" object");
    }
    DeviceConfig device = DeviceConfig.fromJson(root.getAsJsonObject("device"), baseDir);
    return new FogConfig(
        device,
        Duration.ofSeconds(whole(root, "requestTimeoutSeconds", DEFAULT_REQUEST_TIMEOUT_SECONDS)),
        Duration.ofMillis(whole(root, "portCheckTimeoutMillis", DEFAULT_PORT_CHECK_TIMEOUT_MILLIS)),
        Duration.ofSeconds(whole(root, "portWaitSeconds", DEFAULT_PORT_WAIT_SECONDS)),
        flag(root, "httpCheck", true));
  }

  /** This configuration with another request timeout. */
  public FogConfig withRequestTimeout(final Duration timeout) {
    return new FogConfig(device, timeout, portCheckTimeout, portWait, httpCheck);
  }

  private static long whole(final JsonObject root, final String field, final long fallback) {
    JsonElement value = root.get(field);
    if (value == null || value.isJsonNull()) {
      return fallback;
    }
    try {
      if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
        throw new NumberFormatException();
      }
      return new BigDecimal(value.getAsString()).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(field + " must be a whole number, not " + value, e);
    }
  }

  private static boolean flag(final JsonObject root, final String field, final boolean fallback) {
    JsonElement value = root.get(field);
    if (value == null || value.isJsonNull()) {
      return fallback;
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
      throw new IllegalArgumentException(field + " must be true or false, not " + value);
    }
    return value.getAsBoolean();
  }

  private static void requireRange(
      final String field, final long value, final long min, final long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " must be " + min + " to " + max + ", was " + value);
    }
  }
}
