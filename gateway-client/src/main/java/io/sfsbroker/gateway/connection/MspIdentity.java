package io.sfsbroker.gateway.connection;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * A client identity read from a Fabric MSP folder: the certificate in {@code signcerts/} and the
 * private key in {@code keystore/}, as cryptogen and fabric-ca-client write them.
 *
 * @param identity the X.509 identity with its MSP id
 * @param signer signs proposals and transactions with the private key
 */
public record MspIdentity(Identity identity, Signer signer) {

  /** Checks that both parts are present. */
  public MspIdentity {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(signer, "signer");
  }

  /**
   * Reads the identity in {@code mspDir} for the organisation {@code mspId}.
   *
   * @throws IllegalArgumentException when the folder lacks a certificate or a key, or holds files
   *     that are not PEM certificates and keys
   */
  public static MspIdentity load(final String mspId, final Path mspDir) {
    Objects.requireNonNull(mspId, "mspId");
    Objects.requireNonNull(mspDir, "mspDir");
    Path certFile = onlyFile(mspDir.resolve("signcerts"));
    Path keyFile = onlyFile(mspDir.resolve("keystore"));
    try (Reader certReader = Files.newBufferedReader(certFile);
        Reader keyReader = Files.newBufferedReader(keyFile)) {
      X509Certificate certificate = Identities.readX509Certificate(certReader);
      PrivateKey key = Identities.readPrivateKey(keyReader);
      return new MspIdentity(
          new X509Identity(mspId, certificate), Signers.newPrivateKeySigner(key));
    } catch (IOException | CertificateException | InvalidKeyException e) {
      throw new IllegalArgumentException(
          "cannot read the identity in " + mspDir + ": " + e.getMessage(), e);
    }
  }

  private static Path onlyFile(final Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(Files::isRegularFile).sorted().toList();
      if (found.size() != 1) {
        throw new IllegalArgumentException(
            dir + " must hold exactly one file, but holds " + found.size());
      }
      return found.get(0);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
