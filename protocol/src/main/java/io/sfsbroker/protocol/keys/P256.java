package io.sfsbroker.protocol.keys;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.Objects;

/**
 * The NIST P-256 curve (secp256r1, prime256v1), the only curve SFSBroker signs with: making key
 * pairs and checking that a key lies on it. Pure JDK.
 */
public final class P256 {

  /** The JDK's standard name of the curve. */
  public static final String CURVE_NAME = "secp256r1";

  private static final ECParameterSpec SPEC = lookUp();

  private P256() {}

  /** Returns the domain parameters of P-256. */
  public static ECParameterSpec parameters() {
    return SPEC;
  }

  /** Makes a new P-256 key pair from a strong {@link SecureRandom}. */
  public static KeyPair generateKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE_NAME), new SecureRandom());
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make P-256 keys", e);
    }
  }

  /** Tells whether {@code key} (public or private) belongs to the P-256 curve. */
  public static boolean isP256(final ECKey key) {
    Objects.requireNonNull(key, "key");
    return isP256(key.getParams());
  }

  /** Tells whether {@code params} are the domain parameters of P-256. */
  public static boolean isP256(final ECParameterSpec params) {
    return params != null
        && SPEC.getCurve().equals(params.getCurve())
        && SPEC.getGenerator().equals(params.getGenerator())
        && SPEC.getOrder().equals(params.getOrder())
        && SPEC.getCofactor() == params.getCofactor();
  }

  /**
   * Checks that {@code key} is a P-256 public key whose point lies on the curve.
   *
   * @return the key
   * @throws IllegalArgumentException when it is on another curve or its point is not on P-256
   */
  public static ECPublicKey requirePublicKey(final ECPublicKey key) {
    if (!isP256(key)) {
      throw new IllegalArgumentException("the key is not on the P-256 curve; use a P-256 key");
    }
    if (!isOnCurve(key.getW())) {
      throw new IllegalArgumentException("the key's point does not lie on the P-256 curve");
    }
    return key;
  }

  private static boolean isOnCurve(final ECPoint point) {
    if (point == null || ECPoint.POINT_INFINITY.equals(point)) {
      return false;
    }
    EllipticCurve curve = SPEC.getCurve();
    ECField field = curve.getField();
    BigInteger p = ((ECFieldFp) field).getP();
    BigInteger x = point.getAffineX();
    BigInteger y = point.getAffineY();
    if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right =
        x.multiply(x).multiply(x).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    return left.equals(right);
  }

  private static ECParameterSpec lookUp() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec(CURVE_NAME));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK does not know the P-256 curve", e);
    }
  }
}
