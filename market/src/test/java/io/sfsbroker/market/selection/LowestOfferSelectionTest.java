package io.sfsbroker.market.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LowestOfferSelectionTest {

  private static final CategoryRequest CPU = new CategoryRequest("cpu", 10, 100);
  private static final CategoryRequest MEM = new CategoryRequest("mem", 20, 50);
  private static final SliceBlueprint BLUEPRINT = new SliceBlueprint("bp-1", List.of(CPU, MEM));

  private final LowestOfferSelection selection = new LowestOfferSelection();

  @Test
  void select_lowestAskPerCategory_winsTheRequestedAmountAtItsAsk() {
    RpOffer a =
        new RpOffer(
            "rp-a",
            List.of(new CategoryOffer("cpu", 90, 100, 8), new CategoryOffer("mem", 48, 200, 4)));
    RpOffer b =
        new RpOffer(
            "rp-b",
            List.of(new CategoryOffer("cpu", 95, 100, 18), new CategoryOffer("mem", 45, 200, 9)));

    SelectionResult result = selection.select(BLUEPRINT, List.of(b, a));

    assertThat(result.strategy()).isEqualTo(LowestOfferSelection.NAME);
    assertThat(result.federated()).isTrue();
    assertThat(result.winners())
        .containsExactly(
            Allocation.of("cpu", "rp-a", 90, 10), Allocation.of("mem", "rp-b", 45, 20));
    assertThat(result.totalPrice()).isEqualTo(900 + 900);
    assertThat(result.table().cell("rp-b", "mem").orElseThrow().profit()).isEqualTo((45 - 9) * 20);
    assertThat(result.iterations()).isZero();
  }

  @Test
  void select_askAboveTenantMax_isExcludedEvenWithLowReserve() {
    RpOffer dear = new RpOffer("rp-a", List.of(new CategoryOffer("cpu", 120, 100, 1)));

    SelectionResult result =
        selection.select(new SliceBlueprint("bp", List.of(CPU)), List.of(dear));

    assertThat(result.status()).isEqualTo(SelectionStatus.NO_FEASIBLE_OFFER);
    assertThat(result.table().cell(0, 0).state()).isEqualTo(CellState.ABOVE_MAX_PRICE);
  }

  @Test
  void select_sameOffersAsStackelberg_givesTheTenantNoLowerUnitPrice() {
    RpOffer a = new RpOffer("rp-a", List.of(new CategoryOffer("cpu", 90, 100, 8)));
    SliceBlueprint blueprint = new SliceBlueprint("bp", List.of(CPU));

    long lowest = selection.select(blueprint, List.of(a)).winners().get(0).unitPrice();
    long stackelberg =
        new StackelbergSelection().select(blueprint, List.of(a)).winners().get(0).unitPrice();

    assertThat(stackelberg).isLessThanOrEqualTo(lowest);
  }
}
