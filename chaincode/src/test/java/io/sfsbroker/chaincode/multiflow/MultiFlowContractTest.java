package io.sfsbroker.chaincode.multiflow;

import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.BrokerFixture.FOG_NODE_CREDITS;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Windows;
import io.sfsbroker.protocol.envelope.MessageType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The multiflow contract with the paper's three borderline flow types in one application. Every
 * flow: references 100,000 kbit/s, 10,000 µs, 10,000 ppm; µ = 0.5, qmin = 0.5, pmax = 1000. Every
 * operator bids the same on every flow: rp-x 20,000 kbit/s at 1,000 µs for 600 (low latency), rp-y
 * 100,000 kbit/s at 8,000 µs for 600 (high throughput), rp-z 60,000 kbit/s at 4,000 µs for 500. By
 * hand (see MultiFlowSelectionTest in the market module): the latency-sensitive flow goes to rp-x
 * (q 0.9), the throughput-sensitive one to rp-y (q 1.0) and the balanced one to rp-z (q 0.6,
 * cheaper than rp-y at equal q).
 */
class MultiFlowContractTest {

  private final BrokerFixture broker = new BrokerFixture();
  private final InMemoryLedger ledger = broker.ledger;
  private final MultiFlowContract contract = new MultiFlowContract();
  private final TestDevice fog = broker.fogNode("fog-1");
  private final TestDevice rpX = broker.rp("rp-x");
  private final TestDevice rpY = broker.rp("rp-y");
  private final TestDevice rpZ = broker.rp("rp-z");

  private static Map<String, Object> flow(
      final String id, final long betaR, final long betaT, final List<String> intervals) {
    Map<String, Object> flow = new LinkedHashMap<>();
    flow.put("flowId", id);
    flow.put("betaR", betaR);
    flow.put("betaT", betaT);
    flow.put("betaL", 1_000_000 - betaR - betaT);
    flow.put("mu", 500_000);
    flow.put("qMin", 500_000);
    flow.put("pMax", 1000);
    flow.put("refThroughputKbps", 100_000);
    flow.put("refLatencyMicros", 10_000);
    flow.put("refLossPpm", 10_000);
    flow.put("intervals", intervals);
    return flow;
  }

  private String request(final TestDevice who, final List<Map<String, Object>> flows) {
    String envelope =
        who.sign(MessageType.APPLICATION_REQUEST, Map.of("flows", flows, "bidWindowSeconds", 20));
    return Json.parseObject(
            ledger.submit(BRIDGE, ctx -> contract.requestApplication(ctx, envelope)))
        .get("id")
        .getAsString();
  }

  private String threeFlowTypes() {
    return request(
        fog,
        List.of(
            flow("latency", 0, 1_000_000, List.of("t0")),
            flow("throughput", 1_000_000, 0, List.of("t0")),
            flow("balanced", 500_000, 500_000, List.of("t0", "t1"))));
  }

  private String bidEnvelope(
      final TestDevice rp,
      final String id,
      final String flow,
      final String interval,
      final long kbps,
      final long micros,
      final long price) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applicationId", id);
    body.put("flowId", flow);
    body.put("interval", interval);
    body.put("throughputKbps", kbps);
    body.put("latencyMicros", micros);
    body.put("lossPpm", 0);
    body.put("price", price);
    return rp.sign(MessageType.FLOW_BID, body);
  }

  private void bid(
      final TestDevice rp,
      final String id,
      final String flow,
      final String interval,
      final long kbps,
      final long micros,
      final long price) {
    String envelope = bidEnvelope(rp, id, flow, interval, kbps, micros, price);
    ledger.submit(BRIDGE, ctx -> contract.submitFlowBid(ctx, envelope));
  }

  /** Every operator bids on every flow in t0; nobody bids on balanced/t1. */
  private void bidAll(final String id) {
    for (String flow : List.of("latency", "throughput", "balanced")) {
      bid(rpX, id, flow, "t0", 20_000, 1_000, 600);
      bid(rpY, id, flow, "t0", 100_000, 8_000, 600);
      bid(rpZ, id, flow, "t0", 60_000, 4_000, 500);
    }
  }

  private JsonObject close(final String id) {
    return Json.parseObject(ledger.submit(BRIDGE, ctx -> contract.closeApplication(ctx, id)));
  }

  private JsonObject application(final String id) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.getApplication(ctx, id)));
  }

  private JsonObject escrow(final String id) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> broker.credits.getEscrow(ctx, id)));
  }

  private long tokens(final String owner) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> broker.nfts.balanceOf(ctx, owner)))
        .get("balance")
        .getAsLong();
  }

  private String awarded() {
    String id = threeFlowTypes();
    bidAll(id);
    ledger.advance(Duration.ofSeconds(21));
    close(id);
    return id;
  }

  @Test
  void requestApplication_opensTheBidWindow() {
    String id = threeFlowTypes();

    JsonObject application = application(id);
    assertThat(id).matches("m-[0-9a-f]{24}");
    assertThat(application.get("state").getAsString()).isEqualTo("OPEN");
    assertThat(application.get("bidDeadline").getAsString())
        .isEqualTo(ledger.now().plusSeconds(20).toString());
    assertThat(broker.lastEvent().name()).isEqualTo("ApplicationOpened");
  }

  @Test
  void requestApplication_withBadWeightsOrWindow_orByAnRp_isRejected() {
    Map<String, Object> bad = flow("f", 500_000, 600_000, List.of("t0"));
    bad.put("betaL", 0);
    String badWeights = fog.sign(MessageType.APPLICATION_REQUEST, Map.of("flows", List.of(bad)));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(BRIDGE, ctx -> contract.requestApplication(ctx, badWeights)));
    String badWindow =
        fog.sign(
            MessageType.APPLICATION_REQUEST,
            Map.of(
                "flows", List.of(flow("f", 0, 1_000_000, List.of("t0"))), "bidWindowSeconds", 1));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(BRIDGE, ctx -> contract.requestApplication(ctx, badWindow)));
    String byRp =
        rpX.sign(
            MessageType.APPLICATION_REQUEST,
            Map.of("flows", List.of(flow("f", 0, 1_000_000, List.of("t0")))));
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> contract.requestApplication(ctx, byRp)));
  }

  @Test
  void submitFlowBid_storesTheBid_andRejectsDuplicatesUnknownFlowsAndFogNodes() {
    String id = threeFlowTypes();

    bid(rpX, id, "latency", "t0", 20_000, 1_000, 600);

    assertThat(broker.lastEvent().name()).isEqualTo("FlowBidReceived");
    String again = bidEnvelope(rpX, id, "latency", "t0", 20_000, 1_000, 500);
    assertRejected(
        ledger,
        ErrorCode.CONFLICT,
        () -> ledger.submit(BRIDGE, ctx -> contract.submitFlowBid(ctx, again)));
    String unknownInterval = bidEnvelope(rpX, id, "latency", "t1", 20_000, 1_000, 500);
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(BRIDGE, ctx -> contract.submitFlowBid(ctx, unknownInterval)));
    String negative = bidEnvelope(rpX, id, "throughput", "t0", 20_000, 1_000, -1);
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(BRIDGE, ctx -> contract.submitFlowBid(ctx, negative)));
    String byFog = bidEnvelope(fog, id, "latency", "t0", 20_000, 1_000, 500);
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> contract.submitFlowBid(ctx, byFog)));
    String unknownApp = bidEnvelope(rpY, "m-000000000000000000000000", "f", "t0", 1, 1, 1);
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.submit(BRIDGE, ctx -> contract.submitFlowBid(ctx, unknownApp)));
  }

  @Test
  void submitFlowBid_moreThanTheLateCommitToleranceAfterTheDeadline_isLate() {
    String id = threeFlowTypes();
    ledger.advance(Duration.ofSeconds(20).plus(Windows.LATE_COMMIT).plusSeconds(1));
    String late = bidEnvelope(rpX, id, "latency", "t0", 20_000, 1_000, 600);

    assertRejected(
        ledger,
        ErrorCode.LATE_OFFER,
        () -> ledger.submit(BRIDGE, ctx -> contract.submitFlowBid(ctx, late)));
  }

  @Test
  void closeApplication_beforeTheDeadline_isRejected() {
    String id = threeFlowTypes();

    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(BRIDGE, ctx -> contract.closeApplication(ctx, id)));
  }

  @Test
  void closeApplication_buysEachBorderlineFlowFromTheOperatorOfHighestUtility() {
    String id = threeFlowTypes();
    bidAll(id);
    ledger.advance(Duration.ofSeconds(21));

    JsonObject selection = close(id);

    JsonArray outcomes = selection.getAsJsonArray("outcomes");
    assertThat(outcomes).hasSize(4);
    assertThat(winnerOf(outcomes.get(0).getAsJsonObject())).isEqualTo("rp-x");
    assertThat(winnerOf(outcomes.get(1).getAsJsonObject())).isEqualTo("rp-y");
    assertThat(winnerOf(outcomes.get(2).getAsJsonObject())).isEqualTo("rp-z");
    JsonObject unserved = outcomes.get(3).getAsJsonObject();
    assertThat(unserved.get("interval").getAsString()).isEqualTo("t1");
    assertThat(unserved.get("reason").getAsString()).isEqualTo("no bid");
    assertThat(
            outcomes.get(0).getAsJsonObject().getAsJsonObject("winner").get("utility").getAsLong())
        .isEqualTo(200_200_000_000L);
    assertThat(selection.get("totalPrice").getAsLong()).isEqualTo(1700);
    assertThat(application(id).get("state").getAsString()).isEqualTo("AWARDED");
    assertThat(escrow(id).get("amount").getAsLong()).isEqualTo(1700);
    assertThat(escrow(id).getAsJsonArray("payees")).hasSize(3);
    assertThat(broker.balance("device:fog-1")).isEqualTo(FOG_NODE_CREDITS - 1700);
    assertThat(tokens("device:fog-1")).isEqualTo(4);
    JsonObject flowToken =
        Json.parseObject(
            ledger.evaluate(
                BRIDGE,
                ctx ->
                    broker.nfts.getToken(
                        ctx, MultiFlowContract.flowTokenId(id, "balanced", "t0"))));
    assertThat(flowToken.get("kind").getAsString()).isEqualTo("FLOW");
    assertThat(flowToken.getAsJsonObject("metadata").get("rpId").getAsString()).isEqualTo("rp-z");
    assertThat(broker.lastEvent().name()).isEqualTo("ApplicationAwarded");
    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(BRIDGE, ctx -> contract.closeApplication(ctx, id)));
  }

  @Test
  void closeApplication_withoutAcceptableBids_failsAndLocksNothing() {
    String id = threeFlowTypes();
    bid(rpX, id, "throughput", "t0", 20_000, 1_000, 600);
    ledger.advance(Duration.ofSeconds(21));

    close(id);

    assertThat(application(id).get("state").getAsString()).isEqualTo("FAILED");
    assertThat(application(id).get("reason").getAsString()).contains("no flow interval");
    assertThat(broker.lastEvent().name()).isEqualTo("ApplicationFailed");
    assertThat(broker.balance("device:fog-1")).isEqualTo(FOG_NODE_CREDITS);
    assertThat(ledger.state().keySet()).noneMatch(k -> k.contains("escrow") || k.contains("nft"));
  }

  @Test
  void closeApplication_whenTheTenantCannotPay_failsAndLocksNothing() {
    TestDevice poor = broker.unfundedFogNode("fog-poor");
    broker.fund("device:fog-poor", 599);
    String id = request(poor, List.of(flow("latency", 0, 1_000_000, List.of("t0"))));
    bid(rpX, id, "latency", "t0", 20_000, 1_000, 600);
    ledger.advance(Duration.ofSeconds(21));

    close(id);

    assertThat(application(id).get("state").getAsString()).isEqualTo("FAILED");
    assertThat(application(id).get("reason").getAsString()).contains("holds 599 credits");
    assertThat(broker.balance("device:fog-poor")).isEqualTo(599);
    assertThat(ledger.state().keySet()).noneMatch(k -> k.contains("escrow") || k.contains("nft"));
  }

  @Test
  void confirmApplication_paysEachOperatorItsPrices_once() {
    String id = awarded();
    String confirmation = fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id));

    ledger.submit(BRIDGE, ctx -> contract.confirmApplication(ctx, confirmation));

    assertThat(application(id).get("state").getAsString()).isEqualTo("IN_SERVICE");
    assertThat(escrow(id).get("state").getAsString()).isEqualTo("RELEASED");
    assertThat(broker.balance("device:rp-x")).isEqualTo(600);
    assertThat(broker.balance("device:rp-y")).isEqualTo(600);
    assertThat(broker.balance("device:rp-z")).isEqualTo(500);
    String again = fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id));
    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(BRIDGE, ctx -> contract.confirmApplication(ctx, again)));
    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(BRIDGE, ctx -> contract.expireApplication(ctx, id)));
  }

  @Test
  void revokedOperators_theirBidsNeverWin_andARevokedWinnerIsNotPaid() {
    String id = threeFlowTypes();
    bidAll(id);
    ledger.submit(BrokerFixture.ADMIN, ctx -> broker.participants.revoke(ctx, "rp-z"));
    ledger.advance(Duration.ofSeconds(21));
    JsonObject selection = close(id);
    assertThat(selection.toString()).doesNotContain("rp-z");

    ledger.submit(BrokerFixture.ADMIN, ctx -> broker.participants.revoke(ctx, "rp-y"));
    long before = broker.balance("device:fog-1");
    String confirmation = fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id));
    ledger.submit(BRIDGE, ctx -> contract.confirmApplication(ctx, confirmation));

    JsonObject escrow = escrow(id);
    assertThat(escrow.get("state").getAsString()).isEqualTo("RELEASED");
    long paidToY =
        escrow.getAsJsonArray("payees").asList().stream()
            .map(JsonElement::getAsJsonObject)
            .filter(p -> p.get("account").getAsString().equals("device:rp-y"))
            .mapToLong(p -> p.get("amount").getAsLong())
            .sum();
    assertThat(paidToY).isPositive();
    assertThat(broker.balance("device:rp-y")).isZero();
    assertThat(broker.balance("device:rp-z")).isZero();
    assertThat(broker.balance("device:fog-1")).isEqualTo(before + paidToY);
    assertThat(escrow.get("reason").getAsString()).contains("revoked device:rp-y");
  }

  private void giveApplicationToken(final String id, final TestDevice from, final String to) {
    String give =
        from.sign(
            MessageType.NFT_TRANSFER,
            Map.of(
                "action",
                "TRANSFER",
                "tokenId",
                MultiFlowContract.applicationTokenId(id),
                "from",
                "device:" + from.id(),
                "to",
                to));
    ledger.submit(BRIDGE, ctx -> broker.nfts.applySigned(ctx, give));
  }

  private String release(final TestDevice who, final String id) {
    String envelope =
        who.sign(
            MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id, "status", "RELEASED"));
    return ledger.submit(BRIDGE, ctx -> contract.releaseApplication(ctx, envelope));
  }

  @Test
  void transferredApplication_theNewHolderConfirms_theRequesterIsRefused() {
    String id = awarded();
    TestDevice other = broker.fogNode("fog-2");
    giveApplicationToken(id, fog, "device:fog-2");
    String byRequester = fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id));
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> contract.confirmApplication(ctx, byRequester)));

    String byHolder = other.sign(MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id));
    ledger.submit(BRIDGE, ctx -> contract.confirmApplication(ctx, byHolder));

    assertThat(application(id).get("state").getAsString()).isEqualTo("IN_SERVICE");
    assertThat(escrow(id).get("state").getAsString()).isEqualTo("RELEASED");
  }

  @Test
  void releaseApplication_byTheNewHolderBeforeService_refundsThePayer_andBurnsTheTokens() {
    String id = awarded();
    TestDevice other = broker.fogNode("fog-2");
    giveApplicationToken(id, fog, "device:fog-2");
    String byRequester =
        fog.sign(
            MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id, "status", "RELEASED"));
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> contract.releaseApplication(ctx, byRequester)));

    release(other, id);

    assertThat(application(id).get("state").getAsString()).isEqualTo("RELEASED");
    assertThat(escrow(id).get("state").getAsString()).isEqualTo("REFUNDED");
    assertThat(broker.balance("device:fog-1")).isEqualTo(FOG_NODE_CREDITS);
    assertThat(tokens("device:fog-1")).isZero();
    assertThat(tokens("device:fog-2")).isZero();
    assertThat(ledger.events().get(ledger.events().size() - 1).name())
        .isEqualTo("ApplicationReleased");
    JsonObject payload = Json.parseObject(broker.lastEvent().payload());
    assertThat(payload.get("holderId").getAsString())
        .as("the event names the holder the token was burned from")
        .isEqualTo("fog-2");
    assertThat(payload.get("tenantId").getAsString()).isEqualTo("fog-1");
    assertThat(application(id).has("holderId")).as("the stored application names none").isFalse();
  }

  @Test
  void releaseApplication_inService_keepsTheOperatorsPaid_andCannotBeRepeated() {
    String id = awarded();
    String confirmation = fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id));
    ledger.submit(BRIDGE, ctx -> contract.confirmApplication(ctx, confirmation));
    long paid = broker.balance("device:rp-z");

    release(fog, id);

    assertThat(application(id).get("state").getAsString()).isEqualTo("RELEASED");
    assertThat(escrow(id).get("state").getAsString()).isEqualTo("RELEASED");
    assertThat(broker.balance("device:rp-z")).isEqualTo(paid).isPositive();
    assertRejected(ledger, ErrorCode.INVALID_STATE, () -> release(fog, id));
  }

  @Test
  void confirmAndRelease_eachRefuseTheOthersStatus() {
    String id = awarded();
    String releasing =
        fog.sign(
            MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id, "status", "RELEASED"));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(BRIDGE, ctx -> contract.confirmApplication(ctx, releasing)));
    String confirming = fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(BRIDGE, ctx -> contract.releaseApplication(ctx, confirming)));
  }

  @Test
  void confirmApplication_byAnotherFogNode_isForbidden() {
    String id = awarded();
    TestDevice other = broker.fogNode("fog-2");
    String confirmation = other.sign(MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id));

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> contract.confirmApplication(ctx, confirmation)));
  }

  @Test
  void expireApplication_afterTheDeadline_refundsAndBurns_andLateConfirmationIsRejected() {
    String id = awarded();
    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(BRIDGE, ctx -> contract.expireApplication(ctx, id)));
    ledger.advance(Duration.ofSeconds(601));
    String late = fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id));
    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(BRIDGE, ctx -> contract.confirmApplication(ctx, late)));

    ledger.submit(BRIDGE, ctx -> contract.expireApplication(ctx, id));

    assertThat(application(id).get("state").getAsString()).isEqualTo("TIMED_OUT");
    assertThat(escrow(id).get("state").getAsString()).isEqualTo("REFUNDED");
    assertThat(broker.balance("device:fog-1")).isEqualTo(FOG_NODE_CREDITS);
    assertThat(tokens("device:fog-1")).isZero();
    assertThat(broker.lastEvent().name()).isEqualTo("ApplicationTimedOut");
  }

  @Test
  void deadlines_followTheApplication_bidWindowThenConfirmationThenNone() {
    String id = threeFlowTypes();
    assertThat(scheduled(id))
        .contains("multiflow:closeApplication@" + application(id).get("bidDeadline").getAsString());
    bidAll(id);
    ledger.advance(Duration.ofSeconds(21));
    close(id);
    assertThat(scheduled(id))
        .contains(
            "multiflow:expireApplication@"
                + application(id).get("confirmationDeadline").getAsString());
    ledger.advance(Duration.ofSeconds(601));
    ledger.submit(BRIDGE, ctx -> contract.expireApplication(ctx, id));
    assertThat(scheduled(id)).isEmpty();
  }

  private java.util.Optional<String> scheduled(final String applicationId) {
    return io.sfsbroker.chaincode.deadline.Deadlines.find(
            new io.sfsbroker.chaincode.common.Ledger(ledger.newTransaction(BRIDGE)),
            "application:" + applicationId)
        .map(d -> d.transaction() + "@" + d.due());
  }

  @Test
  void queries_withMalformedOrUnknownIds_areRejected() {
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.getApplication(ctx, "s-1")));
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () ->
            ledger.evaluate(
                BRIDGE,
                ctx -> contract.getApplicationSelection(ctx, "m-000000000000000000000000")));
  }

  private JsonObject applications(final String query) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.listApplications(ctx, query)));
  }

  private static List<String> ids(final JsonObject page) {
    List<String> ids = new java.util.ArrayList<>();
    for (JsonElement item : page.getAsJsonArray("items")) {
      ids.add(item.getAsJsonObject().get("id").getAsString());
    }
    return ids;
  }

  @Test
  void listApplications_pagesThroughEveryApplicationOnceInIdOrder_withoutTheirBids() {
    List<String> opened =
        new java.util.ArrayList<>(List.of(threeFlowTypes(), threeFlowTypes(), threeFlowTypes()));
    bidAll(opened.get(0));

    JsonObject first = applications("{\"pageSize\":2}");
    String query =
        Json.toJson(Map.of("pageSize", 2, "bookmark", first.get("bookmark").getAsString()));
    JsonObject second = applications(query);

    assertThat(ids(first)).hasSize(2);
    assertThat(ids(second)).hasSize(1);
    assertThat(second.get("bookmark").getAsString()).isEmpty();
    List<String> listed = new java.util.ArrayList<>(ids(first));
    listed.addAll(ids(second));
    opened.sort(null);
    assertThat(listed).isEqualTo(opened);
  }

  @Test
  void listApplications_givesEachApplicationAsStored() {
    String id = threeFlowTypes();

    JsonObject listed = applications("{}").getAsJsonArray("items").get(0).getAsJsonObject();

    assertThat(listed)
        .isEqualTo(
            Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.getApplication(ctx, id))));
    assertThat(listed.get("state").getAsString()).isEqualTo("OPEN");
    assertThat(listed.getAsJsonArray("flows")).hasSize(3);
  }

  @Test
  void listApplications_withoutApplications_isAnEmptyLastPage() {
    JsonObject page = applications("{}");

    assertThat(page.getAsJsonArray("items")).isEmpty();
    assertThat(page.get("bookmark").getAsString()).isEmpty();
  }

  @Test
  void listApplications_badPageSizeOrForeignBookmark_isInvalidArgument() {
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.listApplications(ctx, "{\"pageSize\":0}")));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () ->
            ledger.evaluate(
                BRIDGE,
                ctx ->
                    contract.listApplications(
                        ctx, "{\"bookmark\":\"\\u0000slice\\u0000s-1\\u0000\"}")));
    assertRejected(
        ledger,
        ErrorCode.MALFORMED,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.listApplications(ctx, "[]")));
  }

  private static String winnerOf(final JsonObject outcome) {
    return outcome.getAsJsonObject("winner").getAsJsonObject("bid").get("bidderId").getAsString();
  }
}
