package io.sfsbroker.device;

import io.sfsbroker.protocol.keys.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for an MQTT client from PEM files: it trusts only the broker's CA and presents its own
 * certificate (whose CN is its MQTT user name). Devices use it too.
 */
public final class MqttTls {

  private MqttTls() {}

  /**
   * A socket factory that trusts {@code caFile} and authenticates with {@code certFile} and the
   * PKCS#8 key {@code keyFile}.
   *
   * @throws IllegalArgumentException when a file cannot be read or is not what it should be
   */
  public static SSLSocketFactory socketFactory(
      final Path caFile, final Path certFile, final Path keyFile) {
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    try {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      Certificate ca;
      Certificate cert;
      try (InputStream in = Files.newInputStream(caFile)) {
        ca = x509.generateCertificate(in);
      }
      try (InputStream in = Files.newInputStream(certFile)) {
        cert = x509.generateCertificate(in);
      }
      PrivateKey key = Pem.parsePrivateKey(Files.readString(keyFile));
      char[] password = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("client", key, password, new Certificate[] {cert});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLSv1.2");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot set up MQTT TLS from "
              + caFile
              + ", "
              + certFile
              + " and "
              + keyFile
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
