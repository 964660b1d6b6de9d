package io.sfsbroker.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceConfigTest {

  @TempDir Path dir;

  @Test
  void load_resolvesPathsAgainstTheFilesFolder() throws Exception {
    Path file = dir.resolve("fog.json");
    Files.writeString(
        file,
        """
        {"device": {"id": "fog-1", "role": "fog-node", "brokerUrl": "ssl://127.0.0.1:8883",
          "caFile": "ca.crt", "certFile": "keys/fog-1.crt", "keyFile": "keys/fog-1.key",
          "stateDir": "state"}}
        """);

    DeviceConfig config = DeviceConfig.load(file);

    assertThat(config.id()).isEqualTo("fog-1");
    assertThat(config.certFile()).isEqualTo(dir.toAbsolutePath().resolve("keys/fog-1.crt"));
    assertThat(config.stateDir()).isEqualTo(dir.toAbsolutePath().resolve("state"));
  }

  @Test
  void load_namesTheMissingField() throws Exception {
    Path file = dir.resolve("rp.json");
    Files.writeString(
        file, "{\"device\": {\"id\": \"rp-1\", \"role\": \"rp\", \"brokerUrl\": \"ssl://h:1\"}}");

    assertThatThrownBy(() -> DeviceConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("device.caFile");
  }

  @Test
  void plainTcpBrokerOrUnknownRole_isRefused() {
    Path p = Path.of("x");
    assertThatThrownBy(() -> new DeviceConfig("fog-1", "fog-node", "tcp://h:1883", p, p, p, p))
        .hasMessageContaining("ssl://");
    assertThatThrownBy(() -> new DeviceConfig("fog-1", "bridge", "ssl://h:1", p, p, p, p))
        .hasMessageContaining("role");
    assertThatThrownBy(() -> new DeviceConfig("fog/1", "fog-node", "ssl://h:1", p, p, p, p))
        .hasMessageContaining("participant id");
  }
}
