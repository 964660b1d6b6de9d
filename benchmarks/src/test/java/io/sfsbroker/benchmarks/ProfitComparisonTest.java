package io.sfsbroker.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Figure 4c comparison as a test: the claim must hold on every size, the limits on every trial.
 */
class ProfitComparisonTest {

  @Test
  void figure4c_stackelbergGivesRpsAtLeastTheLowestOfferProfit_andTenantNeverPaysAboveMax() {
    List<ProfitComparison.Row> rows = ProfitComparison.figure4c();
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
