package io.sfsbroker.chaincode.auction;

import static io.sfsbroker.chaincode.testing.BrokerFixture.ADMIN;
import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.InMemoryStub;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.AuctionParameters;
import io.sfsbroker.market.auction.AuctionResult;
import io.sfsbroker.market.auction.AuctionState;
import io.sfsbroker.market.auction.Bid;
import io.sfsbroker.market.auction.CapacityCheck;
import io.sfsbroker.market.auction.DdraAuction;
import io.sfsbroker.market.auction.GroupResponse;
import io.sfsbroker.market.auction.Planet;
import io.sfsbroker.market.auction.ResourceVector;
import io.sfsbroker.market.auction.UserGroup;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.auction.AuctionBidBody;
import io.sfsbroker.protocol.envelope.MessageType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuctionContractTest {

  private final AuctionFixture fixture = new AuctionFixture();
  private final InMemoryLedger ledger = fixture.ledger;
  private final AuctionContract contract = fixture.contract;

  // --- openAuction ---------------------------------------------------------------------------

  @Test
  void openAuction_byAdmin_storesAuctionProgressAndRoundOneAtReservePrices() {
    String id = fixture.open();

    assertThat(id).matches("a-[0-9a-f]{24}");
    assertThat(ledger.lastWrites().keySet())
        .hasSize(5)
        .contains(
            key("auction", id),
            key("auction-progress", id),
            key("auction-round", id, "0000000001"),
            key("deadline-subject", "auction:" + id))
        .anyMatch(k -> k.startsWith(key("deadline")) && k.endsWith("auction:" + id + "\u0000"));
    AuctionProgress progress = fixture.progress(id);
    assertThat(progress.status()).isEqualTo(AuctionStatus.OPEN);
    assertThat(progress.round()).isEqualTo(1);
    AuctionRound round = fixture.round(id, 1);
    assertThat(round.status()).isEqualTo(RoundStatus.OPEN);
    assertThat(round.prices()).isEqualTo(AuctionFixture.instance().reservePrices());
    assertThat(round.deadline()).isEqualTo(InMemoryLedger.START.plusSeconds(30));
    assertThat(fixture.auction(id).instance()).isEqualTo(AuctionFixture.instance());
    assertThat(fixture.broker.lastEvent().name()).isEqualTo("AuctionOpened");
    JsonObject event = Json.parseObject(fixture.broker.lastEvent().payload());
    assertThat(event.get("auctionId").getAsString()).isEqualTo(id);
    assertThat(event.get("type").getAsString()).isEqualTo("TYPE_1");
    assertThat(event.getAsJsonArray("groupIds")).hasSize(AuctionFixture.GROUPS);
  }

  @Test
  void openAuction_twice_givesTwoAuctions() {
    String first = fixture.open();
    String second = fixture.open();

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void openAuction_byClient_isForbidden() {
    String opening =
        AuctionFixture.openingJson(AuctionFixture.instance(), AuctionFixture.PARAMETERS);

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> contract.openAuction(ctx, opening)));
  }

  @Test
  void openAuction_unregisteredGroup_isInvalidArgument() {
    AuctionInstance instance = AuctionFixture.instance();
    List<UserGroup> groups = new ArrayList<>(instance.groups());
    UserGroup g = groups.get(0);
    groups.set(
        0,
        new UserGroup(
            "group-99",
            g.members(),
            g.timetable(),
            g.totalData(),
            g.dataShares(),
            g.bandwidthCosts(),
            g.alpha(),
            g.migration()));
    AuctionInstance changed =
        new AuctionInstance(
            instance.planets(), groups, instance.planetDistances(), instance.migrationCost());

    String message = rejectedOpen(ErrorCode.INVALID_ARGUMENT, changed, AuctionFixture.PARAMETERS);

    assertThat(message).contains("group-99");
  }

  @Test
  void openAuction_planetRegisteredAsGroup_isInvalidArgument() {
    fixture.broker.register("planet-x", "USER_GROUP");
    AuctionInstance instance = AuctionFixture.instance();
    var planets = new ArrayList<>(instance.planets());
    Planet p = planets.get(0);
    planets.set(0, new Planet("planet-x", p.capacity(), p.consumption(), p.operatingCost()));
    AuctionInstance changed =
        new AuctionInstance(
            planets, instance.groups(), instance.planetDistances(), instance.migrationCost());

    assertThat(rejectedOpen(ErrorCode.INVALID_ARGUMENT, changed, AuctionFixture.PARAMETERS))
        .contains("not a PLANET");
  }

  @Test
  void openAuction_typeThatDoesNotFitTheGroups_isInvalidArgument() {
    Map<String, Object> opening = new LinkedHashMap<>();
    opening.put("period", "p1");
    opening.put("instance", AuctionFixture.instance());
    opening.put("type", "TYPE_2");
    opening.put("parameters", AuctionFixture.PARAMETERS);
    String json = Json.toJson(opening);

    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(ADMIN, ctx -> contract.openAuction(ctx, json)));
  }

  @Test
  void openAuction_moreRoundsThanAllowed_isInvalidArgument() {
    rejectedOpen(
        ErrorCode.INVALID_ARGUMENT,
        AuctionFixture.instance(),
        new AuctionParameters(0.9, 1.0, AuctionOpening.MAX_ROUNDS + 1, 5));
  }

  @Test
  void openAuction_withoutPaymentScale_takesTheDefault() {
    String id = fixture.open();

    assertThat(fixture.auction(id).paymentScale()).isEqualTo(AuctionOpening.DEFAULT_PAYMENT_SCALE);
  }

  @Test
  void openAuction_withPaymentScale_storesIt() {
    Map<String, Object> opening = new LinkedHashMap<>();
    opening.put("period", "p1");
    opening.put("instance", AuctionFixture.instance());
    opening.put("parameters", AuctionFixture.PARAMETERS);
    opening.put("paymentScale", 100);

    String id = fixture.open(Json.toJson(opening));

    assertThat(fixture.auction(id).paymentScale()).isEqualTo(100);
  }

  @Test
  void openAuction_paymentScaleOutOfRange_isInvalidArgument() {
    for (long scale : new long[] {0, AuctionOpening.MAX_PAYMENT_SCALE + 1}) {
      Map<String, Object> opening = new LinkedHashMap<>();
      opening.put("period", "p1");
      opening.put("instance", AuctionFixture.instance());
      opening.put("parameters", AuctionFixture.PARAMETERS);
      opening.put("paymentScale", scale);
      String json = Json.toJson(opening);

      assertThat(
              assertRejected(
                      ledger,
                      ErrorCode.INVALID_ARGUMENT,
                      () -> ledger.submit(ADMIN, ctx -> contract.openAuction(ctx, json)))
                  .getMessage())
          .contains("paymentScale");
    }
  }

  @Test
  void openAuction_notJson_isMalformed() {
    assertRejected(
        ledger,
        ErrorCode.MALFORMED,
        () -> ledger.submit(ADMIN, ctx -> contract.openAuction(ctx, "{\"period\":")));
  }

  // --- submitBid -----------------------------------------------------------------------------

  @Test
  void submitBid_bestResponse_isStoredUnderItsOwnKeyOnly() {
    String id = fixture.open();
    GroupResponse expected = fixture.bestResponse(id, 2);

    AuctionBid bid = fixture.bid(id, 2);

    assertThat(bid.response()).isEqualTo(expected);
    assertThat(bid.groupId()).isEqualTo("group-3");
    String bidKey = key("auction-bid", id, "0000000001", "group-3");
    assertThat(ledger.lastWrites().keySet())
        .hasSize(2)
        .contains(bidKey)
        .allMatch(k -> k.equals(bidKey) || k.startsWith(key("envelope-nonce", "group-3")));
  }

  @Test
  void submitBid_twoGroups_writeDisjointKeys() {
    String id = fixture.open();
    fixture.bid(id, 0);
    var first = ledger.lastWrites().keySet();
    fixture.bid(id, 1);
    var second = ledger.lastWrites().keySet();

    assertThat(first).doesNotContainAnyElementsOf(second);
    assertThat(second).noneMatch(k -> k.startsWith(key("auction-progress")));
  }

  @Test
  void submitBid_withinTolerance_storesTheRecomputedResponse() {
    String id = fixture.open();
    GroupResponse expected = fixture.bestResponse(id, 4);
    List<Double> nudged = new ArrayList<>();
    for (double volume : expected.volumes()) {
      nudged.add(volume > 0 ? volume * (1 + 1e-12) : volume);
    }

    AuctionBid bid = fixture.submit(fixture.bidEnvelope(4, id, 1, expected.planet(), nudged));

    assertThat(bid.response().volumes()).isEqualTo(expected.volumes());
  }

  @Test
  void submitBid_unregisteredSigner_isForbidden() {
    String id = fixture.open();
    TestDevice stranger = TestDevice.create("group-77", ledger);
    String envelope =
        stranger.sign(
            MessageType.AUCTION_BID, new AuctionBidBody(id, 1, 0, List.of(1.0, 0.0, 0.0)));

    rejectedBid(ErrorCode.FORBIDDEN, envelope);
  }

  @Test
  void submitBid_groupNotInTheAuction_isForbidden() {
    String id = fixture.open();
    TestDevice outsider = fixture.broker.register("group-7", "USER_GROUP");
    String envelope =
        outsider.sign(
            MessageType.AUCTION_BID, new AuctionBidBody(id, 1, 0, List.of(1.0, 0.0, 0.0)));

    assertThat(rejectedBid(ErrorCode.FORBIDDEN, envelope)).contains("does not take part");
  }

  @Test
  void submitBid_signedByAPlanet_isForbidden() {
    String id = fixture.open();
    String envelope =
        fixture
            .planets
            .get(0)
            .sign(MessageType.AUCTION_BID, new AuctionBidBody(id, 1, 0, List.of(1.0, 0.0, 0.0)));

    rejectedBid(ErrorCode.FORBIDDEN, envelope);
  }

  @Test
  void submitBid_revokedGroup_isForbidden() {
    String id = fixture.open();
    String envelope = fixture.bestBidEnvelope(id, 0);
    ledger.submit(ADMIN, ctx -> fixture.broker.participants.revoke(ctx, "group-1"));

    rejectedBid(ErrorCode.FORBIDDEN, envelope);
  }

  @Test
  void submitBid_unknownAuction_isNotFound() {
    fixture.open();
    String envelope =
        fixture.bidEnvelope(0, "a-0123456789abcdef01234567", 1, 0, List.of(1.0, 0.0, 0.0));

    rejectedBid(ErrorCode.NOT_FOUND, envelope);
  }

  @Test
  void submitBid_afterRoundClosed_isRejected() {
    String id = fixture.open();
    String lateEnvelope = fixture.bestBidEnvelope(id, 5);
    for (int i = 0; i < AuctionFixture.GROUPS - 1; i++) {
      fixture.bid(id, i);
    }
    ledger.advance(Duration.ofSeconds(31));
    fixture.close(id);

    assertThat(rejectedBid(ErrorCode.INVALID_STATE, lateEnvelope)).contains("round 1", "closed");
  }

  @Test
  void submitBid_forAFutureRound_isInvalidState() {
    String id = fixture.open();
    GroupResponse response = fixture.bestResponse(id, 0);
    String envelope = fixture.bidEnvelope(0, id, 2, response.planet(), response.volumes());

    assertThat(rejectedBid(ErrorCode.INVALID_STATE, envelope)).contains("not open yet");
  }

  @Test
  void submitBid_afterTheRoundDeadline_isRejectedAsLate() {
    String id = fixture.open();
    ledger.advance(Duration.ofSeconds(31));
    String envelope = fixture.bestBidEnvelope(id, 0);

    assertThat(rejectedBid(ErrorCode.LATE_OFFER, envelope)).contains("took bids until");
  }

  @Test
  void submitBid_atTheRoundDeadline_isInTime() {
    String id = fixture.open();
    ledger.advance(Duration.ofSeconds(30));

    assertThat(fixture.bid(id, 0).submittedAt()).isEqualTo(fixture.round(id, 1).deadline());
  }

  @Test
  void submitBid_negativeVolume_isInvalidArgument() {
    String id = fixture.open();
    String envelope = fixture.bidEnvelope(0, id, 1, 0, List.of(-1.0, 0.0, 0.0));

    rejectedBid(ErrorCode.INVALID_ARGUMENT, envelope);
  }

  @Test
  void submitBid_volumesAboveTheGroupsData_isInvalidArgument() {
    String id = fixture.open();
    String envelope = fixture.bidEnvelope(0, id, 1, 0, List.of(1e12, 0.0, 0.0));

    assertThat(rejectedBid(ErrorCode.INVALID_ARGUMENT, envelope)).contains("more than");
  }

  @Test
  void submitBid_volumesForTooFewPlanets_isInvalidArgument() {
    String id = fixture.open();
    String envelope = fixture.bidEnvelope(0, id, 1, 0, List.of(1.0));

    rejectedBid(ErrorCode.INVALID_ARGUMENT, envelope);
  }

  @Test
  void submitBid_notTheBestResponse_isInvalidArgument() {
    String id = fixture.open();
    GroupResponse response = fixture.bestResponse(id, 0);
    List<Double> halved = response.volumes().stream().map(v -> v / 2).toList();
    String envelope = fixture.bidEnvelope(0, id, 1, response.planet(), halved);

    assertThat(rejectedBid(ErrorCode.INVALID_ARGUMENT, envelope)).contains("best response");
  }

  @Test
  void submitBid_anotherPlanetThanTheBestResponse_isInvalidArgument() {
    String id = fixture.open();
    GroupResponse response = fixture.bestResponse(id, 0);
    int other = (response.planet() + 1) % AuctionFixture.PLANETS;
    String envelope = fixture.bidEnvelope(0, id, 1, other, response.volumes());

    rejectedBid(ErrorCode.INVALID_ARGUMENT, envelope);
  }

  @Test
  void submitBid_twiceInOneRound_isConflict() {
    String id = fixture.open();
    fixture.bid(id, 0);
    String again = fixture.bestBidEnvelope(id, 0);

    rejectedBid(ErrorCode.CONFLICT, again);
  }

  @Test
  void submitBid_wrongMessageType_isInvalidArgument() {
    String id = fixture.open();
    String envelope =
        fixture
            .groups
            .get(0)
            .sign(MessageType.OFFER, new AuctionBidBody(id, 1, 0, List.of(1.0, 0.0, 0.0)));

    rejectedBid(ErrorCode.INVALID_ARGUMENT, envelope);
  }

  @Test
  void submitBid_afterSettlement_isInvalidState() {
    String id = fixture.open(oneRoundOpening());
    runAllGroupsRound(id);
    String envelope = fixture.bidEnvelope(0, id, 1, 0, List.of(1.0, 0.0, 0.0));

    assertThat(rejectedBid(ErrorCode.INVALID_STATE, envelope)).contains("settled");
  }

  // --- closeRound ----------------------------------------------------------------------------

  @Test
  void closeRound_allGroupsBid_opensTheNextRoundAtTheLibrarysPrices() {
    String id = fixture.open();
    AuctionInstance instance = AuctionFixture.instance();
    var expected =
        DdraAuction.round(instance, AuctionState.initial(instance), AuctionFixture.PARAMETERS);

    AuctionRound closed = runAllGroupsRound(id);

    assertThat(closed.status()).isEqualTo(RoundStatus.CLOSED);
    assertThat(closed.last()).isFalse();
    assertThat(closed.newPrices()).isEqualTo(expected.newPrices());
    assertThat(closed.actual()).isEqualTo(expected.actual());
    assertThat(closed.distance()).isEqualTo(expected.distance());
    assertThat(closed.bidders()).hasSize(AuctionFixture.GROUPS).isSorted();
    assertThat(fixture.broker.lastEvent().name()).isEqualTo("RoundClosed");
    assertThat(fixture.progress(id).round()).isEqualTo(2);
    AuctionRound next = fixture.round(id, 2);
    assertThat(next.status()).isEqualTo(RoundStatus.OPEN);
    assertThat(next.state()).isEqualTo(expected.next());
  }

  @Test
  void closeRound_groupThatDidNotBid_keepsItsPreviousAllocationAsAStandingBid() {
    String id = fixture.open();
    runAllGroupsRound(id);
    AuctionRound second = fixture.round(id, 2);
    for (int i = 1; i < AuctionFixture.GROUPS; i++) {
      fixture.bid(id, i);
    }
    ledger.advance(Duration.ofSeconds(31));

    AuctionRound closed = fixture.close(id);

    List<Double> before = second.groups().get(0).actual();
    List<Double> after = closed.actual().get(0);
    assertThat(closed.bidders()).doesNotContain("group-1").hasSize(AuctionFixture.GROUPS - 1);
    assertThat(closed.targets().get(0)).isEqualTo(before);
    assertThat(before.stream().mapToDouble(Double::doubleValue).sum()).isPositive();
    for (int j = 0; j < AuctionFixture.PLANETS; j++) {
      assertThat(after.get(j)).isLessThanOrEqualTo(before.get(j));
      if (before.get(j) > 0) {
        assertThat(after.get(j)).isPositive();
      }
    }
    AuctionRound third = fixture.round(id, 3);
    assertThat(third.groups().get(0).planet()).isEqualTo(second.groups().get(0).planet());
    assertThat(CapacityCheck.check(AuctionFixture.instance(), closed.actual()).withinCapacity())
        .isTrue();
  }

  @Test
  void closeRound_beforeTheDeadlineWithABidMissing_isInvalidState() {
    String id = fixture.open();
    for (int i = 0; i < AuctionFixture.GROUPS - 1; i++) {
      fixture.bid(id, i);
    }

    assertThat(rejectedClose(ErrorCode.INVALID_STATE, id)).contains("group-6");
  }

  @Test
  void closeRound_unknownAuction_isNotFound() {
    rejectedClose(ErrorCode.NOT_FOUND, "a-0123456789abcdef01234567");
  }

  @Test
  void closeRound_malformedId_isInvalidArgument() {
    rejectedClose(ErrorCode.INVALID_ARGUMENT, "s-0123456789abcdef01234567");
  }

  @Test
  void closeRound_settledAuction_isInvalidState() {
    String id = fixture.open(oneRoundOpening());
    runAllGroupsRound(id);

    assertThat(rejectedClose(ErrorCode.INVALID_STATE, id)).contains("settled");
  }

  @Test
  void closeRound_atTheRoundLimit_settlesWithoutConvergence() {
    String id = fixture.open(oneRoundOpening());

    AuctionRound closed = runAllGroupsRound(id);

    assertThat(closed.last()).isTrue();
    assertThat(fixture.broker.lastEvent().name()).isEqualTo("AuctionSettled");
    AuctionAllocation allocation = allocation(id);
    assertThat(allocation.converged()).isFalse();
    assertThat(allocation.rounds()).isEqualTo(1);
    assertThat(allocation.allocation()).isEqualTo(closed.actual());
    assertThat(allocation.maxCapacityRatio()).isLessThanOrEqualTo(1.0);
    assertThat(fixture.progress(id).status()).isEqualTo(AuctionStatus.SETTLED);
    assertThat(Json.fromJson(fixture.broker.lastEvent().payload(), AuctionAllocation.class))
        .isEqualTo(allocation);
  }

  @Test
  void closeRound_storedBidThatWouldExceedACapacity_isInvalidStateAndWritesNothing() {
    String id = fixture.open();
    for (int i = 1; i < AuctionFixture.GROUPS; i++) {
      fixture.bid(id, i);
    }
    // A defect in stored state: a bid whose payments do not match its volume, so the repricing
    // does not see the load it brings.
    InMemoryStub stub = ledger.newTransaction(ADMIN);
    Bid unpaid = new Bid(0, 0, 1_000.0, Collections.nCopies(2, ResourceVector.ZERO));
    GroupResponse forged =
        new GroupResponse(
            0, 0, List.of(1_000.0, 0.0, 0.0), List.of(1_000.0, 0.0, 0.0), List.of(unpaid), 0);
    AuctionBid stored =
        new AuctionBid(id, 1, "group-1", forged, ledger.now(), "n".repeat(16), stub.getTxId());
    stub.putState(
        AuctionContract.bidKey(new Ledger(stub), id, 1, "group-1"),
        Json.toJson(stored).getBytes(StandardCharsets.UTF_8));
    ledger.commit(stub);

    assertThat(rejectedClose(ErrorCode.INVALID_STATE, id)).contains("capacity");
    assertThat(fixture.progress(id).round()).isEqualTo(1);
  }

  @Test
  void requireWithinCapacity_overloadedSlot_namesThePlanet() {
    AuctionInstance instance = AuctionFixture.instance();
    List<List<Double>> allocation = new ArrayList<>();
    for (int i = 0; i < AuctionFixture.GROUPS; i++) {
      allocation.add(List.of(1_000.0, 0.0, 0.0));
    }

    assertThatThrownBy(() -> CapacityCheck.requireWithinCapacity(instance, allocation))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("planet-1");
  }

  // --- the whole auction -----------------------------------------------------------------------

  @Test
  void wholeAuction_roundByRoundThroughTheContract_endsWithTheAllocationOfDdraAuctionRun() {
    AuctionInstance instance = AuctionFixture.instance();
    AuctionResult expected =
        DdraAuction.run(instance, AuctionState.initial(instance), AuctionFixture.PARAMETERS);
    String id = fixture.open();

    int rounds = 0;
    while (fixture.progress(id).status() == AuctionStatus.OPEN) {
      runAllGroupsRound(id);
      rounds++;
      assertThat(rounds).isLessThanOrEqualTo(AuctionFixture.PARAMETERS.maxRounds());
    }

    AuctionAllocation allocation = allocation(id);
    assertThat(expected.converged()).isTrue();
    assertThat(expected.rounds()).isGreaterThan(5);
    // The round that met ε rationed bids, so the contract had to clear it as run does.
    assertThat(expected.clearingRounds()).isPositive();
    assertThat(expected.cleared()).isTrue();
    assertThat(allocation.rounds()).isEqualTo(expected.rounds()).isEqualTo(rounds);
    assertThat(allocation.converged()).isEqualTo(expected.converged());
    assertThat(Json.toJson(allocation.allocation())).isEqualTo(Json.toJson(expected.allocation()));
    assertThat(Json.toJson(allocation.prices())).isEqualTo(Json.toJson(expected.prices()));
    assertThat(allocation.allocation()).isEqualTo(expected.allocation());
    assertThat(allocation.distance()).isEqualTo(expected.distances().get(rounds - 1));
    for (int r = 1; r <= rounds; r++) {
      assertThat(fixture.round(id, r).distance()).isEqualTo(expected.distances().get(r - 1));
    }
    assertThat(allocation.maxCapacityRatio()).isLessThanOrEqualTo(1.0);
    assertThat(CapacityCheck.check(instance, allocation.allocation()).withinCapacity()).isTrue();
    long roundClosedEvents =
        ledger.events().stream().filter(e -> e.name().equals("RoundClosed")).count();
    assertThat(roundClosedEvents).isEqualTo(rounds - 1);
    assertThat(fixture.broker.lastEvent().name()).isEqualTo("AuctionSettled");
  }

  // --- queries -------------------------------------------------------------------------------

  @Test
  void getRound_unknownRound_isNotFound() {
    String id = fixture.open();

    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.getRound(ctx, id, "2")));
  }

  @Test
  void getRound_notANumber_isInvalidArgument() {
    String id = fixture.open();

    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.getRound(ctx, id, "first")));
  }

  @Test
  void getAuction_unknownAuction_isNotFound() {
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () ->
            ledger.evaluate(BRIDGE, ctx -> contract.getAuction(ctx, "a-0123456789abcdef01234567")));
  }

  @Test
  void getAllocation_beforeSettlement_isNotFound() {
    String id = fixture.open();

    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.getAllocation(ctx, id)));
  }

  // --- helpers -------------------------------------------------------------------------------

  private AuctionRound runAllGroupsRound(final String id) {
    return fixture.runRound(id);
  }

  private static String oneRoundOpening() {
    return AuctionFixture.openingJson(
        AuctionFixture.instance(), new AuctionParameters(0.9, 1.0, 1, 5));
  }

  private AuctionAllocation allocation(final String id) {
    return fixture.allocation(id);
  }

  private String rejectedOpen(
      final ErrorCode code, final AuctionInstance instance, final AuctionParameters parameters) {
    String opening = AuctionFixture.openingJson(instance, parameters);
    return assertRejected(
            ledger, code, () -> ledger.submit(ADMIN, ctx -> contract.openAuction(ctx, opening)))
        .getMessage();
  }

  private String rejectedBid(final ErrorCode code, final String envelope) {
    return assertRejected(
            ledger, code, () -> ledger.submit(BRIDGE, ctx -> contract.submitBid(ctx, envelope)))
        .getMessage();
  }

  private String rejectedClose(final ErrorCode code, final String id) {
    return assertRejected(
            ledger, code, () -> ledger.submit(BRIDGE, ctx -> contract.closeRound(ctx, id)))
        .getMessage();
  }

  private String key(final String type, final String... attributes) {
    InMemoryStub stub = ledger.newTransaction(TestIdentity.client("Org1MSP"));
    return new Ledger(stub).key(type, attributes);
  }
}
