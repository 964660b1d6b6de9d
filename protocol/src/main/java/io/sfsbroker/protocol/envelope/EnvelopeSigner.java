package io.sfsbroker.protocol.envelope;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.keys.P256;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs device messages as SFSBroker envelopes. One signer per device identity; thread-safe.
 *
 * <pre>{@code
 * EnvelopeSigner signer = new EnvelopeSigner("fog-7", privateKey, Clock.systemUTC());
 * String envelope = signer.sign(MessageType.SLICE_REQUEST, request);
 * }</pre>
 *
 * <p>Each envelope gets a fresh 128-bit nonce from {@link SecureRandom} and the current second of
 * the clock as issued-at.
 */
public final class EnvelopeSigner {

  private static final int NONCE_BYTES = 16;
  private static final JWSHeader HEADER =
      new JWSHeader.Builder(JWSAlgorithm.ES256)
          .type(new JOSEObjectType(Envelope.TYPE_HEADER))
          .build();

  private final String signerId;
  private final ECDSASigner signer;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * Creates a signer with a new {@link SecureRandom}.
   *
   * @param signerId the participant id the chaincode knows this device by
   * @param privateKey the device's P-256 private key, whose public key is registered
   * @param clock where issued-at comes from; the chaincode accepts it only within its allowed skew
   *     of the transaction time, so keep the device clock synchronised
   * @throws IllegalArgumentException when the id is not a valid participant id or the key is not a
   *     P-256 key
   */
  public EnvelopeSigner(final String signerId, final ECPrivateKey privateKey, final Clock clock) {
    this(signerId, privateKey, clock, new SecureRandom());
  }

  /** Creates a signer that draws nonces from {@code random}. */
  public EnvelopeSigner(
      final String signerId,
      final ECPrivateKey privateKey,
      final Clock clock,
      final SecureRandom random) {
    Objects.requireNonNull(signerId, "signerId");
    Objects.requireNonNull(privateKey, "privateKey");
    if (!Envelope.SIGNER_ID.matcher(signerId).matches()) {
      throw new IllegalArgumentException(
          "signer id '"
              + signerId
              + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit");
    }
    if (!P256.isP256(privateKey)) {
      throw new IllegalArgumentException("the signing key must be a P-256 key");
    }
    this.signerId = signerId;
    try {
      this.signer = new ECDSASigner(privateKey);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the signing key cannot sign ES256: " + e.getMessage(), e);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Returns the participant id written into every envelope. */
  public String signerId() {
    return signerId;
  }

  /**
   * Signs {@code body} as a message of {@code type}.
   *
   * @param type the message type
   * @param body a record, map or {@link JsonObject} that encodes to a JSON object
   * @return the envelope, a JWS compact serialization
   * @throws IllegalArgumentException when the body is not a JSON object or the envelope would be
   *     longer than {@link Envelope#MAX_LENGTH}
   */
  public String sign(final MessageType type, final Object body) {
    return sign(type, body, newNonce());
  }

  /**
   * Signs {@code body} again, with the current time and the {@code nonce} of an earlier envelope:
   * what a device sends when the network did not take that envelope before it would expire. The
   * ledger keeps a nonce once, so at most one of the two copies is ever applied.
   *
   * @throws IllegalArgumentException as {@link #sign(MessageType, Object)}, or when {@code nonce}
   *     is not 16 to 64 base64url characters
   */
  public String signAgain(final MessageType type, final Object body, final String nonce) {
    Objects.requireNonNull(nonce, "nonce");
    if (!Envelope.NONCE.matcher(nonce).matches()) {
      throw new IllegalArgumentException("a nonce is 16 to 64 base64url characters: " + nonce);
    }
    return sign(type, body, nonce);
  }

  private String sign(final MessageType type, final Object body, final String nonce) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(body, "body");
    JsonElement tree = body instanceof JsonElement element ? element : Json.toJsonTree(body);
    if (!tree.isJsonObject()) {
      throw new IllegalArgumentException("the body must encode to a JSON object");
    }
    Claims claims =
        new Claims(
            Envelope.VERSION,
            type.wireName(),
            signerId,
            nonce,
            clock.instant().getEpochSecond(),
            tree.getAsJsonObject());
    JWSObject jws = new JWSObject(HEADER, new Payload(Json.toJson(claims)));
    try {
      jws.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("ES256 signing failed: " + e.getMessage(), e);
    }
    String compact = jws.serialize();
    if (compact.length() > Envelope.MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the envelope is "
              + compact.length()
              + " characters, more than the "
              + Envelope.MAX_LENGTH
              + " allowed; send a smaller body");
    }
    return compact;
  }

  private String newNonce() {
    byte[] bytes = new byte[NONCE_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The payload, written in this order. */
  private record Claims(int ver, String msg, String iss, String jti, long iat, JsonObject body) {}
}
