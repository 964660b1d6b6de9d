package io.sfsbroker.demo;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the demo's processes are, as {@code ./sfsbroker demo} passes them (system properties).
 *
 * @param dir the demo's folder: configurations, reports, the steps file
 * @param network the network profile ({@code network.json})
 * @param mqttUrl the devices' listener of the MQTT broker
 * @param caFile the MQTT broker's CA
 * @param clients where {@code ./sfsbroker mqtt issue} put the devices' certificates and keys
 * @param dockerHost the Docker engine the RPs run slices on
 * @param sliceImage the image slices run
 * @param portBase the first host port of the first RP's block of 250
 * @param fogAgent the fog-node agent's launch script ({@code fog-node-agent/bin/fog-node-agent})
 */
record Settings(
    Path dir,
    Path network,
    String mqttUrl,
    Path caFile,
    Path clients,
    String dockerHost,
    String sliceImage,
    int portBase,
    Path fogAgent) {

  /** Ports per RP. */
  static final int PORTS_PER_RP = 250;

  static Settings fromSystemProperties() {
    Path mqttFile = Path.of(required("sfsbroker.mqtt"));
    JsonObject mqtt;
    try {
      mqtt = Json.parseObject(Files.readString(mqttFile));
    } catch (IOException e) {
      throw new IllegalStateException(
          "no running MQTT broker: " + mqttFile + " is missing; ./sfsbroker mqtt up", e);
    }
    return new Settings(
        Path.of(required("sfsbroker.demo.dir")),
        Path.of(required("sfsbroker.network")),
        mqtt.get("url").getAsString(),
        Path.of(mqtt.get("caFile").getAsString()),
        Path.of(required("sfsbroker.demo.clients")),
        required("sfsbroker.docker"),
        required("sfsbroker.demo.image"),
        Integer.parseInt(required("sfsbroker.demo.portBase")),
        Path.of(required("sfsbroker.demo.fogAgent")));
  }

  Path config(final String deviceId) {
    return dir.resolve("config").resolve(deviceId + ".json");
  }

  Path reports() {
    return dir.resolve("reports");
  }

  Path steps() {
    return dir.resolve("steps");
  }

  private static String required(final String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "-D" + property + " is not set (./sfsbroker demo sets it)");
    }
    return value;
  }
}
