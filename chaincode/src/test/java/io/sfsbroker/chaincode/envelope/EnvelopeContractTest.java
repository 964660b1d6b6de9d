package io.sfsbroker.chaincode.envelope;

import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.participant.ParticipantContract;
import io.sfsbroker.chaincode.testing.Consortium;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.EnvelopeConfig;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.envelope.UsedNonce;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.participant.ParticipantRole;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvelopeContractTest {

  private static final TestIdentity ORG1_ADMIN = TestIdentity.admin("Org1MSP");
  private static final TestIdentity BRIDGE = TestIdentity.client("Org1MSP");

  private final InMemoryLedger ledger = new InMemoryLedger();
  private final EnvelopeContract contract = new EnvelopeContract();
  private final Consortium consortium = new Consortium(ledger);
  private final ParticipantContract participants = new ParticipantContract();
  private final TestDevice fog = TestDevice.create("fog-7", ledger);
  private final TestDevice rp = TestDevice.create("rp-1", ledger);

  record SliceRequest(String serviceClass, long budget) {}

  @BeforeEach
  void registerDevices() {
    ledger.submit(ORG1_ADMIN, ctx -> participants.register(ctx, fog.registration("FOG_NODE")));
    ledger.submit(
        ORG1_ADMIN, ctx -> participants.register(ctx, rp.registration("RESOURCE_PROVIDER")));
  }

  @Test
  void verify_validEnvelope_returnsMessageAndConsumesNothing() {
    String envelope = fog.sign(MessageType.SLICE_REQUEST, new SliceRequest("ar-vr", 1500));

    JsonObject message = Json.parseObject(verify(envelope, "slice-request"));

    assertThat(message.get("type").getAsString()).isEqualTo("slice-request");
    assertThat(message.get("signerId").getAsString()).isEqualTo("fog-7");
    assertThat(message.get("issuedAt").getAsString()).isEqualTo("2025-03-01T10:00:00Z");
    assertThat(message.getAsJsonObject("body"))
        .isEqualTo(Json.parseObject("{\"serviceClass\":\"ar-vr\",\"budget\":1500}"));
    String nonce = message.get("nonce").getAsString();
    assertThat(ledger.lastWrites()).isEmpty();
    assertThat(ledger.get(key("envelope-nonce", "fog-7", nonce))).isEmpty();
  }

  @Test
  void verify_sameEnvelopeTwice_answersTheSame_becauseVerifyingBurnsNoNonce() {
    String envelope = fog.sign(MessageType.SLICE_REQUEST, new SliceRequest("ar-vr", 1500));
    String first = verify(envelope, "slice-request");

    assertThat(verify(envelope, "slice-request")).isEqualTo(first);
  }

  @Test
  void verify_anEnvelopeAContractConsumed_isReplay() {
    String envelope = fog.sign(MessageType.SLICE_REQUEST, new SliceRequest("ar-vr", 1500));
    ledger.submit(
        BRIDGE,
        ctx ->
            EnvelopeVerifier.verifyAndConsume(
                ctx, envelope, MessageType.SLICE_REQUEST, Set.of(ParticipantRole.FOG_NODE)));

    assertRejected(ledger, ErrorCode.REPLAY, () -> verify(envelope, "slice-request"));
  }

  @Test
  void getUsedNonce_ofAConsumedEnvelope_namesTheTransactionThatAppliedIt() {
    String envelope = fog.sign(MessageType.SLICE_REQUEST, new SliceRequest("ar-vr", 1500));
    String nonce = Json.parseObject(verify(envelope, "slice-request")).get("nonce").getAsString();
    String applying =
        ledger.submit(
            BRIDGE,
            ctx -> {
              EnvelopeVerifier.verifyAndConsume(
                  ctx, envelope, MessageType.SLICE_REQUEST, Set.of(ParticipantRole.FOG_NODE));
              return ctx.getStub().getTxId();
            });

    UsedNonce used =
        Json.fromJson(
            ledger.evaluate(BRIDGE, ctx -> contract.getUsedNonce(ctx, "fog-7", nonce)),
            UsedNonce.class);

    assertThat(used.txId()).isEqualTo(applying);
    assertThat(used.type()).isEqualTo(MessageType.SLICE_REQUEST);
  }

  @Test
  void getUsedNonce_ofANonceNeverUsed_isNotFound_andABlankOneInvalid() {
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.getUsedNonce(ctx, "fog-7", "n-unused")));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.getUsedNonce(ctx, "fog-7", " ")));
  }

  @Test
  void verify_unknownSigner_isForbidden() {
    TestDevice stranger = TestDevice.create("fog-99", ledger);
    String envelope = stranger.sign(MessageType.SLICE_REQUEST, new SliceRequest("ar-vr", 1));

    assertThat(
            assertRejected(ledger, ErrorCode.FORBIDDEN, () -> verify(envelope, "slice-request"))
                .getMessage())
        .contains("not a registered participant");
  }

  @Test
  void verify_revokedSigner_isForbidden() {
    String envelope = fog.sign(MessageType.SLICE_REQUEST, new SliceRequest("ar-vr", 1));
    ledger.submit(ORG1_ADMIN, ctx -> participants.revoke(ctx, "fog-7"));

    assertThat(
            assertRejected(ledger, ErrorCode.FORBIDDEN, () -> verify(envelope, "slice-request"))
                .getMessage())
        .contains("revoked");
  }

  @Test
  void verify_signedWithAnotherKey_isBadSignature() {
    TestDevice impostor = TestDevice.create("fog-7", ledger);
    String envelope = impostor.sign(MessageType.SLICE_REQUEST, new SliceRequest("ar-vr", 1));

    assertRejected(ledger, ErrorCode.BAD_SIGNATURE, () -> verify(envelope, "slice-request"));
  }

  @Test
  void verify_tamperedBody_isBadSignature() {
    String[] parts = fog.sign(MessageType.OFFER, new SliceRequest("ar-vr", 1500)).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String tampered =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.replace("1500", "15").getBytes(StandardCharsets.UTF_8));
    String envelope = parts[0] + "." + tampered + "." + parts[2];

    assertRejected(ledger, ErrorCode.BAD_SIGNATURE, () -> verify(envelope, "offer"));
  }

  @Test
  void verify_algNone_isBadSignature() {
    String[] parts = fog.sign(MessageType.OFFER, new SliceRequest("ar-vr", 1)).split("\\.");
    String none =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"alg\":\"none\",\"typ\":\"sfsb-envelope+jwt\"}"
                    .getBytes(StandardCharsets.UTF_8));

    assertRejected(
        ledger, ErrorCode.BAD_SIGNATURE, () -> verify(none + "." + parts[1] + ".", "offer"));
  }

  @Test
  void verify_otherMessageType_isInvalidArgument() {
    String envelope = fog.sign(MessageType.OFFER, new SliceRequest("ar-vr", 1));

    assertRejected(ledger, ErrorCode.INVALID_ARGUMENT, () -> verify(envelope, "slice-request"));
  }

  @Test
  void verify_unknownExpectedType_isInvalidArgument() {
    String envelope = fog.sign(MessageType.OFFER, new SliceRequest("ar-vr", 1));

    assertRejected(ledger, ErrorCode.INVALID_ARGUMENT, () -> verify(envelope, "OFFER"));
  }

  @Test
  void verify_garbageOrOversize_isMalformed() {
    for (String envelope : new String[] {"", "garbage", "a.b.c", "x".repeat(200_000)}) {
      assertRejected(ledger, ErrorCode.MALFORMED, () -> verify(envelope, "offer"));
    }
  }

  @Test
  void verify_issuedTooLongBefore_isExpired() {
    String envelope =
        fog.signAt(
            MessageType.OFFER,
            new SliceRequest("a", 1),
            ledger.now().minus(Duration.ofSeconds(121)));

    assertThat(
            assertRejected(ledger, ErrorCode.EXPIRED, () -> verify(envelope, "offer")).getMessage())
        .contains("121 s before");
  }

  @Test
  void verify_issuedTooFarAhead_isExpired() {
    String envelope =
        fog.signAt(
            MessageType.OFFER,
            new SliceRequest("a", 1),
            ledger.now().plus(Duration.ofSeconds(121)));

    assertRejected(ledger, ErrorCode.EXPIRED, () -> verify(envelope, "offer"));
  }

  @Test
  void verify_issuedExactlyAtTheSkewLimit_isAccepted() {
    String before =
        fog.signAt(
            MessageType.OFFER,
            new SliceRequest("a", 1),
            ledger.now().minus(Duration.ofSeconds(120)));
    String after =
        fog.signAt(
            MessageType.OFFER,
            new SliceRequest("a", 1),
            ledger.now().plus(Duration.ofSeconds(120)));

    assertThat(Json.parseObject(verify(before, "offer")).get("signerId").getAsString())
        .isEqualTo("fog-7");
    assertThat(Json.parseObject(verify(after, "offer")).get("signerId").getAsString())
        .isEqualTo("fog-7");
  }

  @Test
  void verify_afterTheLedgerClockMovedOn_isExpired() {
    String envelope = fog.sign(MessageType.OFFER, new SliceRequest("a", 1));
    ledger.advance(Duration.ofMinutes(3));

    assertRejected(ledger, ErrorCode.EXPIRED, () -> verify(envelope, "offer"));
  }

  @Test
  void verify_withinAConfiguredLargerSkew_isAccepted() {
    consortium.change("envelope", "{\"maxClockSkewSeconds\":600}");
    String envelope =
        fog.signAt(
            MessageType.OFFER, new SliceRequest("a", 1), ledger.now().minus(Duration.ofMinutes(9)));

    assertThat(Json.parseObject(verify(envelope, "offer")).get("signerId").getAsString())
        .isEqualTo("fog-7");
  }

  @Test
  void verifier_withRolesGiven_refusesOtherRolesAsForbidden() {
    String envelope = rp.sign(MessageType.SLICE_REQUEST, new SliceRequest("a", 1));

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () ->
            ledger.submit(
                BRIDGE,
                ctx ->
                    EnvelopeVerifier.verifyAndConsume(
                        ctx,
                        envelope,
                        MessageType.SLICE_REQUEST,
                        Set.of(ParticipantRole.FOG_NODE))));
  }

  @Test
  void verifier_verifyAlone_writesNothingAndDecodesTheBody() {
    String envelope = fog.sign(MessageType.SLICE_REQUEST, new SliceRequest("ar-vr", 1500));

    VerifiedEnvelope verified =
        ledger.evaluate(
            BRIDGE, ctx -> EnvelopeVerifier.verify(ctx, envelope, MessageType.SLICE_REQUEST));

    assertThat(verified.bodyAs(SliceRequest.class)).isEqualTo(new SliceRequest("ar-vr", 1500));
    assertThat(verified.signer().role()).isEqualTo(ParticipantRole.FOG_NODE);
    assertThat(ledger.lastWrites()).isEmpty();
    boolean used =
        ledger.evaluate(
            BRIDGE,
            ctx ->
                EnvelopeVerifier.isNonceUsed(Ledger.of(ctx), "fog-7", verified.message().nonce()));
    assertThat(used).isFalse();
  }

  @Test
  void configure_throughTheConsortium_storesConfigAndEmitsEvent() {
    consortium.change("envelope", "{\"maxClockSkewSeconds\":300}");
    String json = ledger.evaluate(BRIDGE, contract::getConfig);

    EnvelopeConfig config = Json.fromJson(json, EnvelopeConfig.class);
    assertThat(config).isEqualTo(new EnvelopeConfig(300, "Org1MSP", InMemoryLedger.START));
    assertThat(ledger.events())
        .last()
        .satisfies(
            event -> assertThat(event.name()).isEqualTo(EventName.ENVELOPE_CONFIGURED.wireName()));
  }

  @Test
  void getConfig_beforeAnyConfigure_isTheDefault() {
    assertThat(ledger.evaluate(BRIDGE, contract::getConfig))
        .isEqualTo("{\"maxClockSkewSeconds\":120}");
  }

  @Test
  void configure_directlyByAnAdminOrAClient_isForbidden() {
    for (TestIdentity caller : new TestIdentity[] {ORG1_ADMIN, BRIDGE}) {
      assertRejected(
          ledger, ErrorCode.FORBIDDEN, () -> configure(caller, "{\"maxClockSkewSeconds\":300}"));
    }
  }

  @Test
  void configure_outOfBoundsOrMissing_isInvalidArgument() {
    for (String config :
        new String[] {
          "{\"maxClockSkewSeconds\":4}",
          "{\"maxClockSkewSeconds\":3601}",
          "{}",
          "{\"maxClockSkewSeconds\":1.5}"
        }) {
      assertRejected(
          ledger,
          ErrorCode.INVALID_ARGUMENT,
          () -> consortium.propose(ORG1_ADMIN, "envelope", config));
    }
  }

  @Test
  void configure_notJson_isMalformed() {
    assertRejected(
        ledger, ErrorCode.MALFORMED, () -> consortium.propose(ORG1_ADMIN, "envelope", "300"));
  }

  private String verify(final String envelope, final String expectedType) {
    return ledger.submit(BRIDGE, ctx -> contract.verify(ctx, envelope, expectedType));
  }

  private String configure(final TestIdentity caller, final String config) {
    return ledger.submit(caller, ctx -> contract.configure(ctx, config));
  }

  private String key(final String type, final String... attributes) {
    return ledger.newTransaction(BRIDGE).createCompositeKey(type, attributes).toString();
  }
}
