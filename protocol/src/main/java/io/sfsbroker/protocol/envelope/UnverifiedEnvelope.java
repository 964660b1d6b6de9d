package io.sfsbroker.protocol.envelope;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.keys.P256;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An envelope whose form has been checked but whose signature has not. It tells who claims to have
 * signed it and what type it claims to be, so that a verifier can look up the signer's key; only
 * {@link #verify(ECPublicKey)} yields the body. Immutable and thread-safe.
 *
 * <pre>{@code
 * UnverifiedEnvelope envelope = UnverifiedEnvelope.parse(compact);
 * envelope.requireType(MessageType.OFFER);
 * VerifiedMessage message = envelope.verify(keyOf(envelope.signerId()));
 * }</pre>
 */
public final class UnverifiedEnvelope {

  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Set<String> HEADER_MEMBERS = Set.of("alg", "typ");
  private static final Set<String> CLAIMS =
      Set.of(
          Envelope.CLAIM_VERSION,
          Envelope.CLAIM_MESSAGE_TYPE,
          Envelope.CLAIM_SIGNER,
          Envelope.CLAIM_NONCE,
          Envelope.CLAIM_ISSUED_AT,
          Envelope.CLAIM_BODY);
  private static final int ES256_SIGNATURE_BYTES = 64;

  private final String encodedHeader;
  private final String encodedPayload;
  private final String encodedSignature;
  private final MessageType type;
  private final String signerId;
  private final String nonce;
  private final Instant issuedAt;
  private final JsonObject body;

  private UnverifiedEnvelope(
      final String[] parts,
      final MessageType type,
      final String signerId,
      final String nonce,
      final Instant issuedAt,
      final JsonObject body) {
    this.encodedHeader = parts[0];
    this.encodedPayload = parts[1];
    this.encodedSignature = parts[2];
    this.type = type;
    this.signerId = signerId;
    this.nonce = nonce;
    this.issuedAt = issuedAt;
    this.body = body;
  }

  /**
   * Checks the form of {@code compact} and reads its claims, without checking the signature.
   *
   * @throws EnvelopeException {@link EnvelopeError#TOO_LARGE} when longer than {@link
   *     Envelope#MAX_LENGTH}; {@link EnvelopeError#UNSUPPORTED_ALGORITHM} when the header's {@code
   *     alg} is not {@code ES256}; {@link EnvelopeError#UNSUPPORTED_VERSION} when {@code ver} is
   *     not {@link Envelope#VERSION}; {@link EnvelopeError#MALFORMED} for anything else that does
   *     not follow the envelope format
   */
  public static UnverifiedEnvelope parse(final String compact) throws EnvelopeException {
    if (compact == null || compact.isEmpty()) {
      throw malformed("no envelope given");
    }
    if (compact.length() > Envelope.MAX_LENGTH) {
      throw new EnvelopeException(
          EnvelopeError.TOO_LARGE,
          "the envelope is "
              + compact.length()
              + " characters, more than the "
              + Envelope.MAX_LENGTH
              + " allowed");
    }
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      throw malformed(
          "expected a JWS compact serialization of three base64url parts separated by '.', found "
              + parts.length
              + " part(s)");
    }
    // The header first, so that alg=none (whose signature part is empty) is named as such.
    checkHeader(decodeObject(parts[0], "header"));
    if (!BASE64URL.matcher(parts[1]).matches() || !BASE64URL.matcher(parts[2]).matches()) {
      throw malformed("the payload and the signature must be non-empty unpadded base64url");
    }
    JsonObject claims = decodeObject(parts[1], "payload");
    int version = readVersion(claims);
    if (version != Envelope.VERSION) {
      throw new EnvelopeException(
          EnvelopeError.UNSUPPORTED_VERSION,
          "protocol version "
              + version
              + " is not supported; this verifier speaks version "
              + Envelope.VERSION);
    }
    for (String name : claims.keySet()) {
      if (!CLAIMS.contains(name)) {
        throw malformed("unknown claim '" + name + "'");
      }
    }
    String typeName = readString(claims, Envelope.CLAIM_MESSAGE_TYPE);
    MessageType type =
        MessageType.fromWireName(typeName)
            .orElseThrow(() -> malformed("unknown message type '" + typeName + "'"));
    String signerId = readString(claims, Envelope.CLAIM_SIGNER);
    if (!Envelope.SIGNER_ID.matcher(signerId).matches()) {
      throw malformed("claim 'iss' is not a valid participant id");
    }
    String nonce = readString(claims, Envelope.CLAIM_NONCE);
    if (!Envelope.NONCE.matcher(nonce).matches()) {
      throw malformed("claim 'jti' must be 16 to 64 base64url characters");
    }
    long issuedAtSeconds = readWholeNumber(claims, Envelope.CLAIM_ISSUED_AT);
    if (issuedAtSeconds > Envelope.MAX_ISSUED_AT) {
      throw malformed("claim 'iat' is out of range");
    }
    JsonElement body = claims.get(Envelope.CLAIM_BODY);
    if (body == null || !body.isJsonObject()) {
      throw malformed("claim 'body' must be a JSON object");
    }
    return new UnverifiedEnvelope(
        parts,
        type,
        signerId,
        nonce,
        Instant.ofEpochSecond(issuedAtSeconds),
        body.getAsJsonObject());
  }

  /** Returns the message type the envelope claims. */
  public MessageType type() {
    return type;
  }

  /** Returns the participant id that claims to have signed. */
  public String signerId() {
    return signerId;
  }

  /** Returns the claimed nonce. */
  public String nonce() {
    return nonce;
  }

  /** Returns the claimed issued-at. */
  public Instant issuedAt() {
    return issuedAt;
  }

  /**
   * Checks that the envelope is of the {@code expected} type.
   *
   * @return this envelope
   * @throws EnvelopeException {@link EnvelopeError#WRONG_TYPE} when it is of another type
   */
  public UnverifiedEnvelope requireType(final MessageType expected) throws EnvelopeException {
    Objects.requireNonNull(expected, "expected");
    if (type != expected) {
      throw new EnvelopeException(
          EnvelopeError.WRONG_TYPE,
          "expected a " + expected.wireName() + " message, found a " + type.wireName());
    }
    return this;
  }

  /**
   * Verifies the ES256 signature with {@code signerKey}, the registered key of {@link #signerId()}.
   *
   * @return the verified message
   * @throws EnvelopeException {@link EnvelopeError#BAD_KEY} when the key is not a P-256 key; {@link
   *     EnvelopeError#BAD_SIGNATURE} when the signature does not verify with it
   */
  public VerifiedMessage verify(final ECPublicKey signerKey) throws EnvelopeException {
    Objects.requireNonNull(signerKey, "signerKey");
    try {
      P256.requirePublicKey(signerKey);
    } catch (IllegalArgumentException e) {
      throw new EnvelopeException(EnvelopeError.BAD_KEY, e.getMessage(), e);
    }
    Base64URL signature = new Base64URL(encodedSignature);
    if (signature.decode().length != ES256_SIGNATURE_BYTES) {
      throw new EnvelopeException(
          EnvelopeError.BAD_SIGNATURE, "an ES256 signature is " + ES256_SIGNATURE_BYTES + " bytes");
    }
    boolean valid;
    try {
      JWSHeader header = JWSHeader.parse(new Base64URL(encodedHeader));
      byte[] signingInput =
          (encodedHeader + '.' + encodedPayload).getBytes(StandardCharsets.US_ASCII);
      valid = new ECDSAVerifier(signerKey).verify(header, signingInput, signature);
    } catch (ParseException e) {
      throw malformed("the header cannot be read: " + e.getMessage());
    } catch (JOSEException e) {
      throw new EnvelopeException(
          EnvelopeError.BAD_SIGNATURE, "the signature cannot be checked: " + e.getMessage(), e);
    }
    if (!valid) {
      throw new EnvelopeException(
          EnvelopeError.BAD_SIGNATURE,
          "the signature does not verify with the registered key of " + signerId);
    }
    return new VerifiedMessage(Envelope.VERSION, type, signerId, nonce, issuedAt, body);
  }

  private static void checkHeader(final JsonObject header) throws EnvelopeException {
    JsonElement alg = header.get("alg");
    if (alg == null || !isString(alg)) {
      throw malformed("the header has no 'alg'");
    }
    if (!Envelope.ALGORITHM.equals(alg.getAsString())) {
      throw new EnvelopeException(
          EnvelopeError.UNSUPPORTED_ALGORITHM,
          "algorithm '" + alg.getAsString() + "' is not accepted; sign with ES256 (P-256)");
    }
    JsonElement typ = header.get("typ");
    if (typ == null || !isString(typ) || !Envelope.TYPE_HEADER.equals(typ.getAsString())) {
      throw malformed("the header's 'typ' must be '" + Envelope.TYPE_HEADER + "'");
    }
    for (String name : header.keySet()) {
      if (!HEADER_MEMBERS.contains(name)) {
        throw malformed("header parameter '" + name + "' is not allowed");
      }
    }
  }

  private static JsonObject decodeObject(final String part, final String what)
      throws EnvelopeException {
    if (!BASE64URL.matcher(part).matches()) {
      throw malformed("the " + what + " must be non-empty unpadded base64url");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw malformed("the " + what + " is not base64url");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw malformed("the " + what + " is not UTF-8");
    }
    try {
      return Json.parseObject(text);
    } catch (JsonParseException e) {
      throw malformed("the " + what + " is not a strict JSON object: " + e.getMessage());
    }
  }

  private static int readVersion(final JsonObject claims) throws EnvelopeException {
    long version = readWholeNumber(claims, Envelope.CLAIM_VERSION);
    return version > Integer.MAX_VALUE ? -1 : (int) version;
  }

  private static String readString(final JsonObject claims, final String name)
      throws EnvelopeException {
    JsonElement value = claims.get(name);
    if (value == null || !isString(value)) {
      throw malformed("claim '" + name + "' must be a string");
    }
    return value.getAsString();
  }

  private static long readWholeNumber(final JsonObject claims, final String name)
      throws EnvelopeException {
    JsonElement value = claims.get(name);
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      throw malformed("claim '" + name + "' must be a whole number");
    }
    BigDecimal number = value.getAsBigDecimal();
    if (number.signum() < 0 || number.scale() != 0) {
      throw malformed("claim '" + name + "' must be a whole number written without a fraction");
    }
    try {
      return number.longValueExact();
    } catch (ArithmeticException e) {
      throw malformed("claim '" + name + "' is out of range");
    }
  }

  private static boolean isString(final JsonElement value) {
    return value.isJsonPrimitive() && ((JsonPrimitive) value).isString();
  }

  private static EnvelopeException malformed(final String detail) {
    return new EnvelopeException(EnvelopeError.MALFORMED, detail);
  }
}
