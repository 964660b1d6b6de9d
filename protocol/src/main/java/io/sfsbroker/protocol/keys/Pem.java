package io.sfsbroker.protocol.keys;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes P-256 keys as PEM text (RFC 7468). Pure JDK.
 *
 * <p>Public keys are read from a {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo) or from a
 * {@code CERTIFICATE} block (the key of an X.509 certificate, such as the {@code signcerts} file
 * that Fabric's cryptogen or CA writes); they are always written as {@code PUBLIC KEY}. Private
 * keys are read and written as {@code PRIVATE KEY} (PKCS#8), the form cryptogen writes. Anything
 * that is not a P-256 key is refused.
 */
public final class Pem {

  /** The longest PEM text accepted; a P-256 certificate is well under 2,000 characters. */
  public static final int MAX_LENGTH = 8192;

  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END ([A-Z0-9 ]+)-----");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final int LINE_LENGTH = 64;

  private Pem() {}

  /**
   * Reads a P-256 public key from a {@code PUBLIC KEY} or {@code CERTIFICATE} PEM block. The
   * certificate's validity dates and issuer are not checked: only its key is used.
   *
   * @throws IllegalArgumentException when the text is not exactly one such block, cannot be
   *     decoded, or holds a key that is not on P-256
   */
  public static ECPublicKey parsePublicKey(final String pem) {
    Block block = single(pem);
    PublicKey key =
        switch (block.label()) {
          case "PUBLIC KEY" -> decodePublicKey(block.der());
          case "CERTIFICATE" -> decodeCertificate(block.der()).getPublicKey();
          default ->
              throw new IllegalArgumentException(
                  "expected a PUBLIC KEY or CERTIFICATE PEM block, found " + block.label());
        };
    if (!(key instanceof ECPublicKey ecKey)) {
      throw new IllegalArgumentException(
          "expected an EC (P-256) public key, found " + key.getAlgorithm());
    }
    return P256.requirePublicKey(ecKey);
  }

  /**
   * Reads a P-256 private key from a {@code PRIVATE KEY} (PKCS#8, unencrypted) PEM block.
   *
   * @throws IllegalArgumentException when the text is not exactly one such block or not a P-256 key
   */
  public static ECPrivateKey parsePrivateKey(final String pem) {
    Block block = single(pem);
    if (block.label().equals("EC PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "found an SEC1 EC PRIVATE KEY; convert it to PKCS#8 with "
              + "'openssl pkcs8 -topk8 -nocrypt -in key.pem'");
    }
    if (!block.label().equals("PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "expected a PRIVATE KEY (PKCS#8) PEM block, found " + block.label());
    }
    PrivateKey key;
    try {
      key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(block.der()));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PKCS#8 EC private key: " + e.getMessage(), e);
    }
    if (!(key instanceof ECPrivateKey ecKey) || !P256.isP256(ecKey)) {
      throw new IllegalArgumentException("the private key is not on the P-256 curve");
    }
    return ecKey;
  }

  /** Writes a P-256 public key as a {@code PUBLIC KEY} PEM block (SubjectPublicKeyInfo). */
  public static String encodePublicKey(final ECPublicKey key) {
    Objects.requireNonNull(key, "key");
    P256.requirePublicKey(key);
    return encode("PUBLIC KEY", key.getEncoded());
  }

  /** Writes a P-256 private key as a {@code PRIVATE KEY} PEM block (PKCS#8, unencrypted). */
  public static String encodePrivateKey(final ECPrivateKey key) {
    Objects.requireNonNull(key, "key");
    if (!P256.isP256(key)) {
      throw new IllegalArgumentException("the private key is not on the P-256 curve");
    }
    return encode("PRIVATE KEY", key.getEncoded());
  }

  /**
   * Writes {@code der} as a PEM block with the given label, 64 characters a line, ending in a line
   * feed.
   */
  public static String encode(final String label, final byte[] der) {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(der, "der");
    String base64 = Base64.getEncoder().encodeToString(der);
    StringBuilder out = new StringBuilder(base64.length() + 100);
    out.append("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < base64.length(); i += LINE_LENGTH) {
      out.append(base64, i, Math.min(base64.length(), i + LINE_LENGTH)).append('\n');
    }
    out.append("-----END ").append(label).append("-----\n");
    return out.toString();
  }

  private static PublicKey decodePublicKey(final byte[] der) {
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "not an EC SubjectPublicKeyInfo (only P-256 keys are accepted): " + e.getMessage(), e);
    }
  }

  private static X509Certificate decodeCertificate(final byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
    }
  }

  private static Block single(final String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("expected PEM text, found none");
    }
    if (pem.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("PEM text longer than " + MAX_LENGTH + " characters");
    }
    Matcher matcher = BLOCK.matcher(pem);
    List<Block> blocks = new ArrayList<>();
    while (matcher.find()) {
      if (!matcher.group(1).equals(matcher.group(3))) {
        throw new IllegalArgumentException(
            "PEM block BEGIN " + matcher.group(1) + " ends with END " + matcher.group(3));
      }
      String base64 = WHITESPACE.matcher(matcher.group(2)).replaceAll("");
      byte[] der;
      try {
        der = Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("PEM block is not valid base64", e);
      }
      if (der.length == 0) {
        throw new IllegalArgumentException("PEM block " + matcher.group(1) + " is empty");
      }
      blocks.add(new Block(matcher.group(1).toUpperCase(Locale.ROOT), der));
    }
    if (blocks.size() != 1) {
      throw new IllegalArgumentException(
          "expected exactly one PEM block, found "
              + blocks.size()
              + "; pass one key or one"
              + " certificate, not a chain");
    }
    return blocks.get(0);
  }

  private record Block(String label, byte[] der) {}
}
