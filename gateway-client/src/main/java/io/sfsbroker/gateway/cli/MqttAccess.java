package io.sfsbroker.gateway.cli;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Takes a revoked participant's MQTT access: runs {@code ./sfsbroker mqtt revoke ID} for the broker
 * that the {@code mqtt.json} beside the network profile describes (its ACL grants go, its
 * certificate goes on the CRL, its live connection is closed). Without an {@code mqtt.json} (no
 * broker on this host) it says so and does nothing.
 */
final class MqttAccess {

  private MqttAccess() {}

  /**
   * Revokes {@code id}'s MQTT access; false, with a note on {@code err} that tells what to run,
   * when it could not.
   */
  static boolean revoke(final Path networkFile, final String id, final PrintWriter err) {
    Objects.requireNonNull(networkFile, "networkFile");
    Objects.requireNonNull(id, "id");
    Path mqttFile = networkFile.toAbsolutePath().resolveSibling("mqtt.json");
    if (!Files.isRegularFile(mqttFile)) {
      err.println(
          "note: no MQTT broker profile at "
              + mqttFile
              + "; if "
              + id
              + " has an MQTT certificate elsewhere, run ./sfsbroker mqtt revoke "
              + id
              + " there");
      err.flush();
      return true;
    }
    try {
      JsonObject mqtt = Json.parseObject(Files.readString(mqttFile));
      ProcessBuilder builder =
          new ProcessBuilder(List.of(mqtt.get("sfsbroker").getAsString(), "mqtt", "revoke", id));
      builder.environment().put("SFSB_RUNTIME", mqtt.get("runtime").getAsString());
      builder.environment().put("SFSB_HOST", mqtt.get("host").getAsString());
      builder.environment().put("SFSB_MQTT_PORT", mqtt.get("port").getAsString());
      builder.redirectErrorStream(true);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      err.print(output);
      if (process.exitValue() != 0) {
        err.println(
            "error: the ledger revoked "
                + id
                + " but its MQTT access could not be taken; run ./sfsbroker mqtt revoke "
                + id);
        err.flush();
        return false;
      }
      err.flush();
      return true;
    } catch (IOException | RuntimeException e) {
      err.println(
          "error: the ledger revoked "
              + id
              + " but "
              + mqttFile
              + " could not be used ("
              + e.getMessage()
              + "); run ./sfsbroker mqtt revoke "
              + id);
      err.flush();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
