package io.sfsbroker.market.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked cases. The tenant opts into more than its amount ({@code maxAmount} far above what
 * any offer has) with a spending limit of {@code 2·p̄·q}. With {@code s = q} and {@code w =
 * 2·p̄·q}, the tenant's whole-unit demand is {@code ⌊w/v⌋ − q} and an RP with reserve {@code c}
 * wants {@code v ≈ √(c·w/q) = √(2·c·p̄)}:
 *
 * <ul>
 *   <li>cpu: q = 10, p̄ = 100, w = 2000: c = 8 → v = 40, demand 40; c = 50 → v = 100.
 *   <li>mem: q = 20, p̄ = 50, w = 2000: c = 4 → v = 20, demand 80; c = 9 → v = 27, demand 54 (the
 *       relaxation says 30, but whole units make 27 × 54 pay 972 against 30 × 46 = 966).
 *   <li>storage: q = 50, p̄ = 40, w = 4000: c = 5 → v = 20, demand 150; c = 20 → v = 40, demand 50.
 * </ul>
 */
class StackelbergSelectionTest {

  private static final CategoryRequest CPU = elastic("cpu", 10, 100);
  private static final CategoryRequest MEM = elastic("mem", 20, 50);
  private static final CategoryRequest STORAGE = elastic("storage", 50, 40);

  private static CategoryRequest elastic(String category, long amount, long maxUnitPrice) {
    return new CategoryRequest(
        category, amount, 1_000 * amount, maxUnitPrice, 2 * amount * maxUnitPrice);
  }

  private final StackelbergSelection selection = new StackelbergSelection();

  private static CategoryOffer offer(String category, long ask, long available, long reserve) {
    return new CategoryOffer(category, ask, available, reserve);
  }

  private static RpOffer rp(String id, CategoryOffer... categories) {
    return new RpOffer(id, List.of(categories));
  }

  private static SliceBlueprint blueprint(CategoryRequest... categories) {
    return new SliceBlueprint("bp-1", List.of(categories));
  }

  @Test
  void select_singleRpCheapestEverywhere_winsExclusively() {
    RpOffer alpha = rp("alpha", offer("cpu", 90, 100, 8), offer("mem", 45, 200, 4));
    RpOffer beta = rp("beta", offer("cpu", 95, 100, 18), offer("mem", 50, 200, 9));

    SelectionResult result = selection.select(blueprint(CPU, MEM), List.of(beta, alpha));

    assertThat(result.status()).isEqualTo(SelectionStatus.SELECTED);
    assertThat(result.federated()).isFalse();
    assertThat(result.reason()).contains("alpha");
    assertThat(result.winners())
        .containsExactly(
            Allocation.of("cpu", "alpha", 40, 40), Allocation.of("mem", "alpha", 20, 80));
    assertThat(result.totalPrice()).isEqualTo(40 * 40 + 20 * 80);
    assertThat(result.table().cell("alpha", "cpu"))
        .contains(new EquilibriumCell("alpha", "cpu", CellState.PRICED, 40, 40, (40 - 8) * 40));
    assertThat(result.table().cell("beta", "mem"))
        .contains(new EquilibriumCell("beta", "mem", CellState.PRICED, 27, 54, (27 - 9) * 54));
    assertThat(result.iterations()).isPositive();
    assertThat(result.converged()).isTrue();
    assertThat(result.tableDigest()).hasSize(64).isEqualTo(result.table().digest());
  }

  @Test
  void select_eachRpCheapestInOneCategory_formsFederatedSliceAcrossThree() {
    RpOffer a =
        rp(
            "rp-a",
            offer("cpu", 90, 100, 8),
            offer("mem", 50, 200, 9),
            offer("storage", 40, 500, 20));
    RpOffer b =
        rp(
            "rp-b",
            offer("cpu", 95, 100, 18),
            offer("mem", 45, 200, 4),
            offer("storage", 40, 500, 20));
    RpOffer c =
        rp(
            "rp-c",
            offer("cpu", 95, 100, 32),
            offer("mem", 50, 200, 16),
            offer("storage", 30, 500, 5));

    SelectionResult result = selection.select(blueprint(CPU, MEM, STORAGE), List.of(c, a, b));

    assertThat(result.status()).isEqualTo(SelectionStatus.SELECTED);
    assertThat(result.federated()).isTrue();
    assertThat(result.reason()).contains("3 RPs");
    assertThat(result.winners())
        .containsExactly(
            Allocation.of("cpu", "rp-a", 40, 40),
            Allocation.of("mem", "rp-b", 20, 80),
            Allocation.of("storage", "rp-c", 20, 150));
    assertThat(result.totalPrice()).isEqualTo(1600 + 1600 + 3000);
    assertThat(result.table().cell("rp-c", "storage").orElseThrow().profit())
        .isEqualTo((20 - 5) * 150);
  }

  @Test
  void select_categoryNobodyCanServe_failsNamingTheCategory() {
    CategoryRequest gpu = elastic("gpu", 4, 500);
    RpOffer tooLittle = rp("rp-a", offer("cpu", 90, 100, 8), offer("gpu", 400, 2, 100));
    RpOffer tooDear = rp("rp-b", offer("cpu", 90, 100, 8), offer("gpu", 700, 10, 600));

    SelectionResult result = selection.select(blueprint(CPU, gpu), List.of(tooLittle, tooDear));

    assertThat(result.status()).isEqualTo(SelectionStatus.NO_FEASIBLE_OFFER);
    assertThat(result.isSelected()).isFalse();
    assertThat(result.reason()).contains("category gpu").contains("4 units").contains("500");
    assertThat(result.unservedCategories()).containsExactly("gpu");
    assertThat(result.winners()).isEmpty();
    assertThat(result.totalPrice()).isZero();
    assertThat(result.table().cell("rp-a", "gpu").orElseThrow().state())
        .isEqualTo(CellState.INSUFFICIENT_AMOUNT);
    assertThat(result.table().cell("rp-b", "gpu").orElseThrow().state())
        .isEqualTo(CellState.ABOVE_MAX_PRICE);
  }

  @Test
  void select_exactRequest_tenantGetsExactlyItsAmountAtTheRpsCeiling() {
    // Without opting into more the tenant takes its 10 units at any price up to 100, so the RP's
    // profit (v − 8)·10 is highest at its ceiling min(ask, p̄): 90; and 100 for an ask above p̄.
    CategoryRequest exact = new CategoryRequest("cpu", 10, 100);
    RpOffer a = rp("rp-a", offer("cpu", 90, 100, 8));
    RpOffer b = rp("rp-b", offer("cpu", 130, 100, 8));

    SelectionResult result = selection.select(blueprint(exact), List.of(a, b));

    assertThat(result.winners()).containsExactly(Allocation.of("cpu", "rp-a", 90, 10));
    assertThat(result.table().cell("rp-b", "cpu").orElseThrow().unitPrice()).isEqualTo(100);
    assertThat(result.table().cell("rp-b", "cpu").orElseThrow().demand()).isEqualTo(10);
    assertThat(result.totalPrice()).isLessThanOrEqualTo(exact.budget());
  }

  @Test
  void select_exactRequestWithALargerBudget_stillBuysOnlyItsAmount() {
    // A budget of three times the cost leaves room to buy more, but the tenant did not opt in.
    CategoryRequest exact = new CategoryRequest("cpu", 10, 10, 100, 3000);

    SelectionResult result =
        selection.select(blueprint(exact), List.of(rp("rp-a", offer("cpu", 90, 100, 8))));

    assertThat(result.winners()).containsExactly(Allocation.of("cpu", "rp-a", 90, 10));
  }

  @Test
  void select_maxAmountBelowTheUnconstrainedDemand_capsTheAmount() {
    // Uncapped the RP would sell 40 units at 40 (see above); capped at 25 it sells all 25 at the
    // highest price at which the tenant wants 25: ⌊2000 / (10 + 25)⌋ = 57.
    CategoryRequest capped = new CategoryRequest("cpu", 10, 25, 100, 2000);

    SelectionResult result =
        selection.select(blueprint(capped), List.of(rp("rp-a", offer("cpu", 90, 100, 8))));

    assertThat(result.winners()).containsExactly(Allocation.of("cpu", "rp-a", 57, 25));
  }

  @Test
  void select_noOffers_reportsNoOffers() {
    SelectionResult result = selection.select(blueprint(CPU, MEM), List.of());

    assertThat(result.status()).isEqualTo(SelectionStatus.NO_OFFERS);
    assertThat(result.unservedCategories()).containsExactly("cpu", "mem");
    assertThat(result.table().rpCount()).isZero();
  }

  @Test
  void select_identicalOffers_lowerRpIdWins() {
    RpOffer b = rp("rp-b", offer("cpu", 90, 100, 8));
    RpOffer a = rp("rp-a", offer("cpu", 90, 100, 8));

    SelectionResult result = selection.select(blueprint(CPU), List.of(b, a));

    assertThat(result.winners()).containsExactly(Allocation.of("cpu", "rp-a", 40, 40));
  }

  @Test
  void select_equalUnitPrices_lowerTotalWinsBeforeLowerId() {
    // rp-a: v = 40 at its ask, demand 40 (total 1600); rp-b sells out its 30 units at its ask 40.
    RpOffer a = rp("rp-a", offer("cpu", 40, 100, 8));
    RpOffer b = rp("rp-b", offer("cpu", 40, 30, 2));

    SelectionResult result = selection.select(blueprint(CPU), List.of(a, b));

    assertThat(result.winners()).containsExactly(Allocation.of("cpu", "rp-b", 40, 30));
  }

  @Test
  void select_oneRpMatchingEveryLowestPrice_isPreferredOverFederation() {
    RpOffer a = rp("rp-a", offer("cpu", 90, 100, 8));
    RpOffer b = rp("rp-b", offer("cpu", 90, 100, 8), offer("mem", 45, 200, 4));

    SelectionResult result = selection.select(blueprint(CPU, MEM), List.of(a, b));

    assertThat(result.federated()).isFalse();
    assertThat(result.winners()).extracting(Allocation::rpId).containsExactly("rp-b", "rp-b");
  }

  @Test
  void select_asksAboveTenantMax_payNoMoreThanTheMax() {
    // Both want more than 100 (√(2·72·100) = 120, √(2·60·100) ≈ 110), but the tenant caps at 100.
    RpOffer a = rp("rp-a", offer("cpu", 150, 100, 72));
    RpOffer b = rp("rp-b", offer("cpu", 130, 100, 60));

    SelectionResult result = selection.select(blueprint(CPU), List.of(b, a));

    assertThat(result.winners()).containsExactly(Allocation.of("cpu", "rp-a", 100, 10));
    for (int row = 0; row < result.table().rpCount(); row++) {
      assertThat(result.table().cell(row, 0).unitPrice()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void select_reserveAboveTenantMax_isNeverChosen() {
    RpOffer tooDear = rp("rp-a", offer("cpu", 130, 100, 120));
    RpOffer affordable = rp("rp-b", offer("cpu", 100, 100, 90));

    SelectionResult withAlternative =
        selection.select(blueprint(CPU), List.of(tooDear, affordable));
    SelectionResult alone = selection.select(blueprint(CPU), List.of(tooDear));

    assertThat(withAlternative.winners()).containsExactly(Allocation.of("cpu", "rp-b", 100, 10));
    assertThat(withAlternative.table().cell("rp-a", "cpu").orElseThrow().state())
        .isEqualTo(CellState.ABOVE_MAX_PRICE);
    assertThat(alone.status()).isEqualTo(SelectionStatus.NO_FEASIBLE_OFFER);
    assertThat(alone.reason()).contains("category cpu");
  }

  @Test
  void select_availabilityBinds_rpPricesToSellOut() {
    // Unconstrained it would want v = 20 and sell 90 units; with 30 units it raises the price to
    // 2000 / (10 + 30) = 50, where the tenant takes exactly 30: profit 48 × 30 = 1440 (51 → 1421).
    SelectionResult result =
        selection.select(blueprint(CPU), List.of(rp("rp-a", offer("cpu", 90, 30, 2))));

    assertThat(result.winners()).containsExactly(Allocation.of("cpu", "rp-a", 50, 30));
    assertThat(result.table().cell(0, 0).profit()).isEqualTo(1440);
  }

  @Test
  void select_zeroReserve_stillSellsOnlyWhatIsAvailable() {
    SelectionResult result =
        selection.select(blueprint(CPU), List.of(rp("rp-a", offer("cpu", 90, 30, 0))));

    Allocation winner = result.winners().get(0);
    assertThat(winner.amount()).isEqualTo(30);
    assertThat(winner.unitPrice()).isEqualTo(2000 / 40); // the highest price that sells all 30
  }

  @Test
  void select_offersForUnknownCategories_areIgnored() {
    RpOffer a = rp("rp-a", offer("cpu", 90, 100, 8), offer("fpga", 1, 1000, 0));

    SelectionResult result = selection.select(blueprint(CPU), List.of(a));

    assertThat(result.winners()).containsExactly(Allocation.of("cpu", "rp-a", 40, 40));
    assertThat(result.table().categoryCount()).isEqualTo(1);
  }

  @Test
  void select_twoOffersFromOneRp_isRejected() {
    RpOffer first = rp("rp-a", offer("cpu", 90, 100, 8));
    RpOffer second = rp("rp-a", offer("cpu", 80, 100, 8));

    assertThatThrownBy(() -> selection.select(blueprint(CPU), List.of(first, second)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rp-a");
  }

  @Test
  void select_everyWinner_paysBetweenReserveAndTenantMaxAndGetsAtLeastTheRequest() {
    RpOffer a =
        rp(
            "rp-a",
            offer("cpu", 90, 100, 8),
            offer("mem", 50, 200, 9),
            offer("storage", 40, 500, 20));
    RpOffer c =
        rp(
            "rp-c",
            offer("cpu", 95, 100, 32),
            offer("mem", 50, 200, 16),
            offer("storage", 30, 500, 5));
    SliceBlueprint bp = blueprint(CPU, MEM, STORAGE);

    SelectionResult result = selection.select(bp, List.of(a, c));

    for (Allocation winner : result.winners()) {
      CategoryRequest request =
          bp.categories().stream()
              .filter(r -> r.category().equals(winner.category()))
              .findFirst()
              .orElseThrow();
      assertThat(winner.unitPrice()).isLessThanOrEqualTo(request.maxUnitPrice());
      assertThat(winner.amount()).isGreaterThanOrEqualTo(request.amount());
      assertThat(result.table().cell(winner.rpId(), winner.category()).orElseThrow().profit())
          .isNotNegative();
    }
  }
}
