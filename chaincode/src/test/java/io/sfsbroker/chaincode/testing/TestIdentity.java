package io.sfsbroker.chaincode.testing;

import com.google.protobuf.ByteString;
import io.sfsbroker.protocol.keys.P256;
import io.sfsbroker.protocol.keys.Pem;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * A Fabric client identity for tests: an X.509 certificate issued by a per-organisation test CA,
 * with the NodeOU ({@code admin}, {@code client} or {@code peer}) in its subject, as cryptogen
 * makes them. The transaction creator of {@link InMemoryLedger} is its {@link #serialized()} form,
 * so {@code ctx.getClientIdentity()} reads it like on a peer. Identities are cached: asking twice
 * for the same one gives the same certificate.
 *
 * @param mspId the organisation's MSP id
 * @param commonName the subject's CN
 * @param organizationalUnit the subject's OU (the NodeOU)
 * @param certificatePem the certificate as PEM
 */
public record TestIdentity(
    String mspId, String commonName, String organizationalUnit, String certificatePem) {

  private static final Instant NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant NOT_AFTER = Instant.parse("2124-01-01T00:00:00Z");
  private static final Map<String, KeyPair> CA_KEYS = new ConcurrentHashMap<>();
  private static final Map<String, TestIdentity> CACHE = new ConcurrentHashMap<>();
  private static final AtomicLong SERIAL = new AtomicLong(1);

  /** Checks that every component is present. */
  public TestIdentity {
    Objects.requireNonNull(mspId, "mspId");
    Objects.requireNonNull(commonName, "commonName");
    Objects.requireNonNull(organizationalUnit, "organizationalUnit");
    Objects.requireNonNull(certificatePem, "certificatePem");
  }

  /** The admin of {@code mspId} ({@code OU=admin}). */
  public static TestIdentity admin(final String mspId) {
    return of(mspId, "Admin@" + domain(mspId), "admin");
  }

  /** An ordinary client of {@code mspId} ({@code OU=client}), such as the bridge. */
  public static TestIdentity client(final String mspId) {
    return of(mspId, "User1@" + domain(mspId), "client");
  }

  /** A peer of {@code mspId} ({@code OU=peer}). */
  public static TestIdentity peer(final String mspId) {
    return of(mspId, "peer0." + domain(mspId), "peer");
  }

  /** Any identity of {@code mspId} with the given CN and OU. */
  public static TestIdentity of(final String mspId, final String commonName, final String ou) {
    return CACHE.computeIfAbsent(
        mspId + '\n' + commonName + '\n' + ou,
        k -> new TestIdentity(mspId, commonName, ou, issue(mspId, commonName, ou)));
  }

  /** Returns the identity as the creator bytes of a proposal (a serialized MSP identity). */
  public byte[] serialized() {
    return SerializedIdentity.newBuilder()
        .setMspid(mspId)
        .setIdBytes(ByteString.copyFrom(certificatePem, StandardCharsets.UTF_8))
        .build()
        .toByteArray();
  }

  private static String issue(final String mspId, final String commonName, final String ou) {
    KeyPair caKeys = CA_KEYS.computeIfAbsent(mspId, k -> P256.generateKeyPair());
    X500Name issuer =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "US")
            .addRDN(BCStyle.O, domain(mspId))
            .addRDN(BCStyle.CN, "ca." + domain(mspId))
            .build();
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "US")
            .addRDN(BCStyle.ST, "California")
            .addRDN(BCStyle.OU, ou)
            .addRDN(BCStyle.CN, commonName)
            .build();
    try {
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          issuer,
                          BigInteger.valueOf(SERIAL.getAndIncrement()),
                          Date.from(NOT_BEFORE),
                          Date.from(NOT_AFTER),
                          subject,
                          P256.generateKeyPair().getPublic())
                      .build(
                          new JcaContentSignerBuilder("SHA256withECDSA")
                              .build(caKeys.getPrivate())));
      return Pem.encode("CERTIFICATE", certificate.getEncoded());
    } catch (OperatorCreationException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a test certificate", e);
    }
  }

  private static String domain(final String mspId) {
    String org = mspId.endsWith("MSP") ? mspId.substring(0, mspId.length() - 3) : mspId;
    return org.toLowerCase(Locale.ROOT) + ".example.com";
  }
}
