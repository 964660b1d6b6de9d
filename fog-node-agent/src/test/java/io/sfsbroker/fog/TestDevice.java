package io.sfsbroker.fog;

import io.sfsbroker.device.DeviceConfig;
import io.sfsbroker.protocol.keys.Pem;
import io.sfsbroker.protocol.mqtt.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fog node's files for a real {@link io.sfsbroker.device.DeviceLink}: a P-256 key and a
 * self-signed certificate made with the JDK's keytool (which also serves as the CA), and a
 * configuration whose broker is a port nothing listens on.
 */
final class TestDevice {

  private TestDevice() {}

  /** Writes {@code dir/fog-7.json} and its key files; the broker cannot be reached. */
  static Path offlineConfig(final Path dir) throws IOException, InterruptedException {
    Path store = dir.resolve("fog-7.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "fog-7",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=fog-7,OU=fog-node,O=SFSBroker",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    store.toString(),
                    "-storepass",
                    "changeit"))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, "changeit".toCharArray());
      ECPrivateKey key = (ECPrivateKey) keys.getKey("fog-7", "changeit".toCharArray());
      String cert = Pem.encode("CERTIFICATE", keys.getCertificate("fog-7").getEncoded());
      Files.writeString(dir.resolve("fog-7.key"), Pem.encodePrivateKey(key));
      Files.writeString(dir.resolve("fog-7.crt"), cert);
      Files.writeString(dir.resolve("ca.crt"), cert);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    Path config = dir.resolve("fog-7.json");
    Files.writeString(
        config,
        """
        {"device": {"id": "fog-7", "role": "%s", "brokerUrl": "ssl://127.0.0.1:%d",
          "caFile": "ca.crt", "certFile": "fog-7.crt", "keyFile": "fog-7.key",
          "stateDir": "state"},
         "requestTimeoutSeconds": 2}"""
            .formatted(Topics.ROLE_FOG_NODE, closedPort()));
    DeviceConfig.load(config);
    return config;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
