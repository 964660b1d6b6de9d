package io.sfsbroker.chaincode.auction;

import static io.sfsbroker.chaincode.testing.BrokerFixture.ADMIN;
import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.auction.AuctionOptInBody;
import io.sfsbroker.protocol.credit.Escrow;
import io.sfsbroker.protocol.credit.EscrowState;
import io.sfsbroker.protocol.envelope.MessageType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;

/**
 * Consent and deadlines (issue 11.4): an auction binds only the groups that opted in (their own
 * signed {@code auction-opt-in}, or an admin of their organisation), and every allocation escrow
 * settles by itself after its deadline, exactly once.
 */
class AuctionConsentTest {

  private static final long FUNDS = 1_000_000_000_000L;
  private static final TestIdentity ORG2_ADMIN = TestIdentity.admin("Org2MSP");
  private static final long CONFIRMATION_SECONDS = 3_600;

  // --- consent -------------------------------------------------------------------------------

  @Test
  void auctionNamingGroupsThatDidNotConsent_bindsNothing_andMovesNoCredit() {
    // The groups belong to Org2; an Org1 admin opens an auction naming them, with a start
    // allocation on Planet 1 for each, and lets the round run out.
    AuctionFixture fixture = new AuctionFixture(ORG2_ADMIN);
    fixture.fundGroups(FUNDS);
    List<List<Double>> hostage = new ArrayList<>();
    for (int i = 0; i < AuctionFixture.GROUPS; i++) {
      hostage.add(List.of(20.0, 0.0, 0.0));
    }
    String id = fixture.open(opening(AuctionFixture.instance(), hostage));
    AuctionFixture.CreditTotals before = fixture.creditTotals();

    fixture.ledger.advance(Duration.ofSeconds(31));
    AuctionRound closed = fixture.close(id);

    assertThat(closed.last()).isTrue();
    AuctionAllocation allocation = fixture.allocation(id);
    assertThat(allocation.allocation()).allSatisfy(row -> assertThat(row).containsOnly(0.0));
    assertThat(allocation.payments()).isEmpty();
    assertThat(allocation.unfunded()).isEmpty();
    assertThat(keysOfType(fixture.ledger, "escrow")).isEmpty();
    assertThat(keysOfType(fixture.ledger, "nft")).isEmpty();
    for (int i = 0; i < AuctionFixture.GROUPS; i++) {
      assertThat(fixture.broker.balance(fixture.groupAccount(i))).isEqualTo(FUNDS);
    }
    assertThat(fixture.creditTotals()).isEqualTo(before);
    assertThat(consents(fixture, id)).isEmpty();
  }

  @Test
  void aGroupRevokedAfterItBid_isNoLongerBound_andPaysNothing() {
    AuctionFixture fixture = new AuctionFixture(ORG2_ADMIN);
    fixture.fundGroups(FUNDS);
    String id = fixture.open();
    fixture.optIn(0, id);
    fixture.optIn(1, id);
    fixture.bid(id, 0);
    fixture.bid(id, 1);
    fixture.ledger.submit(ORG2_ADMIN, ctx -> fixture.broker.participants.revoke(ctx, "group-1"));

    while (fixture.progress(id).status() == AuctionStatus.OPEN) {
      fixture.ledger.advance(Duration.ofSeconds(31));
      fixture.close(id);
      if (fixture.progress(id).status() == AuctionStatus.OPEN) {
        fixture.bid(id, 1);
      }
    }

    AuctionAllocation allocation = fixture.allocation(id);
    assertThat(allocation.payments())
        .extracting(AllocationPayment::groupId)
        .doesNotContain("group-1");
    assertThat(allocation.allocation().get(0)).containsOnly(0.0);
    assertThat(fixture.broker.balance(fixture.groupAccount(0))).isEqualTo(FUNDS);
  }

  @Test
  void submitBid_withoutOptIn_isInvalidStateAndWritesNothing() {
    AuctionFixture fixture = new AuctionFixture(ORG2_ADMIN);
    String id = fixture.open();
    String envelope = fixture.bestBidEnvelope(id, 0);

    String message =
        assertRejected(
                fixture.ledger,
                ErrorCode.INVALID_STATE,
                () ->
                    fixture.ledger.submit(BRIDGE, ctx -> fixture.contract.submitBid(ctx, envelope)))
            .getMessage();

    assertThat(message).contains("has not opted in");
  }

  @Test
  void optedInGroups_alone_areBound_andPayForWhatTheyWin() {
    AuctionFixture fixture = new AuctionFixture(ORG2_ADMIN);
    fixture.fundGroups(FUNDS);
    String id = fixture.open();

    AuctionConsent signed = fixture.optIn(0, id);
    AuctionConsent byAdmin =
        Json.fromJson(
            fixture.ledger.submit(
                ORG2_ADMIN, ctx -> fixture.contract.optInAsAdmin(ctx, id, "group-2")),
            AuctionConsent.class);
    while (fixture.progress(id).status() == AuctionStatus.OPEN) {
      fixture.runRound(id, List.of(0, 1));
    }

    assertThat(signed.by()).isEqualTo(AuctionConsent.BY_GROUP);
    assertThat(byAdmin.by()).isEqualTo("admin:Org2MSP");
    assertThat(consents(fixture, id))
        .extracting(AuctionConsent::groupId)
        .containsExactly("group-1", "group-2");
    AuctionAllocation allocation = fixture.allocation(id);
    assertThat(allocation.payments())
        .extracting(AllocationPayment::groupId)
        .isNotEmpty()
        .containsOnly("group-1", "group-2");
    for (int i = 2; i < AuctionFixture.GROUPS; i++) {
      assertThat(allocation.allocation().get(i)).containsOnly(0.0);
      assertThat(fixture.broker.balance(fixture.groupAccount(i))).isEqualTo(FUNDS);
    }
    AuctionFixture.CreditTotals totals = fixture.creditTotals();
    assertThat(totals.balances() + totals.locked()).isEqualTo(totals.minted());
  }

  @Test
  void openingByTheGroupsOwnOrgAdmin_bindsTheGroups() {
    AuctionFixture fixture = new AuctionFixture();
    String id = fixture.open();

    assertThat(consents(fixture, id))
        .hasSize(AuctionFixture.GROUPS)
        .allSatisfy(c -> assertThat(c.by()).isEqualTo("admin:Org1MSP"));
    assertRejected(
        fixture.ledger,
        ErrorCode.CONFLICT,
        () ->
            fixture.ledger.submit(
                BRIDGE, ctx -> fixture.contract.optIn(ctx, optIn(fixture, 0, id))));
  }

  @Test
  void optInAsAdmin_ofAnotherOrg_isForbiddenAndWritesNothing() {
    AuctionFixture fixture = new AuctionFixture(ORG2_ADMIN);
    String id = fixture.open();

    assertRejected(
        fixture.ledger,
        ErrorCode.FORBIDDEN,
        () ->
            fixture.ledger.submit(ADMIN, ctx -> fixture.contract.optInAsAdmin(ctx, id, "group-1")));
    assertRejected(
        fixture.ledger,
        ErrorCode.FORBIDDEN,
        () ->
            fixture.ledger.submit(
                BRIDGE, ctx -> fixture.contract.optInAsAdmin(ctx, id, "group-1")));
  }

  @Test
  void optIn_twice_isConflict_andAfterSettlement_isInvalidState() {
    AuctionFixture fixture = new AuctionFixture(ORG2_ADMIN);
    String id = fixture.open();
    fixture.optIn(0, id);

    assertRejected(
        fixture.ledger,
        ErrorCode.CONFLICT,
        () ->
            fixture.ledger.submit(
                BRIDGE, ctx -> fixture.contract.optIn(ctx, optIn(fixture, 0, id))));
    while (fixture.progress(id).status() == AuctionStatus.OPEN) {
      fixture.runRound(id, List.of(0));
    }
    assertRejected(
        fixture.ledger,
        ErrorCode.INVALID_STATE,
        () ->
            fixture.ledger.submit(
                BRIDGE, ctx -> fixture.contract.optIn(ctx, optIn(fixture, 1, id))));
  }

  @Test
  void optIn_toAnAuctionThatDoesNotNameTheGroup_isForbidden() {
    AuctionFixture fixture = new AuctionFixture(ORG2_ADMIN);
    String id = fixture.open();
    String envelope =
        fixture
            .broker
            .register("group-7", "USER_GROUP", ORG2_ADMIN)
            .sign(MessageType.AUCTION_OPT_IN, new AuctionOptInBody(id));

    assertRejected(
        fixture.ledger,
        ErrorCode.FORBIDDEN,
        () -> fixture.ledger.submit(BRIDGE, ctx -> fixture.contract.optIn(ctx, envelope)));
  }

  // --- deadlines -----------------------------------------------------------------------------

  @Test
  void settlement_storesTheDeadlineWithEveryEscrow() {
    AuctionFixture fixture = new AuctionFixture();
    fixture.fundGroups(FUNDS);

    AuctionAllocation allocation = settle(fixture);

    Instant deadline = allocation.settledAt().plusSeconds(CONFIRMATION_SECONDS);
    assertThat(allocation.payments()).isNotEmpty();
    for (AllocationPayment payment : allocation.payments()) {
      assertThat(payment.deadline()).isEqualTo(deadline);
      assertThat(escrow(fixture, payment.escrowId()).deadline()).isEqualTo(deadline);
    }
  }

  @Test
  void expireAllocation_beforeAndAtTheDeadline_isInvalidStateAndWritesNothing() {
    AuctionFixture fixture = new AuctionFixture();
    fixture.fundGroups(FUNDS);
    AllocationPayment payment = settle(fixture).payments().get(0);

    assertThat(rejectedExpire(fixture, ErrorCode.INVALID_STATE, payment)).contains("until");
    fixture.ledger.setTime(payment.deadline());
    assertThat(rejectedExpire(fixture, ErrorCode.INVALID_STATE, payment)).contains("until");
  }

  @Test
  void expireAllocation_afterTheDeadline_refundsOnce_andASecondSettleChangesNothing() {
    AuctionFixture fixture = new AuctionFixture();
    fixture.fundGroups(FUNDS);
    AllocationPayment payment = settle(fixture).payments().get(0);
    String group = "device:" + payment.groupId();
    long locked = fixture.broker.balance(group);
    AuctionFixture.CreditTotals before = fixture.creditTotals();
    fixture.ledger.setTime(payment.deadline().plusSeconds(1));

    AllocationSettlement expired =
        Json.fromJson(
            fixture.ledger.submit(
                TestIdentity.client("Org2MSP"),
                ctx ->
                    fixture.contract.expireAllocation(
                        ctx, auctionId(payment), payment.groupId(), payment.planetId())),
            AllocationSettlement.class);

    assertThat(expired.escrow().state()).isEqualTo(EscrowState.REFUNDED);
    assertThat(expired.escrow().reason()).contains("deadline");
    assertThat(fixture.broker.lastEvent().name()).isEqualTo("AllocationExpired");
    assertThat(fixture.broker.balance(group)).isEqualTo(locked + payment.amount());
    assertThat(fixture.broker.balance("device:" + payment.planetId())).isZero();
    assertThat(fixture.ledger.get(key("nft", payment.tokenId()))).isEmpty();
    AuctionFixture.CreditTotals after = fixture.creditTotals();
    assertThat(after.minted()).isEqualTo(before.minted());
    assertThat(after.balances() + after.locked()).isEqualTo(after.minted());
    assertThat(after.locked()).isEqualTo(before.locked() - payment.amount());

    assertThat(rejectedExpire(fixture, ErrorCode.INVALID_STATE, payment))
        .contains("already REFUNDED");
    assertRejected(
        fixture.ledger,
        ErrorCode.INVALID_STATE,
        () ->
            fixture.ledger.submit(
                BRIDGE,
                ctx ->
                    fixture.contract.refundAllocation(
                        ctx,
                        fixture.failureEnvelope(
                            fixture.planetIndex(payment.planetId()),
                            auctionId(payment),
                            payment.groupId()))));
    assertThat(fixture.creditTotals()).isEqualTo(after);
  }

  @Test
  void confirmAllocation_afterTheDeadline_isInvalidStateAndWritesNothing() {
    AuctionFixture fixture = new AuctionFixture();
    fixture.fundGroups(FUNDS);
    AllocationPayment payment = settle(fixture).payments().get(0);
    fixture.ledger.setTime(payment.deadline().plusSeconds(1));
    String envelope =
        fixture.confirmationEnvelope(
            fixture.groupIndex(payment.groupId()), auctionId(payment), payment.planetId());

    String message =
        assertRejected(
                fixture.ledger,
                ErrorCode.INVALID_STATE,
                () ->
                    fixture.ledger.submit(
                        BRIDGE, ctx -> fixture.contract.confirmAllocation(ctx, envelope)))
            .getMessage();

    assertThat(message).contains("expireAllocation");
  }

  @Test
  void confirmAllocation_beforeTheDeadline_paysThePlanet_andExpiryIsThenInvalidState() {
    AuctionFixture fixture = new AuctionFixture();
    fixture.fundGroups(FUNDS);
    AllocationPayment payment = settle(fixture).payments().get(0);
    fixture.ledger.setTime(payment.deadline());
    fixture.confirm(
        fixture.confirmationEnvelope(
            fixture.groupIndex(payment.groupId()), auctionId(payment), payment.planetId()));
    fixture.ledger.advance(Duration.ofSeconds(1));

    assertThat(rejectedExpire(fixture, ErrorCode.INVALID_STATE, payment))
        .contains("already RELEASED");
    assertThat(fixture.broker.balance("device:" + payment.planetId())).isEqualTo(payment.amount());
  }

  @Test
  void openAuction_confirmationSecondsOutOfRange_isInvalidArgument_andDefaultIsADay() {
    AuctionFixture fixture = new AuctionFixture();
    Map<String, Object> opening = openingMap(AuctionFixture.instance(), null);
    opening.put("confirmationSeconds", AuctionOpening.MAX_CONFIRMATION_SECONDS + 1);

    assertRejected(
        fixture.ledger,
        ErrorCode.INVALID_ARGUMENT,
        () ->
            fixture.ledger.submit(
                ADMIN, ctx -> fixture.contract.openAuction(ctx, Json.toJson(opening))));
    String id = fixture.open();
    assertThat(fixture.auction(id).confirmationSeconds())
        .isEqualTo(AuctionOpening.DEFAULT_CONFIRMATION_SECONDS)
        .isEqualTo(86_400);
  }

  // --- helpers -------------------------------------------------------------------------------

  private static Map<String, Object> openingMap(
      final AuctionInstance instance, final List<List<Double>> startAllocation) {
    Map<String, Object> opening = new LinkedHashMap<>();
    opening.put("period", "2025-03-01T10:00Z/p1");
    opening.put("instance", instance);
    if (startAllocation != null) {
      opening.put("startAllocation", startAllocation);
    }
    opening.put("parameters", AuctionFixture.PARAMETERS);
    opening.put("roundSeconds", 30);
    opening.put("confirmationSeconds", CONFIRMATION_SECONDS);
    return opening;
  }

  private static String opening(
      final AuctionInstance instance, final List<List<Double>> startAllocation) {
    return Json.toJson(openingMap(instance, startAllocation));
  }

  /** Opens the small auction with a one-hour confirmation time and runs it to settlement. */
  private static AuctionAllocation settle(final AuctionFixture fixture) {
    String id = fixture.open(opening(AuctionFixture.instance(), null));
    return fixture.runToSettlement(id);
  }

  private static String optIn(final AuctionFixture fixture, final int group, final String id) {
    return fixture.optInEnvelope(group, id);
  }

  private static List<AuctionConsent> consents(final AuctionFixture fixture, final String id) {
    return List.of(
        Json.fromJson(
            fixture.ledger.evaluate(BRIDGE, ctx -> fixture.contract.getConsents(ctx, id)),
            AuctionConsent[].class));
  }

  private static String rejectedExpire(
      final AuctionFixture fixture, final ErrorCode code, final AllocationPayment payment) {
    return assertRejected(
            fixture.ledger,
            code,
            () ->
                fixture.ledger.submit(
                    BRIDGE,
                    ctx ->
                        fixture.contract.expireAllocation(
                            ctx, auctionId(payment), payment.groupId(), payment.planetId())))
        .getMessage();
  }

  private static Escrow escrow(final AuctionFixture fixture, final String escrowId) {
    return Json.fromJson(
        fixture.ledger.evaluate(BRIDGE, ctx -> fixture.broker.credits.getEscrow(ctx, escrowId)),
        Escrow.class);
  }

  private static String auctionId(final AllocationPayment payment) {
    return payment.tokenId().split(":")[1];
  }

  private static List<String> keysOfType(final InMemoryLedger ledger, final String type) {
    String prefix = key(type);
    return ledger.state().keySet().stream().filter(k -> k.startsWith(prefix)).toList();
  }

  private static String key(final String type, final String... attributes) {
    return new CompositeKey(type, attributes).toString();
  }
}
