package io.sfsbroker.view.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.hyperledger.fabric.client.identity.Identities;

/**
 * TLS contexts made from the PEM files of the runtime's crypto material: a CA to trust and,
 * optionally, a certificate and key to present.
 */
public final class Tls {

  private static final char[] NO_PASSWORD = new char[0];

  private Tls() {}

  /**
   * A context that trusts the certificates in {@code caFile} and presents {@code certFile} with
   * {@code keyFile} (both may be null for none).
   *
   * @throws IllegalArgumentException when a file cannot be read or holds no usable key or
   *     certificate
   */
  public static SSLContext context(final Path caFile, final Path certFile, final Path keyFile) {
    Objects.requireNonNull(caFile, "caFile");
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (Certificate ca : certificates(caFile)) {
        trust.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      KeyManagerFactory keyManagers = null;
      if (certFile != null && keyFile != null) {
        KeyStore own = KeyStore.getInstance("PKCS12");
        own.load(null, null);
        own.setKeyEntry(
            "own", key(keyFile), NO_PASSWORD, certificates(certFile).toArray(Certificate[]::new));
        keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(own, NO_PASSWORD);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keyManagers == null ? null : keyManagers.getKeyManagers(),
          trustManagers.getTrustManagers(),
          null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot build a TLS context from " + caFile + ", " + certFile + ": " + e.getMessage(), e);
    }
  }

  private static Collection<? extends Certificate> certificates(final Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> found =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + file);
      }
      return found;
    }
  }

  private static PrivateKey key(final Path file) throws IOException, GeneralSecurityException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return Identities.readPrivateKey(reader);
    }
  }
}
