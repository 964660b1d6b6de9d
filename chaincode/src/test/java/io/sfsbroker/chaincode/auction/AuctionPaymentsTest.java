package io.sfsbroker.chaincode.auction;

import static io.sfsbroker.chaincode.testing.BrokerFixture.ADMIN;
import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.market.auction.AuctionParameters;
import io.sfsbroker.market.auction.GroupBidding;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.auction.AllocationConfirmationBody;
import io.sfsbroker.protocol.auction.AllocationFailureBody;
import io.sfsbroker.protocol.credit.Escrow;
import io.sfsbroker.protocol.credit.EscrowState;
import io.sfsbroker.protocol.credit.Payee;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.nft.Token;
import io.sfsbroker.protocol.nft.TokenKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;

/**
 * Settlement of the DDRA auction in credits and tokens: the settling {@code closeRound} locks each
 * group's payment to each Planet and mints the allocation tokens, a group that cannot pay is left
 * out without failing the settlement, and the group's confirmation or the Planet's failure report
 * (or an admin) ends each escrow exactly once.
 */
class AuctionPaymentsTest {

  private static final long FUNDS = 1_000_000_000_000L;

  private final AuctionFixture fixture = new AuctionFixture();
  private final InMemoryLedger ledger = fixture.ledger;
  private final AuctionContract contract = fixture.contract;

  // --- settlement ----------------------------------------------------------------------------

  @Test
  void settle_fundedGroups_mintOneAllocationTokenPerGroupAndPlanetTheyWonVolumeFrom() {
    fixture.fundGroups(FUNDS);

    AuctionAllocation allocation = settleAfterRounds(1);

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < AuctionFixture.GROUPS; i++) {
      for (int j = 0; j < AuctionFixture.PLANETS; j++) {
        if (allocation.allocation().get(i).get(j) > 0) {
          expected.add(allocationId(allocation, i, j));
        }
      }
    }
    assertThat(expected).hasSize(AuctionFixture.GROUPS);
    assertThat(allocation.payments()).extracting(AllocationPayment::tokenId).isEqualTo(expected);
    assertThat(allocation.unfunded()).isEmpty();
    assertThat(tokenIdsInState()).isEqualTo(expected);
    for (AllocationPayment payment : allocation.payments()) {
      Token token = token(payment.tokenId()).orElseThrow();
      assertThat(token.kind()).isEqualTo(TokenKind.ALLOCATION);
      assertThat(token.owner()).isEqualTo("device:" + payment.groupId());
      assertThat(token.metadata())
          .containsEntry("auctionId", allocation.auctionId())
          .containsEntry("period", "2025-03-01T10:00Z/p1")
          .containsEntry("groupId", payment.groupId())
          .containsEntry("planetId", payment.planetId())
          .containsEntry("slots", Integer.toString(AuctionFixture.SLOTS))
          .containsEntry("payment", Long.toString(payment.amount()))
          .containsEntry("paymentScale", "1000000")
          .containsEntry("escrowId", payment.escrowId())
          .containsEntry(
              "volume",
              new BigDecimal(payment.volume()).setScale(6, RoundingMode.HALF_UP).toPlainString())
          .containsKeys("cpuPerSlot", "ramPerSlot", "gpuPerSlot", "vramPerSlot");
      assertThat(token.metadata().get("gpuPerSlot").split(",")).hasSize(AuctionFixture.SLOTS);
    }
  }

  @Test
  void settle_fundedGroups_lockEachPaymentFromTheGroupPayableToItsPlanet() {
    fixture.fundGroups(FUNDS);

    AuctionAllocation allocation = settleAfterRounds(1);

    assertThat(allocation.paymentScale()).isEqualTo(AuctionOpening.DEFAULT_PAYMENT_SCALE);
    for (AllocationPayment payment : allocation.payments()) {
      int i = fixture.groupIndex(payment.groupId());
      int j = fixture.planetIndex(payment.planetId());
      assertThat(payment.amount()).isEqualTo(expectedAmount(allocation, i, j)).isPositive();
      Escrow escrow = escrow(payment.escrowId());
      assertThat(escrow.state()).isEqualTo(EscrowState.LOCKED);
      assertThat(escrow.payer()).isEqualTo("device:" + payment.groupId());
      assertThat(escrow.amount()).isEqualTo(payment.amount());
      assertThat(escrow.payees())
          .containsExactly(new Payee("device:" + payment.planetId(), payment.amount()));
      assertThat(fixture.broker.balance("device:" + payment.groupId()))
          .isEqualTo(FUNDS - payment.amount());
      assertThat(fixture.broker.balance("device:" + payment.planetId())).isZero();
    }
    AuctionFixture.CreditTotals totals = fixture.creditTotals();
    assertThat(totals.minted()).isEqualTo(AuctionFixture.GROUPS * FUNDS);
    assertThat(totals.balances() + totals.locked()).isEqualTo(totals.minted());
  }

  @Test
  void settle_groupWithVolumeOnTwoPlanets_paysBothFromOneBalance() {
    fixture.fundGroups(FUNDS);

    AuctionAllocation allocation = settleAfterRounds(4);

    List<AllocationPayment> first =
        allocation.payments().stream().filter(p -> p.groupId().equals("group-1")).toList();
    assertThat(first).hasSize(2);
    long paid = first.get(0).amount() + first.get(1).amount();
    assertThat(fixture.broker.balance(fixture.groupAccount(0))).isEqualTo(FUNDS - paid);
    for (AllocationPayment payment : first) {
      assertThat(escrow(payment.escrowId()).amount()).isEqualTo(payment.amount());
    }
    AuctionFixture.CreditTotals totals = fixture.creditTotals();
    assertThat(totals.balances() + totals.locked()).isEqualTo(totals.minted());
  }

  @Test
  void settle_dustVolumeOnAPlanetTheGroupLeft_isNeitherPaidNorTokenised() {
    fixture.fundGroups(FUNDS);
    String id = fixture.open();

    AuctionAllocation allocation = fixture.runToSettlement(id);

    int dust = 0;
    for (int i = 0; i < AuctionFixture.GROUPS; i++) {
      for (int j = 0; j < AuctionFixture.PLANETS; j++) {
        double volume = allocation.allocation().get(i).get(j);
        String pair = allocationId(allocation, i, j);
        boolean paid = allocation.payments().stream().anyMatch(p -> p.tokenId().equals(pair));
        if (volume > 0 && expectedAmount(allocation, i, j) == 0) {
          dust++;
          assertThat(volume).isLessThan(1e-6);
          assertThat(paid).isFalse();
          assertThat(token(pair)).isEmpty();
        } else {
          assertThat(paid).isEqualTo(volume > 0);
        }
      }
    }
    assertThat(dust).as("the converged allocation leaves remainders behind").isPositive();
    assertThat(allocation.payments()).hasSize(AuctionFixture.GROUPS);
  }

  @Test
  void settle_groupThatCannotPay_isListedUnfundedAndTheAuctionStillSettles() {
    fixture.broker.fund(fixture.groupAccount(0), 1);
    for (int i = 1; i < AuctionFixture.GROUPS; i++) {
      fixture.broker.fund(fixture.groupAccount(i), FUNDS);
    }

    AuctionAllocation allocation = settleAfterRounds(1);

    assertThat(fixture.progress(allocation.auctionId()).status()).isEqualTo(AuctionStatus.SETTLED);
    assertThat(allocation.unfunded()).hasSize(1);
    UnfundedGroup unfunded = allocation.unfunded().get(0);
    assertThat(unfunded.groupId()).isEqualTo("group-1");
    assertThat(unfunded.balance()).isEqualTo(1);
    int planet = planetWithVolume(allocation, 0);
    assertThat(unfunded.required())
        .isEqualTo(BigInteger.valueOf(expectedAmount(allocation, 0, planet)));
    assertThat(unfunded.reason()).contains("device:group-1", "nothing was locked");
    assertThat(allocation.payments()).noneMatch(p -> p.groupId().equals("group-1"));
    assertThat(allocation.payments()).hasSize(AuctionFixture.GROUPS - 1);
    assertThat(token(allocationId(allocation, 0, planet))).isEmpty();
    assertThat(escrowOf(allocationId(allocation, 0, planet))).isEmpty();
    assertThat(fixture.broker.balance(fixture.groupAccount(0))).isEqualTo(1);
  }

  @Test
  void settle_noGroupHoldsCredits_settlesWithEveryGroupUnfunded() {
    AuctionAllocation allocation = settleAfterRounds(1);

    assertThat(allocation.payments()).isEmpty();
    assertThat(allocation.unfunded())
        .extracting(UnfundedGroup::groupId)
        .containsExactlyElementsOf(allocation.groupIds());
    assertThat(tokenIdsInState()).isEmpty();
  }

  @Test
  void settle_settledEvent_carriesThePaymentsWithTheirTokenAndEscrowIds() {
    fixture.fundGroups(FUNDS);

    AuctionAllocation allocation = settleAfterRounds(1);

    assertThat(fixture.broker.lastEvent().name()).isEqualTo(EventName.AUCTION_SETTLED.wireName());
    AuctionAllocation event =
        Json.fromJson(fixture.broker.lastEvent().payload(), AuctionAllocation.class);
    assertThat(event).isEqualTo(allocation);
    assertThat(event.payments())
        .allSatisfy(
            p -> {
              assertThat(p.tokenId())
                  .isEqualTo(p.escrowId())
                  .isEqualTo(
                      "allocation:"
                          + allocation.auctionId()
                          + ":"
                          + p.groupId()
                          + ":"
                          + p.planetId());
            });
    long events = ledger.events().stream().filter(e -> e.txId().equals(allocation.txId())).count();
    assertThat(events).isEqualTo(1);
  }

  // --- confirmAllocation ---------------------------------------------------------------------

  @Test
  void confirmAllocation_byTheGroup_paysThePlanetAndKeepsTheToken() {
    AllocationPayment payment = settledPayment();
    int group = fixture.groupIndex(payment.groupId());

    AllocationSettlement settled =
        fixture.confirm(
            fixture.confirmationEnvelope(group, auctionId(payment), payment.planetId()));

    assertThat(settled.escrow().state()).isEqualTo(EscrowState.RELEASED);
    assertThat(settled.tokenId()).isEqualTo(payment.tokenId());
    assertThat(escrow(payment.escrowId()).state()).isEqualTo(EscrowState.RELEASED);
    assertThat(fixture.broker.balance("device:" + payment.planetId())).isEqualTo(payment.amount());
    assertThat(fixture.broker.balance("device:" + payment.groupId()))
        .isEqualTo(FUNDS - payment.amount());
    assertThat(token(payment.tokenId()).orElseThrow().owner())
        .isEqualTo("device:" + payment.groupId());
    assertThat(fixture.broker.lastEvent().name())
        .isEqualTo(EventName.ALLOCATION_CONFIRMED.wireName());
    assertThat(Json.fromJson(fixture.broker.lastEvent().payload(), AllocationSettlement.class))
        .isEqualTo(settled);
    AuctionFixture.CreditTotals totals = fixture.creditTotals();
    assertThat(totals.balances() + totals.locked()).isEqualTo(totals.minted());
  }

  @Test
  void confirmAllocation_twice_isInvalidStateAndPaysOnce() {
    AllocationPayment payment = settledPayment();
    int group = fixture.groupIndex(payment.groupId());
    fixture.confirm(fixture.confirmationEnvelope(group, auctionId(payment), payment.planetId()));
    String again = fixture.confirmationEnvelope(group, auctionId(payment), payment.planetId());

    assertThat(rejectedConfirm(ErrorCode.INVALID_STATE, again)).contains("already RELEASED");
    assertThat(fixture.broker.balance("device:" + payment.planetId())).isEqualTo(payment.amount());
  }

  @Test
  void confirmAllocation_afterRefund_isInvalidState() {
    AllocationPayment payment = settledPayment();
    fixture.refund(
        fixture.failureEnvelope(
            fixture.planetIndex(payment.planetId()), auctionId(payment), payment.groupId()));
    String envelope =
        fixture.confirmationEnvelope(
            fixture.groupIndex(payment.groupId()), auctionId(payment), payment.planetId());

    assertThat(rejectedConfirm(ErrorCode.INVALID_STATE, envelope)).contains("already REFUNDED");
    assertThat(fixture.broker.balance("device:" + payment.planetId())).isZero();
  }

  @Test
  void confirmAllocation_signedByAPlanet_isForbidden() {
    AllocationPayment payment = settledPayment();
    String envelope =
        fixture
            .planets
            .get(fixture.planetIndex(payment.planetId()))
            .sign(
                MessageType.ALLOCATION_CONFIRMATION,
                new AllocationConfirmationBody(auctionId(payment), payment.planetId()));

    rejectedConfirm(ErrorCode.FORBIDDEN, envelope);
  }

  @Test
  void confirmAllocation_groupOutsideTheAuction_isForbidden() {
    AllocationPayment payment = settledPayment();
    TestDevice outsider = fixture.broker.register("group-7", "USER_GROUP");
    String envelope =
        outsider.sign(
            MessageType.ALLOCATION_CONFIRMATION,
            new AllocationConfirmationBody(auctionId(payment), payment.planetId()));

    assertThat(rejectedConfirm(ErrorCode.FORBIDDEN, envelope)).contains("does not take part");
  }

  @Test
  void confirmAllocation_aPlanetTheGroupWonNothingFrom_isNotFound() {
    AllocationPayment payment = settledPayment();
    String other = fixture.planets.get((fixture.planetIndex(payment.planetId()) + 1) % 3).id();
    String envelope =
        fixture.confirmationEnvelope(
            fixture.groupIndex(payment.groupId()), auctionId(payment), other);

    assertThat(rejectedConfirm(ErrorCode.NOT_FOUND, envelope)).contains("no paid allocation");
  }

  @Test
  void confirmAllocation_unfundedGroup_isNotFoundAndSaysWhy() {
    AuctionAllocation allocation = settleAfterRounds(1);
    String envelope =
        fixture.confirmationEnvelope(0, allocation.auctionId(), fixture.planets.get(0).id());

    assertThat(rejectedConfirm(ErrorCode.NOT_FOUND, envelope)).contains("could not pay");
  }

  @Test
  void confirmAllocation_beforeSettlement_isInvalidState() {
    String id = fixture.open();
    String envelope = fixture.confirmationEnvelope(0, id, fixture.planets.get(0).id());

    assertThat(rejectedConfirm(ErrorCode.INVALID_STATE, envelope)).contains("not settled");
  }

  @Test
  void confirmAllocation_wrongMessageType_isInvalidArgument() {
    AllocationPayment payment = settledPayment();
    String envelope =
        fixture
            .groups
            .get(fixture.groupIndex(payment.groupId()))
            .sign(
                MessageType.SERVICE_CONFIRMATION,
                new AllocationConfirmationBody(auctionId(payment), payment.planetId()));

    rejectedConfirm(ErrorCode.INVALID_ARGUMENT, envelope);
  }

  // --- refundAllocation ----------------------------------------------------------------------

  @Test
  void refundAllocation_byThePlanet_refundsTheGroupAndBurnsTheToken() {
    AllocationPayment payment = settledPayment();

    AllocationSettlement settled =
        fixture.refund(
            fixture.failureEnvelope(
                fixture.planetIndex(payment.planetId()), auctionId(payment), payment.groupId()));

    assertThat(settled.escrow().state()).isEqualTo(EscrowState.REFUNDED);
    assertThat(settled.escrow().reason()).contains(payment.planetId(), "GPU driver crashed");
    assertThat(fixture.broker.balance("device:" + payment.groupId())).isEqualTo(FUNDS);
    assertThat(fixture.broker.balance("device:" + payment.planetId())).isZero();
    assertThat(token(payment.tokenId())).isEmpty();
    assertThat(fixture.broker.lastEvent().name())
        .isEqualTo(EventName.ALLOCATION_REFUNDED.wireName());
    AuctionFixture.CreditTotals totals = fixture.creditTotals();
    assertThat(totals.balances() + totals.locked()).isEqualTo(totals.minted());
  }

  @Test
  void refundAllocation_twice_isInvalidStateAndRefundsOnce() {
    AllocationPayment payment = settledPayment();
    int planet = fixture.planetIndex(payment.planetId());
    fixture.refund(fixture.failureEnvelope(planet, auctionId(payment), payment.groupId()));
    String again = fixture.failureEnvelope(planet, auctionId(payment), payment.groupId());

    assertThat(rejectedRefund(ErrorCode.INVALID_STATE, again)).contains("already REFUNDED");
    assertThat(fixture.broker.balance("device:" + payment.groupId())).isEqualTo(FUNDS);
  }

  @Test
  void refundAllocation_afterConfirm_isInvalidState() {
    AllocationPayment payment = settledPayment();
    fixture.confirm(
        fixture.confirmationEnvelope(
            fixture.groupIndex(payment.groupId()), auctionId(payment), payment.planetId()));
    String envelope =
        fixture.failureEnvelope(
            fixture.planetIndex(payment.planetId()), auctionId(payment), payment.groupId());

    assertThat(rejectedRefund(ErrorCode.INVALID_STATE, envelope)).contains("already RELEASED");
    assertThat(token(payment.tokenId())).isPresent();
  }

  @Test
  void refundAllocation_signedByAGroup_isForbidden() {
    AllocationPayment payment = settledPayment();
    String envelope =
        fixture
            .groups
            .get(fixture.groupIndex(payment.groupId()))
            .sign(
                MessageType.ALLOCATION_FAILURE,
                new AllocationFailureBody(auctionId(payment), payment.groupId(), "no"));

    rejectedRefund(ErrorCode.FORBIDDEN, envelope);
  }

  @Test
  void refundAllocation_byAPlanetThatDoesNotServeTheGroup_isNotFound() {
    AllocationPayment payment = settledPayment();
    int other = (fixture.planetIndex(payment.planetId()) + 1) % AuctionFixture.PLANETS;
    String envelope = fixture.failureEnvelope(other, auctionId(payment), payment.groupId());

    rejectedRefund(ErrorCode.NOT_FOUND, envelope);
    assertThat(escrow(payment.escrowId()).state()).isEqualTo(EscrowState.LOCKED);
  }

  @Test
  void refundAllocation_planetOutsideTheAuction_isForbidden() {
    AllocationPayment payment = settledPayment();
    TestDevice stranger = fixture.broker.register("planet-9", "PLANET");
    String envelope =
        stranger.sign(
            MessageType.ALLOCATION_FAILURE,
            new AllocationFailureBody(auctionId(payment), payment.groupId(), "no"));

    assertThat(rejectedRefund(ErrorCode.FORBIDDEN, envelope)).contains("does not take part");
  }

  // --- admin forms -----------------------------------------------------------------------------

  @Test
  void confirmAllocationAsAdmin_byTheGroupsOrgAdmin_paysThePlanet() {
    AllocationPayment payment = settledPayment();

    String json =
        ledger.submit(
            ADMIN,
            ctx ->
                contract.confirmAllocationAsAdmin(
                    ctx, auctionId(payment), payment.groupId(), payment.planetId()));

    AllocationSettlement settled = Json.fromJson(json, AllocationSettlement.class);
    assertThat(settled.escrow().state()).isEqualTo(EscrowState.RELEASED);
    assertThat(settled.escrow().reason()).contains("an admin of Org1MSP");
    assertThat(fixture.broker.balance("device:" + payment.planetId())).isEqualTo(payment.amount());
  }

  @Test
  void confirmAllocationAsAdmin_byAnotherOrgsAdmin_isForbidden() {
    AllocationPayment payment = settledPayment();

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () ->
            ledger.submit(
                TestIdentity.admin("Org2MSP"),
                ctx ->
                    contract.confirmAllocationAsAdmin(
                        ctx, auctionId(payment), payment.groupId(), payment.planetId())));
  }

  @Test
  void confirmAllocationAsAdmin_byAClient_isForbidden() {
    AllocationPayment payment = settledPayment();

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () ->
            ledger.submit(
                BRIDGE,
                ctx ->
                    contract.confirmAllocationAsAdmin(
                        ctx, auctionId(payment), payment.groupId(), payment.planetId())));
  }

  @Test
  void refundAllocationAsAdmin_byThePlanetsOrgAdmin_refundsTheGroup() {
    AllocationPayment payment = settledPayment();

    String json =
        ledger.submit(
            ADMIN,
            ctx ->
                contract.refundAllocationAsAdmin(
                    ctx, auctionId(payment), payment.groupId(), payment.planetId()));

    assertThat(Json.fromJson(json, AllocationSettlement.class).escrow().state())
        .isEqualTo(EscrowState.REFUNDED);
    assertThat(fixture.broker.balance("device:" + payment.groupId())).isEqualTo(FUNDS);
    assertThat(token(payment.tokenId())).isEmpty();
  }

  @Test
  void refundAllocationAsAdmin_byAnotherOrgsAdmin_isForbidden() {
    AllocationPayment payment = settledPayment();

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () ->
            ledger.submit(
                TestIdentity.admin("Org2MSP"),
                ctx ->
                    contract.refundAllocationAsAdmin(
                        ctx, auctionId(payment), payment.groupId(), payment.planetId())));
  }

  // --- minor units -----------------------------------------------------------------------------

  @Test
  void minorUnits_roundsHalfUpFromTheExactValueOfTheDouble() {
    assertThat(AuctionPayments.minorUnits(0.5, 1)).isEqualTo(BigInteger.ONE);
    assertThat(AuctionPayments.minorUnits(2.5, 1)).isEqualTo(BigInteger.valueOf(3));
    assertThat(AuctionPayments.minorUnits(0.4999999999999999, 1)).isEqualTo(BigInteger.ZERO);
    // 1.0005 is 1.000499999999999944…, so ×1000 lies below the half.
    assertThat(AuctionPayments.minorUnits(1.0005, 1000)).isEqualTo(BigInteger.valueOf(1000));
    // 0.0625 is exact in binary: ×1000 = 62.5 rounds up.
    assertThat(AuctionPayments.minorUnits(0.0625, 1000)).isEqualTo(BigInteger.valueOf(63));
    assertThat(AuctionPayments.minorUnits(12.345678901, 1_000_000))
        .isEqualTo(BigInteger.valueOf(12_345_679));
    assertThat(AuctionPayments.minorUnits(0, 1_000_000)).isEqualTo(BigInteger.ZERO);
  }

  @Test
  void minorUnits_beyondALong_isStillExact() {
    assertThat(AuctionPayments.minorUnits(1e20, 1_000_000))
        .isEqualTo(new BigInteger("100000000000000000000000000"));
  }

  @Test
  void minorUnits_negativeOrNotFinite_isRejected() {
    for (double payment : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> AuctionPayments.minorUnits(payment, 1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  /** Opens the small auction with at most {@code rounds} rounds and runs it to settlement. */
  private AuctionAllocation settleAfterRounds(final int rounds) {
    String id =
        fixture.open(
            AuctionFixture.openingJson(
                AuctionFixture.instance(), new AuctionParameters(0.9, 1.0, rounds, 5)));
    return fixture.runToSettlement(id);
  }

  /** Funds every group, settles a one-round auction and returns its first payment. */
  private AllocationPayment settledPayment() {
    fixture.fundGroups(FUNDS);
    return settleAfterRounds(1).payments().get(0);
  }

  /** The auction of a payment: the second part of its id. */
  private static String auctionId(final AllocationPayment payment) {
    return payment.tokenId().split(":")[1];
  }

  /** The one Planet a group won volume from in a one-round auction. */
  private static int planetWithVolume(final AuctionAllocation allocation, final int group) {
    List<Double> volumes = allocation.allocation().get(group);
    for (int j = 0; j < volumes.size(); j++) {
      if (volumes.get(j) > 0) {
        return j;
      }
    }
    throw new AssertionError("group " + group + " won nothing");
  }

  private String allocationId(final AuctionAllocation allocation, final int group, final int j) {
    return "allocation:"
        + allocation.auctionId()
        + ":"
        + allocation.groupIds().get(group)
        + ":"
        + allocation.planetIds().get(j);
  }

  /** The payment the DDRA prices give, computed here from the library and the default scale. */
  private static long expectedAmount(
      final AuctionAllocation allocation, final int group, final int planet) {
    double payment =
        GroupBidding.bid(
                AuctionFixture.instance(),
                group,
                planet,
                allocation.prices().get(planet),
                allocation.allocation().get(group).get(planet))
            .totalPayment();
    return new BigDecimal(payment)
        .multiply(BigDecimal.valueOf(AuctionOpening.DEFAULT_PAYMENT_SCALE))
        .setScale(0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  private Optional<Token> token(final String tokenId) {
    return ledger.get(key("nft", tokenId)).map(json -> Json.fromJson(json, Token.class));
  }

  private Optional<Escrow> escrowOf(final String escrowId) {
    return ledger.get(key("escrow", escrowId)).map(json -> Json.fromJson(json, Escrow.class));
  }

  private Escrow escrow(final String escrowId) {
    return Json.fromJson(
        ledger.evaluate(BRIDGE, ctx -> fixture.broker.credits.getEscrow(ctx, escrowId)),
        Escrow.class);
  }

  private List<String> tokenIdsInState() {
    List<String> ids = new ArrayList<>();
    ledger
        .state()
        .forEach(
            (key, value) -> {
              if (key.startsWith(key("nft"))) {
                ids.add(Json.fromJson(value, Token.class).id());
              }
            });
    return ids;
  }

  private String rejectedConfirm(final ErrorCode code, final String envelope) {
    return assertRejected(
            ledger,
            code,
            () -> ledger.submit(BRIDGE, ctx -> contract.confirmAllocation(ctx, envelope)))
        .getMessage();
  }

  private String rejectedRefund(final ErrorCode code, final String envelope) {
    return assertRejected(
            ledger,
            code,
            () -> ledger.submit(BRIDGE, ctx -> contract.refundAllocation(ctx, envelope)))
        .getMessage();
  }

  private static String key(final String type, final String... attributes) {
    return new CompositeKey(type, attributes).toString();
  }
}
