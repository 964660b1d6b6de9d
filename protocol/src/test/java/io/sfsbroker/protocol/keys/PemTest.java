package io.sfsbroker.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import org.junit.jupiter.api.Test;

class PemTest {

  static String resource(final String name) {
    try (InputStream in = PemTest.class.getResourceAsStream("/keys/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void parsePublicKey_subjectPublicKeyInfo_readsP256Key() {
    ECPublicKey key = Pem.parsePublicKey(resource("p256-public.pem"));

    assertThat(P256.isP256(key)).isTrue();
  }

  @Test
  void parsePublicKey_certificate_readsTheCertificatesKey() {
    ECPublicKey fromCertificate = Pem.parsePublicKey(resource("p256-cert.pem"));

    assertThat(fromCertificate).isEqualTo(Pem.parsePublicKey(resource("p256-public.pem")));
  }

  @Test
  void parsePublicKey_crlfAndSurroundingText_areAccepted() {
    String pem =
        "subject=CN = fog-7\r\n" + resource("p256-cert.pem").replace("\n", "\r\n") + "\r\n\r\n";

    assertThat(Pem.parsePublicKey(pem)).isEqualTo(Pem.parsePublicKey(resource("p256-public.pem")));
  }

  @Test
  void parsePublicKey_otherCurveOrAlgorithm_isRefused() {
    for (String name : new String[] {"p384-public.pem", "p384-cert.pem"}) {
      assertThatThrownBy(() -> Pem.parsePublicKey(resource(name)))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("P-256");
    }
    assertThatThrownBy(() -> Pem.parsePublicKey(resource("rsa-public.pem")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pem.parsePublicKey(resource("ed25519-public.pem")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsePublicKey_chainOfTwo_isRefused() {
    String chain = resource("p256-cert.pem") + resource("p384-cert.pem");

    assertThatThrownBy(() -> Pem.parsePublicKey(chain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one PEM block, found 2");
  }

  @Test
  void parsePublicKey_privateKeyBlock_isRefused() {
    assertThatThrownBy(() -> Pem.parsePublicKey(resource("p256-private.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PUBLIC KEY or CERTIFICATE");
  }

  @Test
  void parsePublicKey_garbage_isRefused() {
    for (String text :
        new String[] {
          "",
          "   ",
          "hello",
          "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",
          "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
          "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END CERTIFICATE-----\n",
          "-----BEGIN CERTIFICATE-----\nMIIBxDCCAWqgAwIBAgIBBzAK\n-----END CERTIFICATE-----\n"
        }) {
      assertThatThrownBy(() -> Pem.parsePublicKey(text))
          .as("%s", text)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Pem.parsePublicKey(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsePublicKey_tooLong_isRefused() {
    String padded = " ".repeat(Pem.MAX_LENGTH) + resource("p256-public.pem");

    assertThatThrownBy(() -> Pem.parsePublicKey(padded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than");
  }

  @Test
  void encodePublicKey_roundTripsInLinesOf64() {
    ECPublicKey key = (ECPublicKey) P256.generateKeyPair().getPublic();

    String pem = Pem.encodePublicKey(key);

    assertThat(pem)
        .startsWith("-----BEGIN PUBLIC KEY-----\n")
        .endsWith("-----END PUBLIC KEY-----\n");
    assertThat(pem.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
    assertThat(Pem.parsePublicKey(pem)).isEqualTo(key);
  }

  @Test
  void parsePrivateKey_pkcs8_signsForTheMatchingPublicKey() throws Exception {
    ECPrivateKey privateKey = Pem.parsePrivateKey(resource("p256-private.pem"));
    ECPublicKey publicKey = Pem.parsePublicKey(resource("p256-public.pem"));
    byte[] data = "slice".getBytes(StandardCharsets.UTF_8);

    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(privateKey);
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey);
    verifier.update(data);

    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void encodePrivateKey_roundTrips() {
    KeyPair pair = P256.generateKeyPair();

    String pem = Pem.encodePrivateKey((ECPrivateKey) pair.getPrivate());

    assertThat(Pem.parsePrivateKey(pem)).isEqualTo(pair.getPrivate());
  }

  @Test
  void parsePrivateKey_sec1_isRefusedWithAHint() {
    assertThatThrownBy(() -> Pem.parsePrivateKey(resource("p256-sec1.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openssl pkcs8 -topk8");
  }

  @Test
  void parsePrivateKey_p384_isRefused() {
    assertThatThrownBy(() -> Pem.parsePrivateKey(resource("p384-private.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("P-256");
  }

  @Test
  void generateKeyPair_makesDistinctP256Keys() {
    KeyPair first = P256.generateKeyPair();
    KeyPair second = P256.generateKeyPair();

    assertThat(P256.isP256((ECPublicKey) first.getPublic())).isTrue();
    assertThat(P256.isP256((ECPrivateKey) first.getPrivate())).isTrue();
    assertThat(first.getPublic()).isNotEqualTo(second.getPublic());
  }

  @Test
  void requirePublicKey_pointOffTheCurve_isRefused() {
    ECPublicKey offCurve = new FakeKey(new ECPoint(BigInteger.ONE, BigInteger.ONE));

    assertThatThrownBy(() -> P256.requirePublicKey(offCurve))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not lie on");
  }

  /** A P-256 public key with an arbitrary point, which the JDK's key factory would not check. */
  private record FakeKey(ECPoint point) implements ECPublicKey {
    @Override
    public ECPoint getW() {
      return point;
    }

    @Override
    public ECParameterSpec getParams() {
      return P256.parameters();
    }

    @Override
    public String getAlgorithm() {
      return "EC";
    }

    @Override
    public String getFormat() {
      return "X.509";
    }

    @Override
    public byte[] getEncoded() {
      return new byte[0];
    }
  }
}
