package io.sfsbroker.market.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionInputValidationTest {

  @Test
  void categoryRequest_nonPositiveAmountOrPrice_isRejected() {
    assertThatThrownBy(() -> new CategoryRequest("cpu", 0, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cpu")
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> new CategoryRequest("cpu", 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximum unit price");
    assertThatThrownBy(() -> new CategoryRequest(" ", 10, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void categoryRequest_valuationOverflowingLong_isRejected() {
    assertThatThrownBy(() -> new CategoryRequest("cpu", Long.MAX_VALUE / 2, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void categoryOffer_negativeValuesOrReserveAboveAsk_isRejected() {
    assertThatThrownBy(() -> new CategoryOffer("cpu", -1, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unit price");
    assertThatThrownBy(() -> new CategoryOffer("cpu", 10, -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("available");
    assertThatThrownBy(() -> new CategoryOffer("cpu", 10, 10, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserve");
    assertThatThrownBy(() -> new CategoryOffer("cpu", 10, 10, 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserve price 11 is above the offered unit price 10");
  }

  @Test
  void blueprint_emptyOrDuplicateCategories_isRejected() {
    assertThatThrownBy(() -> new SliceBlueprint("bp", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no resource category");
    CategoryRequest cpu = new CategoryRequest("cpu", 1, 1);
    assertThatThrownBy(() -> new SliceBlueprint("bp", List.of(cpu, cpu)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cpu twice");
  }

  @Test
  void categoryRequest_maxAmountBelowAmount_isRejected() {
    assertThatThrownBy(() -> new CategoryRequest("cpu", 10, 9, 100, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximum amount 9 is below the amount 10");
  }

  @Test
  void categoryRequest_threeArguments_isExactWithBudgetOfItsCost() {
    CategoryRequest exact = new CategoryRequest("cpu", 10, 100);

    assertThat(exact.maxAmount()).isEqualTo(10);
    assertThat(exact.budget()).isEqualTo(1000);
    assertThat(exact.isElastic()).isFalse();
  }

  @Test
  void blueprint_totalValuationOverflowingLong_isRejected() {
    // Each valuation is 3 × ⌊MAX/8⌋ ≈ 3/8 of Long.MAX_VALUE; three of them overflow.
    long amount = Long.MAX_VALUE / 8;
    List<CategoryRequest> requests =
        List.of(
            new CategoryRequest("a", amount, 3),
            new CategoryRequest("b", amount, 3),
            new CategoryRequest("c", amount, 3));

    assertThatThrownBy(() -> new SliceBlueprint("bp", requests))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void rpOffer_emptyOrDuplicateCategories_isRejected() {
    assertThatThrownBy(() -> new RpOffer("rp", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no category");
    CategoryOffer cpu = new CategoryOffer("cpu", 1, 1, 1);
    assertThatThrownBy(() -> new RpOffer("rp", List.of(cpu, cpu)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cpu twice");
  }

  @Test
  void records_copyTheirLists() {
    List<CategoryOffer> categories = new ArrayList<>(List.of(new CategoryOffer("cpu", 1, 1, 1)));
    RpOffer offer = new RpOffer("rp", categories);
    categories.clear();

    assertThat(offer.categories()).hasSize(1);
  }

  @Test
  void allocation_priceNotUnitPriceTimesAmount_isRejected() {
    assertThatThrownBy(() -> new Allocation("cpu", "rp", 3, 4, 13))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not unit price × amount");
  }

  @Test
  void parameters_outOfRange_isRejected() {
    assertThatThrownBy(() -> new SelectionParameters(0, 1e-9, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("damping");
    assertThatThrownBy(() -> new SelectionParameters(1, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tolerance");
    assertThatThrownBy(() -> new SelectionParameters(1, 1e-9, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxIterations");
  }
}
