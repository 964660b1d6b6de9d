package io.sfsbroker.fog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FogConfigTest {

  private static final String DEVICE =
      """
      "device": {"id": "fog-7", "role": "fog-node", "brokerUrl": "ssl://10.0.0.2:8883",
                 "caFile": "ca.crt", "certFile": "fog-7.crt", "keyFile": "fog-7.key",
                 "stateDir": "state"}""";

  @TempDir Path dir;

  @Test
  void load_deviceOnly_takesTheDefaultsAndResolvesPathsAgainstTheFile() throws Exception {
    FogConfig config = FogConfig.load(write("{" + DEVICE + "}"));

    assertThat(config.device().id()).isEqualTo("fog-7");
    assertThat(config.device().keyFile()).isEqualTo(dir.toAbsolutePath().resolve("fog-7.key"));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(600));
    assertThat(config.portCheckTimeout()).isEqualTo(Duration.ofMillis(2000));
    assertThat(config.portWait()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.httpCheck()).isTrue();
  }

  @Test
  void load_withSettings_takesThem() throws Exception {
    FogConfig config =
        FogConfig.load(
            write(
                "{"
                    + DEVICE
                    + ", \"requestTimeoutSeconds\": 120, \"portCheckTimeoutMillis\": 500,"
                    + " \"portWaitSeconds\": 0, \"httpCheck\": false}"));

    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.portCheckTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.portWait()).isZero();
    assertThat(config.httpCheck()).isFalse();
  }

  @Test
  void load_unknownField_isRefusedNamingIt() throws Exception {
    Path file = write("{" + DEVICE + ", \"requestTimeout\": 120}");

    assertThatThrownBy(() -> FogConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown field \"requestTimeout\"")
        .hasMessageContaining("requestTimeoutSeconds")
        .hasMessageStartingWith(file.toString());
  }

  @Test
  void load_anRpsDevice_isRefused() throws Exception {
    Path file = write("{" + DEVICE.replace("fog-node", "rp") + "}");

    assertThatThrownBy(() -> FogConfig.load(file))
        .hasMessageContaining("device.role must be fog-node");
  }

  @Test
  void load_badValues_areRefusedNamingTheField() throws Exception {
    assertThatThrownBy(
            () -> FogConfig.load(write("{" + DEVICE + ", \"requestTimeoutSeconds\": 0}")))
        .hasMessageContaining("requestTimeoutSeconds must be 1 to 86400, was 0");
    assertThatThrownBy(
            () -> FogConfig.load(write("{" + DEVICE + ", \"portCheckTimeoutMillis\": \"fast\"}")))
        .hasMessageContaining("portCheckTimeoutMillis must be a whole number");
    assertThatThrownBy(() -> FogConfig.load(write("{" + DEVICE + ", \"httpCheck\": 1}")))
        .hasMessageContaining("httpCheck must be true or false");
    assertThatThrownBy(() -> FogConfig.load(write("{" + DEVICE + ", \"portWaitSeconds\": 1.5}")))
        .hasMessageContaining("portWaitSeconds must be a whole number");
  }

  @Test
  void load_noDeviceOrMissingFile_saysWhat() throws Exception {
    assertThatThrownBy(() -> FogConfig.load(write("{}"))).hasMessageContaining("no \"device\"");
    assertThatThrownBy(() -> FogConfig.load(dir.resolve("absent.json")))
        .hasMessageContaining("cannot read");
    assertThatThrownBy(
            () ->
                FogConfig.load(write("{\"device\": {\"id\": \"fog-7\", \"role\": \"fog-node\"}}")))
        .hasMessageContaining("device.brokerUrl is missing");
  }

  @Test
  void theExampleConfiguration_loads() {
    Path example = Path.of("..", "test-network-config", "fog-node.example.json");

    FogConfig config = FogConfig.load(example);

    assertThat(config.device().role()).isEqualTo("fog-node");
  }

  private Path write(final String json) throws Exception {
    Path file = Files.createTempFile(dir, "fog", ".json");
    Files.writeString(file, json);
    return file;
  }
}
