package io.sfsbroker.chaincode.slice;

import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.BrokerFixture.FOG_NODE_CREDITS;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.BrokerFixture.Line;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A slice's bundle tokens are its rights: whoever holds all of them (owner, approved account or
 * operator of the owner) confirms service, reads the endpoints, reports failures and decommissions;
 * the fog node that requested it keeps nothing once it gave them away.
 */
class SliceRightsTest {

  private final BrokerFixture broker = new BrokerFixture();
  private final InMemoryLedger ledger = broker.ledger;
  private final TestDevice fogA = broker.fogNode("fog-a");
  private final TestDevice fogB = broker.fogNode("fog-b");
  private final TestDevice rp1 = broker.rp("rp-1");
  private final TestDevice rp2 = broker.rp("rp-2");

  /** cpu 100 × 3 from rp-1, mem 50 × 2 from rp-2 under lowest-offer selection, both confirmed. */
  private String activeSliceOfA() {
    String id =
        broker
            .request(
                fogA,
                "{\"categories\":[{\"category\":\"cpu\",\"amount\":100,\"maxUnitPrice\":5},"
                    + "{\"category\":\"mem\",\"amount\":50,\"maxUnitPrice\":5}],"
                    + "\"strategy\":\"LOWEST_OFFER\"}")
            .get("id")
            .getAsString();
    broker.offer(rp1, id, new Line("cpu", 3, 100, 1), new Line("mem", 4, 50, 1));
    broker.offer(rp2, id, new Line("cpu", 4, 100, 1), new Line("mem", 2, 50, 1));
    ledger.advance(Duration.ofSeconds(31));
    broker.closeAndSelect(id);
    broker.confirm(rp1, id, "cpu");
    broker.confirm(rp2, id, "mem");
    return id;
  }

  private void transfer(final TestDevice from, final String to, final String tokenId) {
    String envelope =
        from.sign(
            MessageType.NFT_TRANSFER,
            Map.of(
                "action", "TRANSFER", "tokenId", tokenId, "from", "device:" + from.id(), "to", to));
    ledger.submit(BRIDGE, ctx -> broker.nfts.applySigned(ctx, envelope));
  }

  private void transferSlice(final String id, final TestDevice from, final String to) {
    transfer(from, to, SlicePayments.bundleTokenId(id, "cpu"));
    transfer(from, to, SlicePayments.bundleTokenId(id, "mem"));
  }

  private JsonObject endpoints(final String id, final String account) {
    return Json.parseObject(
        ledger.evaluate(BRIDGE, ctx -> broker.slices.getSliceEndpoints(ctx, id, account)));
  }

  private String confirmService(final TestDevice who, final String id) {
    String envelope = broker.serviceEnvelope(who, id, "RECEIVED");
    return ledger.submit(BRIDGE, ctx -> broker.slices.confirmService(ctx, envelope));
  }

  private String decommission(final TestDevice who, final String id) {
    String envelope = broker.serviceEnvelope(who, id, "RELEASED");
    return ledger.submit(BRIDGE, ctx -> broker.slices.decommission(ctx, envelope));
  }

  @Test
  void getSliceEndpoints_ofTheRequester_namesEveryPart() {
    String id = activeSliceOfA();

    JsonObject answer = endpoints(id, "device:fog-a");

    assertThat(answer.get("holder").getAsString()).isEqualTo("device:fog-a");
    assertThat(answer.get("state").getAsString()).isEqualTo("ACTIVE");
    assertThat(answer.getAsJsonArray("endpoints")).hasSize(2);
  }

  @Test
  void transferredSlice_theNewHolderConfirmsAndReadsEndpoints_theRequesterIsRefused() {
    String id = activeSliceOfA();
    transferSlice(id, fogA, "device:fog-b");

    assertRejected(ledger, ErrorCode.FORBIDDEN, () -> endpoints(id, "device:fog-a"));
    String byA = broker.serviceEnvelope(fogA, id, "RECEIVED");
    assertThat(
            assertRejected(
                    ledger,
                    ErrorCode.FORBIDDEN,
                    () -> ledger.submit(BRIDGE, ctx -> broker.slices.confirmService(ctx, byA)))
                .getMessage())
        .contains("owned by device:fog-b");

    assertThat(endpoints(id, "device:fog-b").getAsJsonArray("endpoints")).hasSize(2);
    confirmService(fogB, id);
    assertThat(broker.state(id)).isEqualTo("IN_SERVICE");
    assertThat(broker.balance("device:rp-1")).isEqualTo(300);
    assertThat(broker.balance("device:rp-2")).isEqualTo(100);
  }

  @Test
  void transferredSlice_theNewHolderDecommissions_theRefundGoesToThePayer() {
    String id = activeSliceOfA();
    transferSlice(id, fogA, "device:fog-b");
    String byA = broker.serviceEnvelope(fogA, id, "RELEASED");
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> broker.slices.decommission(ctx, byA)));

    decommission(fogB, id);

    assertThat(broker.state(id)).isEqualTo("DECOMMISSIONED");
    assertThat(broker.slice(id).get("reason").getAsString())
        .isEqualTo("released by fog-b, holder of its tokens");
    assertThat(broker.balance("device:fog-a")).isEqualTo(FOG_NODE_CREDITS);
    assertThat(broker.balance("device:fog-b")).isEqualTo(FOG_NODE_CREDITS);
    assertRejected(ledger, ErrorCode.FORBIDDEN, () -> endpoints(id, "device:fog-b"));
  }

  @Test
  void decommissionEvent_ofATransferredSlice_namesTheNewHolder_theStoredSliceNamesNone() {
    String id = activeSliceOfA();
    assertThat(Json.parseObject(broker.lastEvent().payload()).get("holderId").getAsString())
        .as("SliceReady names the requester while it holds the tokens")
        .isEqualTo("fog-a");
    transferSlice(id, fogA, "device:fog-b");

    decommission(fogB, id);

    InMemoryLedger.Event event = broker.lastEvent();
    assertThat(event.name()).isEqualTo("SliceDecommissioned");
    JsonObject payload = Json.parseObject(event.payload());
    assertThat(payload.get("holderId").getAsString()).isEqualTo("fog-b");
    assertThat(payload.get("tenantId").getAsString()).isEqualTo("fog-a");
    assertThat(broker.slice(id).has("holderId")).isFalse();
  }

  @Test
  void expiryEvent_ofASliceWithSplitTokens_namesNoHolder() {
    String id = activeSliceOfA();
    transfer(fogA, "device:fog-b", SlicePayments.bundleTokenId(id, "cpu"));
    ledger.advance(Duration.ofDays(1));

    ledger.submit(BRIDGE, ctx -> broker.slices.expire(ctx, id));

    InMemoryLedger.Event event = broker.lastEvent();
    assertThat(event.name()).isEqualTo("SliceTimedOut");
    assertThat(Json.parseObject(event.payload()).has("holderId")).isFalse();
  }

  @Test
  void transferredSlice_theRequesterCannotReportAFailure_theNewHolderCan() {
    String id = activeSliceOfA();
    transferSlice(id, fogA, "device:fog-b");
    String byA =
        fogA.sign(MessageType.FAILURE_REPORT, Map.of("sliceId", id, "reason", "no traffic"));
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> broker.slices.reportFailure(ctx, byA)));

    String byB =
        fogB.sign(MessageType.FAILURE_REPORT, Map.of("sliceId", id, "reason", "no traffic"));
    ledger.submit(BRIDGE, ctx -> broker.slices.reportFailure(ctx, byB));

    assertThat(broker.state(id)).isEqualTo("FAILED");
  }

  @Test
  void operatorOfTheOwner_mayDecommission_untilTheApprovalIsWithdrawn() {
    String id = activeSliceOfA();
    String approve =
        fogA.sign(
            MessageType.NFT_TRANSFER,
            Map.of("action", "SET_APPROVAL_FOR_ALL", "operator", "device:fog-b", "approved", true));
    ledger.submit(BRIDGE, ctx -> broker.nfts.applySigned(ctx, approve));
    assertThat(endpoints(id, "device:fog-b").get("holder").getAsString()).isEqualTo("device:fog-b");
    String withdraw =
        fogA.sign(
            MessageType.NFT_TRANSFER,
            Map.of(
                "action", "SET_APPROVAL_FOR_ALL", "operator", "device:fog-b", "approved", false));
    ledger.submit(BRIDGE, ctx -> broker.nfts.applySigned(ctx, withdraw));
    String early = broker.serviceEnvelope(fogB, id, "RELEASED");
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> broker.slices.decommission(ctx, early)));

    String again =
        fogA.sign(
            MessageType.NFT_TRANSFER,
            Map.of("action", "SET_APPROVAL_FOR_ALL", "operator", "device:fog-b", "approved", true));
    ledger.submit(BRIDGE, ctx -> broker.nfts.applySigned(ctx, again));
    decommission(fogB, id);

    assertThat(broker.state(id)).isEqualTo("DECOMMISSIONED");
  }

  @Test
  void sliceWithItsTokensSplit_isHeldByNobody() {
    String id = activeSliceOfA();
    transfer(fogA, "device:fog-b", SlicePayments.bundleTokenId(id, "cpu"));

    for (TestDevice fog : new TestDevice[] {fogA, fogB}) {
      String release = broker.serviceEnvelope(fog, id, "RELEASED");
      assertRejected(
          ledger,
          ErrorCode.FORBIDDEN,
          () -> ledger.submit(BRIDGE, ctx -> broker.slices.decommission(ctx, release)));
    }
    assertThat(broker.state(id)).isEqualTo("ACTIVE");
  }

  @Test
  void transferOfASliceToken_byANonOwner_isForbidden_andOfAMissingOne_isNotFound() {
    String id = activeSliceOfA();
    String steal =
        fogB.sign(
            MessageType.NFT_TRANSFER,
            Map.of(
                "action",
                "TRANSFER",
                "tokenId",
                SlicePayments.bundleTokenId(id, "cpu"),
                "from",
                "device:fog-a",
                "to",
                "device:fog-b"));
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> broker.nfts.applySigned(ctx, steal)));
    String missing =
        fogA.sign(
            MessageType.NFT_TRANSFER,
            Map.of(
                "action",
                "TRANSFER",
                "tokenId",
                SlicePayments.bundleTokenId(id, "gpu"),
                "from",
                "device:fog-a",
                "to",
                "device:fog-b"));
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.submit(BRIDGE, ctx -> broker.nfts.applySigned(ctx, missing)));

    assertThat(endpoints(id, "device:fog-a").get("holder").getAsString()).isEqualTo("device:fog-a");
  }

  @Test
  void getSliceEndpoints_ofAMalformedAccount_isInvalid_andOfAMissingSlice_notFound() {
    String id = activeSliceOfA();

    assertRejected(ledger, ErrorCode.INVALID_ARGUMENT, () -> endpoints(id, "fog-a"));
    assertRejected(
        ledger, ErrorCode.NOT_FOUND, () -> endpoints("s-000000000000000000000000", "device:fog-a"));
  }
}
