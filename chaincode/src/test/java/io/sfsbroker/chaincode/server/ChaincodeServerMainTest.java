package io.sfsbroker.chaincode.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaincodeServerMainTest {

  @TempDir Path folder;

  @Test
  void requireClientCertificates_withACaFile_makesTheServerTrustOnlyThatFile() throws IOException {
    Path ca = Files.writeString(folder.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
    ChaincodeServerProperties properties = new ChaincodeServerProperties();
    properties.setTlsEnabled(true);

    ChaincodeServerMain.requireClientCertificates(properties, ca.toString());

    assertThat(properties.getTrustCertCollectionFile()).isEqualTo(ca.toString());
  }

  @Test
  void requireClientCertificates_withoutACaFile_leavesServerTlsAlone() {
    ChaincodeServerProperties properties = new ChaincodeServerProperties();
    properties.setTlsEnabled(true);

    ChaincodeServerMain.requireClientCertificates(properties, " ");

    assertThat(properties.getTrustCertCollectionFile()).isNull();
  }

  @Test
  void requireClientCertificates_withoutTls_isRefusedNamingTheVariable() throws IOException {
    Path ca = Files.writeString(folder.resolve("ca.crt"), "x");
    ChaincodeServerProperties properties = new ChaincodeServerProperties();

    assertThatThrownBy(
            () -> ChaincodeServerMain.requireClientCertificates(properties, ca.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ChaincodeServerMain.CLIENT_CA_VARIABLE)
        .hasMessageContaining("CORE_PEER_TLS_ENABLED");
    assertThat(properties.getTrustCertCollectionFile()).isNull();
  }

  @Test
  void requireClientCertificates_withAMissingFile_isRefusedNamingTheFile() {
    ChaincodeServerProperties properties = new ChaincodeServerProperties();
    properties.setTlsEnabled(true);
    String missing = folder.resolve("absent.pem").toString();

    assertThatThrownBy(() -> ChaincodeServerMain.requireClientCertificates(properties, missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing);
    assertThat(properties.getTrustCertCollectionFile()).isNull();
  }
}
