package io.sfsbroker.rp;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configurations for the tests, written as the JSON an operator would write. */
final class TestConfigs {

  private TestConfigs() {}

  /** The JSON of an RP {@code rpId} with CPU, memory, storage and bandwidth, and {@code extra}. */
  static JsonObject json(final String rpId, final String extra) {
    return Json.parseObject(
        """
        {"device": {"id": "%s", "role": "rp", "brokerUrl": "ssl://127.0.0.1:8883",
                    "caFile": "ca.crt", "certFile": "rp.crt", "keyFile": "rp.key",
                    "stateDir": "state"},
         "categories": {
           "cpu-millicores": {"capacity": 2000, "cost": 1, "price": 3},
           "memory-mib": {"capacity": 1024, "cost": 1, "price": 2},
           "storage-mib": {"capacity": 512, "cost": 1, "price": 1},
           "bandwidth-mbps": {"capacity": 1000, "cost": 2, "price": 6, "services": 2}
         }%s}
        """
            .formatted(rpId, extra.isEmpty() ? "" : ", " + extra));
  }

  /**
   * The configuration of {@link #json} with defaults for everything else, keeping its state (the
   * award journal) in a new temporary folder.
   */
  static RpConfig config(final String rpId, final String extra) {
    JsonObject json = json(rpId, extra);
    try {
      Path state = Files.createTempDirectory("sfsb-rp-state-");
      state.toFile().deleteOnExit();
      json.getAsJsonObject("device").addProperty("stateDir", state.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return RpConfig.fromJson(json, Path.of("/etc/sfsbroker"));
  }

  /** The configuration of RP {@code rp-1} with every default. */
  static RpConfig config() {
    return config("rp-1", "");
  }
}
