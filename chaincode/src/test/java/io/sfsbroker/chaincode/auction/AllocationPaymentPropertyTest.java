package io.sfsbroker.chaincode.auction;

import static io.sfsbroker.chaincode.testing.BrokerFixture.ADMIN;
import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.market.auction.AuctionParameters;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.credit.Escrow;
import io.sfsbroker.protocol.credit.EscrowState;
import io.sfsbroker.protocol.nft.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long seeded random sequences over auction settlements: funding groups (some too little), settling
 * short auctions, and confirming or refunding allocations through the signed and the admin forms,
 * repeats included. After every step: credits are conserved; every Planet holds exactly what was
 * released to it and every group what it was given less what is locked or released from it; each
 * escrow ends once and never changes after; a token exists exactly while its escrow is not
 * refunded, owned by its group; and an unfunded group has neither escrow nor token.
 */
class AllocationPaymentPropertyTest {

  private static final int STEPS = 100;

  private final AuctionFixture fixture = new AuctionFixture();
  private final InMemoryLedger ledger = fixture.ledger;
  private final List<AuctionAllocation> allocations = new ArrayList<>();
  private final Map<String, Escrow> ended = new TreeMap<>();
  private final Map<String, Long> given = new TreeMap<>();
  private int confirmed;
  private int refunded;
  private int repeats;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2025})
  void randomSequences_keepAllocationPaymentsConsistent(final long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < AuctionFixture.GROUPS; i++) {
      fund(i, random.nextBoolean() ? 0 : 20_000_000);
    }
    settle(random);

    for (int step = 0; step < STEPS; step++) {
      switch (random.nextInt(8)) {
        case 0 ->
            fund(
                random.nextInt(AuctionFixture.GROUPS),
                random.nextBoolean() ? 3_000_000 : 60_000_000);
        case 1 -> settle(random);
        case 2, 3 -> end(random, true, false);
        case 4 -> end(random, false, false);
        case 5 -> end(random, true, true);
        default -> end(random, false, true);
      }
      checkInvariants();
    }
    assertThat(confirmed).as("allocations confirmed").isPositive();
    assertThat(refunded).as("allocations refunded").isPositive();
    assertThat(repeats).as("repeats rejected").isPositive();
    assertThat(allocations.stream().mapToInt(a -> a.unfunded().size()).sum())
        .as("groups left out for want of credits")
        .isPositive();
  }

  private void fund(final int group, final long amount) {
    if (amount > 0) {
      fixture.broker.fund(fixture.groupAccount(group), amount);
      given.merge(fixture.groupAccount(group), amount, Long::sum);
    }
  }

  private void settle(final Random random) {
    AuctionParameters parameters = new AuctionParameters(0.9, 1.0, 1 + random.nextInt(3), 5);
    String id = fixture.open(AuctionFixture.openingJson(AuctionFixture.instance(), parameters));
    allocations.add(fixture.runToSettlement(id));
  }

  /**
   * Confirms ({@code release}) or refunds one allocation, signed or as an admin; when its escrow
   * has ended already the call must be rejected with {@code INVALID_STATE} and change nothing.
   */
  private void end(final Random random, final boolean release, final boolean asAdmin) {
    List<AllocationPayment> payments = new ArrayList<>();
    allocations.forEach(a -> payments.addAll(a.payments()));
    if (payments.isEmpty()) {
      return;
    }
    AllocationPayment payment = payments.get(random.nextInt(payments.size()));
    String auctionId = payment.tokenId().split(":")[1];
    Supplier<String> call;
    if (asAdmin) {
      call =
          () ->
              ledger.submit(
                  ADMIN,
                  ctx ->
                      release
                          ? fixture.contract.confirmAllocationAsAdmin(
                              ctx, auctionId, payment.groupId(), payment.planetId())
                          : fixture.contract.refundAllocationAsAdmin(
                              ctx, auctionId, payment.groupId(), payment.planetId()));
    } else if (release) {
      String envelope =
          fixture.confirmationEnvelope(
              fixture.groupIndex(payment.groupId()), auctionId, payment.planetId());
      call = () -> ledger.submit(BRIDGE, ctx -> fixture.contract.confirmAllocation(ctx, envelope));
    } else {
      String envelope =
          fixture.failureEnvelope(
              fixture.planetIndex(payment.planetId()), auctionId, payment.groupId());
      call = () -> ledger.submit(BRIDGE, ctx -> fixture.contract.refundAllocation(ctx, envelope));
    }
    if (ended.containsKey(payment.escrowId())) {
      Throwable thrown = catchThrowable(call::get);
      assertThat(thrown).isInstanceOf(ChaincodeException.class);
      assertThat(ErrorCode.of(thrown.getMessage())).contains(ErrorCode.INVALID_STATE);
      assertThat(ledger.lastWrites()).isEmpty();
      repeats++;
      return;
    }
    Escrow escrow = Json.fromJson(call.get(), AllocationSettlement.class).escrow();
    assertThat(escrow.state()).isEqualTo(release ? EscrowState.RELEASED : EscrowState.REFUNDED);
    ended.put(escrow.id(), escrow);
    if (release) {
      confirmed++;
    } else {
      refunded++;
    }
  }

  private void checkInvariants() {
    AuctionFixture.CreditTotals totals = fixture.creditTotals();
    assertThat(totals.balances() + totals.locked())
        .as("credits are conserved")
        .isEqualTo(totals.minted());
    List<String> allocationIds = new ArrayList<>();
    for (String key : ledger.state().keySet()) {
      CompositeKey split = CompositeKey.parseCompositeKey(key);
      if (split.getObjectType().equals("escrow") || split.getObjectType().equals("nft")) {
        allocationIds.add(split.getAttributes().get(0));
      }
    }
    Map<String, Long> expected = new TreeMap<>(given);
    for (AuctionAllocation allocation : allocations) {
      for (AllocationPayment payment : allocation.payments()) {
        Escrow escrow = escrow(payment.escrowId()).orElseThrow();
        assertThat(escrow.amount()).isEqualTo(payment.amount());
        Escrow end = ended.get(payment.escrowId());
        assertThat(escrow.state() == EscrowState.LOCKED).isEqualTo(end == null);
        if (end != null) {
          assertThat(escrow).as("escrow %s ends once", escrow.id()).isEqualTo(end);
        }
        String group = "device:" + payment.groupId();
        String planet = "device:" + payment.planetId();
        if (escrow.state() != EscrowState.REFUNDED) {
          expected.merge(group, -payment.amount(), Long::sum);
        }
        if (escrow.state() == EscrowState.RELEASED) {
          expected.merge(planet, payment.amount(), Long::sum);
        }
        Optional<Token> token = token(payment.tokenId());
        assertThat(token.isPresent())
            .as("token %s lives while its escrow is not refunded", payment.tokenId())
            .isEqualTo(escrow.state() != EscrowState.REFUNDED);
        token.ifPresent(t -> assertThat(t.owner()).isEqualTo(group));
      }
      for (UnfundedGroup unfunded : allocation.unfunded()) {
        String prefix = "allocation:" + allocation.auctionId() + ":" + unfunded.groupId() + ":";
        assertThat(allocationIds)
            .as("nothing locked from or minted to unfunded %s", unfunded.groupId())
            .noneMatch(id -> id.startsWith(prefix));
      }
    }
    expected.forEach(
        (account, balance) ->
            assertThat(fixture.broker.balance(account))
                .as("balance of %s", account)
                .isEqualTo(balance));
  }

  private Optional<Escrow> escrow(final String escrowId) {
    return ledger
        .get(new CompositeKey("escrow", escrowId).toString())
        .map(json -> Json.fromJson(json, Escrow.class));
  }

  private Optional<Token> token(final String tokenId) {
    return ledger
        .get(new CompositeKey("nft", tokenId).toString())
        .map(json -> Json.fromJson(json, Token.class));
  }
}
