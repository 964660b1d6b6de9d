package io.sfsbroker.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.keys.P256;
import io.sfsbroker.protocol.keys.Pem;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00.750Z");
  private static final KeyPair KEYS = P256.generateKeyPair();
  private static final ECPublicKey PUBLIC_KEY = (ECPublicKey) KEYS.getPublic();
  private static final ECPrivateKey PRIVATE_KEY = (ECPrivateKey) KEYS.getPrivate();
  private static final String HEADER = "{\"alg\":\"ES256\",\"typ\":\"sfsb-envelope+jwt\"}";
  private static final String NONCE = "AAAAAAAAAAAAAAAAAAAAAA";

  private final EnvelopeSigner signer =
      new EnvelopeSigner("fog-7", PRIVATE_KEY, Clock.fixed(NOW, ZoneOffset.UTC));

  record SliceRequest(String serviceClass, long budget, List<String> categories) {}

  @Test
  void signThenVerify_roundTripsEveryClaim() throws Exception {
    SliceRequest request = new SliceRequest("ar-vr", 1_500, List.of("cpu", "ram"));

    String compact = signer.sign(MessageType.SLICE_REQUEST, request);
    VerifiedMessage message = UnverifiedEnvelope.parse(compact).verify(PUBLIC_KEY);

    assertThat(message.version()).isEqualTo(Envelope.VERSION);
    assertThat(message.type()).isEqualTo(MessageType.SLICE_REQUEST);
    assertThat(message.signerId()).isEqualTo("fog-7");
    assertThat(message.nonce()).matches(Envelope.NONCE);
    assertThat(message.issuedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
    assertThat(message.bodyAs(SliceRequest.class)).isEqualTo(request);
    assertThat(message.bodyJson())
        .isEqualTo("{\"serviceClass\":\"ar-vr\",\"budget\":1500,\"categories\":[\"cpu\",\"ram\"]}");
  }

  @Test
  void sign_writesTheDocumentedHeaderAndClaimOrder() {
    String compact = signer.sign(MessageType.OFFER, new JsonObject());
    String[] parts = compact.split("\\.");

    assertThat(Json.parseObject(decode(parts[0]))).isEqualTo(Json.parseObject(HEADER));
    assertThat(decode(parts[1]))
        .matches(
            "\\{\"ver\":1,\"msg\":\"offer\",\"iss\":\"fog-7\",\"jti\":\"[A-Za-z0-9_-]{22}\","
                + "\"iat\":1740823200,\"body\":\\{}}");
  }

  @Test
  void sign_twice_usesFreshNonces() throws Exception {
    String first = signer.sign(MessageType.OFFER, new JsonObject());
    String second = signer.sign(MessageType.OFFER, new JsonObject());

    assertThat(UnverifiedEnvelope.parse(first).nonce())
        .isNotEqualTo(UnverifiedEnvelope.parse(second).nonce());
  }

  @Test
  void parse_tellsTheClaimedSignerAndTypeBeforeVerification() throws Exception {
    UnverifiedEnvelope envelope =
        UnverifiedEnvelope.parse(signer.sign(MessageType.AUCTION_BID, new JsonObject()));

    assertThat(envelope.signerId()).isEqualTo("fog-7");
    assertThat(envelope.type()).isEqualTo(MessageType.AUCTION_BID);
    assertThat(envelope.issuedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
    assertThat(envelope.requireType(MessageType.AUCTION_BID)).isSameAs(envelope);
  }

  @Test
  void requireType_otherType_isWrongType() throws Exception {
    UnverifiedEnvelope envelope =
        UnverifiedEnvelope.parse(signer.sign(MessageType.OFFER, new JsonObject()));

    assertError(() -> envelope.requireType(MessageType.SLICE_REQUEST), EnvelopeError.WRONG_TYPE);
  }

  @Test
  void verify_tamperedPayload_isBadSignature() throws Exception {
    String[] parts = signer.sign(MessageType.OFFER, body("price", 10)).split("\\.");
    String tampered = decode(parts[1]).replace("\"price\":10", "\"price\":1");
    String compact = parts[0] + "." + encode(tampered) + "." + parts[2];

    UnverifiedEnvelope envelope = UnverifiedEnvelope.parse(compact);

    assertError(() -> envelope.verify(PUBLIC_KEY), EnvelopeError.BAD_SIGNATURE);
  }

  @Test
  void verify_tamperedHeader_isBadSignature() throws Exception {
    String[] parts = signer.sign(MessageType.OFFER, new JsonObject()).split("\\.");
    String respaced = encode("{ \"alg\": \"ES256\", \"typ\": \"sfsb-envelope+jwt\" }");
    UnverifiedEnvelope envelope =
        UnverifiedEnvelope.parse(respaced + "." + parts[1] + "." + parts[2]);

    assertError(() -> envelope.verify(PUBLIC_KEY), EnvelopeError.BAD_SIGNATURE);
  }

  @Test
  void verify_otherSignersKey_isBadSignature() throws Exception {
    UnverifiedEnvelope envelope =
        UnverifiedEnvelope.parse(signer.sign(MessageType.OFFER, new JsonObject()));
    ECPublicKey otherKey = (ECPublicKey) P256.generateKeyPair().getPublic();

    assertError(() -> envelope.verify(otherKey), EnvelopeError.BAD_SIGNATURE);
  }

  @Test
  void verify_truncatedSignature_isBadSignature() throws Exception {
    String compact = signer.sign(MessageType.OFFER, new JsonObject());
    UnverifiedEnvelope envelope =
        UnverifiedEnvelope.parse(compact.substring(0, compact.length() - 4));

    assertError(() -> envelope.verify(PUBLIC_KEY), EnvelopeError.BAD_SIGNATURE);
  }

  @Test
  void verify_withP384Key_isBadKey() throws Exception {
    UnverifiedEnvelope envelope =
        UnverifiedEnvelope.parse(signer.sign(MessageType.OFFER, new JsonObject()));
    ECPublicKey p384 = (ECPublicKey) ecKeyPair("secp384r1").getPublic();

    assertError(() -> envelope.verify(p384), EnvelopeError.BAD_KEY);
  }

  @Test
  void parse_algNone_isUnsupportedAlgorithm() {
    String header = encode("{\"alg\":\"none\",\"typ\":\"sfsb-envelope+jwt\"}");
    String payload = encode(claims("offer", NONCE, "1740823200", "{}"));

    assertError(
        () -> UnverifiedEnvelope.parse(header + "." + payload + "."),
        EnvelopeError.UNSUPPORTED_ALGORITHM);
    assertError(
        () -> UnverifiedEnvelope.parse(header + "." + payload + ".AAAA"),
        EnvelopeError.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void parse_hs256WithThePublicKeyAsSecret_isUnsupportedAlgorithm() throws Exception {
    JWSObject forged =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType(Envelope.TYPE_HEADER))
                .build(),
            new Payload(claims("offer", NONCE, "1740823200", "{}")));
    forged.sign(new MACSigner(Pem.encodePublicKey(PUBLIC_KEY).getBytes(StandardCharsets.UTF_8)));

    assertError(
        () -> UnverifiedEnvelope.parse(forged.serialize()), EnvelopeError.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void parse_es384_isUnsupportedAlgorithm() throws Exception {
    JWSObject other =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES384)
                .type(new JOSEObjectType(Envelope.TYPE_HEADER))
                .build(),
            new Payload(claims("offer", NONCE, "1740823200", "{}")));
    other.sign(new ECDSASigner((ECPrivateKey) ecKeyPair("secp384r1").getPrivate()));

    assertError(
        () -> UnverifiedEnvelope.parse(other.serialize()), EnvelopeError.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void parse_headerWithEmbeddedKeyOrOtherType_isMalformed() throws Exception {
    String payload = claims("offer", NONCE, "1740823200", "{}");

    assertError(
        () ->
            UnverifiedEnvelope.parse(
                signed("{\"alg\":\"ES256\",\"typ\":\"sfsb-envelope+jwt\",\"jwk\":{}}", payload)),
        EnvelopeError.MALFORMED);
    assertError(
        () -> UnverifiedEnvelope.parse(signed("{\"alg\":\"ES256\",\"typ\":\"JWT\"}", payload)),
        EnvelopeError.MALFORMED);
    assertError(
        () -> UnverifiedEnvelope.parse(signed("{\"alg\":\"ES256\"}", payload)),
        EnvelopeError.MALFORMED);
    assertError(
        () ->
            UnverifiedEnvelope.parse(
                signed(
                    "{\"alg\":\"ES256\",\"alg\":\"ES256\",\"typ\":\"sfsb-envelope+jwt\"}",
                    payload)),
        EnvelopeError.MALFORMED);
  }

  @Test
  void parse_wellFormedHandMadeEnvelope_verifies() throws Exception {
    String compact = signed(HEADER, claims("offer", NONCE, "1740823200", "{\"a\":[1,2]}"));

    VerifiedMessage message = UnverifiedEnvelope.parse(compact).verify(PUBLIC_KEY);

    assertThat(message.nonce()).isEqualTo(NONCE);
    assertThat(message.bodyJson()).isEqualTo("{\"a\":[1,2]}");
  }

  @Test
  void parse_badClaims_areMalformed() {
    List<String> payloads =
        List.of(
            // a claim missing
            "{\"ver\":1,\"msg\":\"offer\",\"iss\":\"fog-7\",\"iat\":1,\"body\":{}}",
            "{\"ver\":1,\"msg\":\"offer\",\"iss\":\"fog-7\",\"jti\":\"" + NONCE + "\",\"iat\":1}",
            "{\"msg\":\"offer\",\"iss\":\"fog-7\",\"jti\":\"" + NONCE + "\",\"iat\":1,\"body\":{}}",
            // an unknown claim
            claims("offer", NONCE, "1", "{}").replace("{\"ver\"", "{\"exp\":5,\"ver\""),
            // a claim named twice
            claims("offer", NONCE, "1", "{}").replace("{\"ver\":1", "{\"ver\":1,\"ver\":1"),
            // values of the wrong kind or out of range
            claims("no-such-type", NONCE, "1", "{}"),
            claims("offer", "short", "1", "{}"),
            claims("offer", "has spaces in the nonce!", "1", "{}"),
            claims("offer", NONCE, "1.5", "{}"),
            claims("offer", NONCE, "-1", "{}"),
            claims("offer", NONCE, "\"1\"", "{}"),
            claims("offer", NONCE, "1e3", "{}"),
            claims("offer", NONCE, "99999999999999999999", "{}"),
            claims("offer", NONCE, "1", "[]"),
            claims("offer", NONCE, "1", "\"text\""),
            claims("offer", NONCE, "1", "{}").replace("\"fog-7\"", "\"fog 7\""),
            claims("offer", NONCE, "1", "{}").replace("\"fog-7\"", "7"),
            "[]",
            "not json");

    for (String payload : payloads) {
      assertError(() -> UnverifiedEnvelope.parse(signed(HEADER, payload)), EnvelopeError.MALFORMED);
    }
  }

  @Test
  void parse_otherProtocolVersion_isUnsupportedVersion() {
    String payload = claims("offer", NONCE, "1", "{}").replace("\"ver\":1", "\"ver\":2");

    assertError(
        () -> UnverifiedEnvelope.parse(signed(HEADER, payload)), EnvelopeError.UNSUPPORTED_VERSION);
  }

  @Test
  void parse_garbage_isMalformed() {
    String valid = signer.sign(MessageType.OFFER, new JsonObject());
    String[] parts = valid.split("\\.");
    List<String> garbage =
        List.of(
            "",
            "not-a-jws",
            "a.b",
            valid + ".d",
            "!!!.###.$$$",
            parts[0] + "==." + parts[1] + "." + parts[2],
            parts[0] + ".." + parts[2],
            parts[0] + "." + parts[1] + ".",
            encode("not json") + "." + parts[1] + "." + parts[2],
            parts[0] + "." + encodeBytes(new byte[] {(byte) 0xC3, 0x28}) + "." + parts[2],
            " " + valid);

    for (String compact : garbage) {
      assertError(() -> UnverifiedEnvelope.parse(compact), EnvelopeError.MALFORMED);
    }
    assertError(() -> UnverifiedEnvelope.parse(null), EnvelopeError.MALFORMED);
  }

  @Test
  void parse_longerThanTheLimit_isTooLarge() {
    String huge = "a".repeat(Envelope.MAX_LENGTH + 1);

    assertError(() -> UnverifiedEnvelope.parse(huge), EnvelopeError.TOO_LARGE);
  }

  @Test
  void sign_bodyTooLargeForAnEnvelope_isRefused() {
    JsonObject body = body("padding", 0);
    body.addProperty("padding", "x".repeat(Envelope.MAX_LENGTH));

    assertThatThrownBy(() -> signer.sign(MessageType.OFFER, body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("smaller body");
  }

  @Test
  void sign_bodyThatIsNotAnObject_isRefused() {
    assertThatThrownBy(() -> signer.sign(MessageType.OFFER, List.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON object");
  }

  @Test
  void newSigner_withP384KeyOrBadId_isRefused() {
    ECPrivateKey p384 = (ECPrivateKey) ecKeyPair("secp384r1").getPrivate();

    assertThatThrownBy(() -> new EnvelopeSigner("fog-7", p384, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("P-256");
    assertThatThrownBy(() -> new EnvelopeSigner("fog 7", PRIVATE_KEY, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signer id");
  }

  @Test
  void verifiedMessage_bodyCannotBeChangedThroughItsAccessor() throws Exception {
    VerifiedMessage message =
        UnverifiedEnvelope.parse(signer.sign(MessageType.OFFER, body("price", 10)))
            .verify(PUBLIC_KEY);

    message.body().addProperty("price", 1);

    assertThat(message.body().get("price").getAsInt()).isEqualTo(10);
  }

  @Test
  void messageType_wireNames_areStableAndUnique() {
    assertThat(MessageType.fromWireName("slice-request")).contains(MessageType.SLICE_REQUEST);
    assertThat(MessageType.fromWireName("SLICE_REQUEST")).isEmpty();
    assertThat(List.of(MessageType.values()).stream().map(MessageType::wireName).distinct().count())
        .isEqualTo(MessageType.values().length);
    for (MessageType type : MessageType.values()) {
      assertThat(Json.toJson(type)).isEqualTo("\"" + type.wireName() + "\"");
    }
  }

  private interface Action {
    void run() throws EnvelopeException;
  }

  private static void assertError(final Action action, final EnvelopeError expected) {
    assertThatThrownBy(action::run)
        .isInstanceOf(EnvelopeException.class)
        .satisfies(e -> assertThat(((EnvelopeException) e).error()).isEqualTo(expected))
        .hasMessageStartingWith(expected.name() + ": ");
  }

  private static String claims(
      final String type, final String nonce, final String issuedAt, final String body) {
    return "{\"ver\":1,\"msg\":\""
        + type
        + "\",\"iss\":\"fog-7\",\"jti\":\""
        + nonce
        + "\",\"iat\":"
        + issuedAt
        + ",\"body\":"
        + body
        + "}";
  }

  /** Signs any header and payload text with ES256 and the test key, bypassing the signer. */
  private static String signed(final String header, final String payload) {
    String signingInput = encode(header) + "." + encode(payload);
    try {
      Base64URL signature =
          new ECDSASigner(PRIVATE_KEY)
              .sign(
                  new JWSHeader(JWSAlgorithm.ES256),
                  signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + signature;
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject body(final String name, final int value) {
    JsonObject body = new JsonObject();
    body.addProperty(name, value);
    return body;
  }

  private static KeyPair ecKeyPair(final String curve) {
    try {
      java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
      generator.initialize(new java.security.spec.ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(final String text) {
    return encodeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String encodeBytes(final byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String decode(final String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }
}
