package io.sfsbroker.device;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.Envelope;
import io.sfsbroker.protocol.mqtt.Topics;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a device reaches the bridge: who it is and where its broker, keys and state are.
 *
 * <p>In a configuration file (JSON) these are the fields of a {@code device} object; file paths are
 * relative to the file's folder:
 *
 * <pre>
 * "device": {"id": "fog-1", "role": "fog-node", "brokerUrl": "ssl://127.0.0.1:8883",
 *            "caFile": "ca.crt", "certFile": "fog-1.crt", "keyFile": "fog-1.key",
 *            "stateDir": "state/fog-1"}
 * </pre>
 *
 * @param id the participant id, which is also the CN of the certificate and the MQTT client id
 * @param role {@link Topics#ROLE_FOG_NODE} or {@link Topics#ROLE_RP}
 * @param brokerUrl the broker, {@code ssl://host:port}
 * @param caFile the CA that signed the broker's certificate (PEM)
 * @param certFile the device's client certificate (PEM)
 * @param keyFile the device's P-256 key (PKCS#8 PEM); it signs the envelopes too
 * @param stateDir where the device keeps its outbox and what it has seen, across restarts
 */
public record DeviceConfig(
    String id,
    String role,
    String brokerUrl,
    Path caFile,
    Path certFile,
    Path keyFile,
    Path stateDir) {

  /** Checks the fields. */
  public DeviceConfig {
    Objects.requireNonNull(id, "id");
    if (!Envelope.SIGNER_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "device id '" + id + "' is not a participant id (1-64 of A-Z a-z 0-9 . _ -)");
    }
    if (!Topics.ROLE_FOG_NODE.equals(role) && !Topics.ROLE_RP.equals(role)) {
      throw new IllegalArgumentException(
          "device role must be "
              + Topics.ROLE_FOG_NODE
              + " or "
              + Topics.ROLE_RP
              + ", not "
              + role);
    }
    Objects.requireNonNull(brokerUrl, "brokerUrl");
    String scheme = URI.create(brokerUrl).getScheme();
    if (!"ssl".equals(scheme)) {
      throw new IllegalArgumentException(
          "brokerUrl must be ssl://host:port (the broker takes TLS only), not " + brokerUrl);
    }
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(stateDir, "stateDir");
  }

  /**
   * Reads the {@code device} object of {@code json}, resolving paths against {@code baseDir}.
   *
   * @throws IllegalArgumentException naming the missing or bad field
   */
  public static DeviceConfig fromJson(final JsonObject json, final Path baseDir) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(baseDir, "baseDir");
    return new DeviceConfig(
        text(json, "id"),
        text(json, "role"),
        text(json, "brokerUrl"),
        baseDir.resolve(text(json, "caFile")),
        baseDir.resolve(text(json, "certFile")),
        baseDir.resolve(text(json, "keyFile")),
        baseDir.resolve(text(json, "stateDir")));
  }

  /**
   * Reads the {@code device} object of the configuration file {@code file}.
   *
   * @throws IllegalArgumentException when the file cannot be read or a field is missing
   */
  public static DeviceConfig load(final Path file) {
    JsonObject root = readObject(file);
    if (!root.has("device") || !root.get("device").isJsonObject()) {
      throw new IllegalArgumentException(file + ": no \"device\" object");
    }
    return fromJson(root.getAsJsonObject("device"), baseDir(file));
  }

  /**
   * The JSON object in {@code file}.
   *
   * @throws IllegalArgumentException when it cannot be read or is not a JSON object
   */
  public static JsonObject readObject(final Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return Json.parseObject(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not a JSON object: " + e.getMessage(), e);
    }
  }

  /** The folder relative paths in {@code file} are resolved against. */
  public static Path baseDir(final Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".") : parent;
  }

  private static String text(final JsonObject json, final String field) {
    JsonElement value = json.get(field);
    if (value == null || !value.isJsonPrimitive() || value.getAsString().isBlank()) {
      throw new IllegalArgumentException("device." + field + " is missing");
    }
    return value.getAsString();
  }
}
