package io.sfsbroker.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Figure 4c comparison as a test: the claim must hold on every size, the limits on every trial.
 */
class ProfitComparisonTest {

  @ParameterizedTest(name = "spending limit {0} x requested cost")
  @ValueSource(ints = {1, 2})
  void figure4c_stackelbergGivesRpsAtLeastTheLowestOfferProfit_andTenantNeverPaysAboveMax(
      final int budgetFactor) {
    List<ProfitComparison.Row> rows = ProfitComparison.figure4c(budgetFactor);
    System.out.print(ProfitComparison.format(rows));

    assertThat(rows).hasSize(ProfitComparison.CATEGORY_COUNTS.size());
    for (ProfitComparison.Row row : rows) {
      assertThat(row.comparedTrials())
          .as("N = %d", row.categories())
          .isGreaterThan(row.trials() / 2);
      assertThat(row.meanProfitStackelberg())
          .as("N = %d", row.categories())
          .isGreaterThanOrEqualTo(row.meanProfitLowestOffer());
      assertThat(row.aboveTenantMax()).as("N = %d", row.categories()).isZero();
      assertThat(row.belowReserve()).as("N = %d", row.categories()).isZero();
      assertThat(row.unitPriceAboveBaseline()).as("N = %d", row.categories()).isZero();
    }
  }
}
