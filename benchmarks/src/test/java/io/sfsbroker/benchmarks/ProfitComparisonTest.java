package io.sfsbroker.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.market.selection.LowestOfferSelection;
import io.sfsbroker.market.selection.StackelbergSelection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Figure 4c comparison as a test: every strategy respects both sides' limits in every trial;
 * with exact requests every strategy delivers exactly the requested volume, and the Stackelberg
 * selection then earns the RPs no more than the lowest-offer rule; its extra profit with elastic
 * requests comes with extra volume.
 */
class ProfitComparisonTest {

  private static List<ProfitComparison.Row> rowsOf(
      List<ProfitComparison.Row> rows, String strategy) {
    return rows.stream().filter(r -> r.strategy().equals(strategy)).toList();
  }

  @Test
  void exactRequests_everyStrategyDeliversTheRequestedVolume_andStackelbergEarnsNoMore() {
    List<ProfitComparison.Row> rows = ProfitComparison.figure4c(ProfitComparison.EXACT);
    System.out.print(ProfitComparison.format(rows));

    assertThat(rows)
        .hasSize(ProfitComparison.CATEGORY_COUNTS.size() * ProfitComparison.strategies().size());
    for (ProfitComparison.Row row : rows) {
      assertThat(row.violations()).as("%s", row).isZero();
      if (row.formed() == 0) {
        continue;
      }
      assertThat(row.volumeRatio()).as("%s", row).isEqualTo(1.0);
      assertThat(row.meanProfit()).as("%s", row).isEqualTo(row.meanProfitAtRequested());
      assertThat(row.meanTenantPrice()).as("%s", row).isEqualTo(row.meanTenantPriceAtRequested());
    }
    for (ProfitComparison.Row row : rowsOf(rows, LowestOfferSelection.NAME)) {
      assertThat(row.formed()).as("%s", row).isGreaterThan(row.trials() / 2);
    }
    for (ProfitComparison.Row row : rowsOf(rows, StackelbergSelection.NAME)) {
      // A fixed demand makes every RP price at its ceiling min(ask, p̄): the lowest-offer price
      // or below, so neither the RPs' profit nor the tenant's price is higher.
      assertThat(row.paired()).as("%s", row).isGreaterThan(row.trials() / 2);
      assertThat(row.profitVsBaseline()).as("%s", row).isLessThanOrEqualTo(1.0);
      assertThat(row.priceVsBaseline()).as("%s", row).isLessThanOrEqualTo(1.0);
    }
  }

  @Test
  void elasticRequests_extraVolumeIsWhereTheExtraProfitComesFrom() {
    List<ProfitComparison.Row> rows = ProfitComparison.figure4c(ProfitComparison.ELASTIC);
    System.out.print(ProfitComparison.format(rows));

    for (ProfitComparison.Row row : rows) {
      assertThat(row.violations()).as("%s", row).isZero();
      if (row.formed() > 0) {
        assertThat(row.volumeRatio()).as("%s", row).isBetween(1.0, 3.0);
      }
    }
    for (ProfitComparison.Row row : rowsOf(rows, StackelbergSelection.NAME)) {
      assertThat(row.volumeRatio()).as("%s", row).isGreaterThan(1.2);
      assertThat(row.profitVsBaseline()).as("%s", row).isGreaterThan(1.0);
      // Per unit the tenant pays no more than the lowest ask: at the requested volume the profit
      // is no higher than with exact requests would give.
      assertThat(row.meanProfitAtRequested()).as("%s", row).isLessThan(row.meanProfit());
    }
  }
}
