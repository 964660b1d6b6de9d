package io.sfsbroker.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkProfileTest {

  @TempDir Path dir;

  @Test
  void load_networkJson_readsChannelChaincodeAndOrgs() throws IOException {
    Path file = dir.resolve("network.json");
    Files.writeString(
        file,
        """
        {"channel": "sfsbroker", "chaincode": "sfsbroker", "sfsbroker": "/opt/sfsbroker",
         "paths": {"orgs": [
           {"org": "broker", "mspId": "BrokerMSP", "peer": "peer0.broker",
            "peerAddress": "127.0.0.1:8051", "tlsCaFile": "/c/ca.pem",
            "adminMspDir": "/c/admin", "userMspDir": "/c/user"},
           {"org": "tenants", "mspId": "TenantsMSP", "peer": "peer0.tenants",
            "peerAddress": "127.0.0.1:8251", "tlsCaFile": "/c/t.pem",
            "adminMspDir": "/c/tadmin", "userMspDir": "/c/tuser"}]}}
        """);

    NetworkProfile profile = NetworkProfile.load(file);

    assertThat(profile.channel()).isEqualTo("sfsbroker");
    assertThat(profile.orgs()).hasSize(2);
    assertThat(profile.org("TenantsMSP").peerAddress()).isEqualTo("127.0.0.1:8251");
    assertThat(profile.org("broker").userMspDir()).isEqualTo(Path.of("/c/user"));
    assertThat(profile.sfsbrokerScript()).isEqualTo(Path.of("/opt/sfsbroker"));
  }

  @Test
  void load_missingFile_tellsHowToCreateIt() {
    assertThatThrownBy(() -> NetworkProfile.load(dir.resolve("absent.json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("network up");
  }

  @Test
  void load_otherJson_isRefused() throws IOException {
    Path file = dir.resolve("other.json");
    Files.writeString(file, "{\"channel\": \"x\"}");
    assertThatThrownBy(() -> NetworkProfile.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a network profile");
  }

  @Test
  void org_unknown_isRefusedByName() throws IOException {
    Path file = dir.resolve("network.json");
    Files.writeString(
        file,
        """
        {"channel": "c", "chaincode": "cc", "paths": {"orgs": [
          {"org": "broker", "mspId": "BrokerMSP", "peer": "p", "peerAddress": "127.0.0.1:1",
           "tlsCaFile": "/a", "adminMspDir": "/b", "userMspDir": "/c"}]}}
        """);
    assertThatThrownBy(() -> NetworkProfile.load(file).org("nobody"))
        .hasMessageContaining("nobody");
  }
}
