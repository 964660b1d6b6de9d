package io.sfsbroker.benchmarks;

import io.sfsbroker.market.selection.Allocation;
import io.sfsbroker.market.selection.CategoryRequest;
import io.sfsbroker.market.selection.LowestOfferSelection;
import io.sfsbroker.market.selection.ProportionalShareSelection;
import io.sfsbroker.market.selection.SelectionResult;
import io.sfsbroker.market.selection.SelectionStrategy;
import io.sfsbroker.market.selection.SliceBlueprint;
import io.sfsbroker.market.selection.StackelbergSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The paper's Figure 4c, for every strategy: mean RP profit, what the tenant pays and how much it
 * gets, for M = 10 RPs and N = 8…48 categories, 100 seeded trials each — once with exact requests
 * (every strategy delivers the requested amounts: equal delivered volume), once with tenants that
 * opted into buying more (up to 3× their amount, spending up to 2× its cost). Each row also gives
 * the profit and the tenant's price at the requested volume ({@code Σ (v − c)·q} and {@code Σ
 * v·q}), which compares the strategies' prices with the volume held equal.
 */
public final class ProfitComparison {

  /** The sizes of Figure 4c. */
  public static final List<Integer> CATEGORY_COUNTS = List.of(8, 16, 24, 32, 48);

  /** The fixed number of RPs. */
  public static final int RPS = 10;

  /** Trials per size. */
  public static final int TRIALS = 100;

  /**
   * How the tenant asks.
   *
   * @param name a label
   * @param budgetFactor each category's spending limit over {@code amount × maxUnitPrice}
   * @param maxAmountFactor each category's maximum amount over its amount
   */
  public record Scenario(String name, int budgetFactor, int maxAmountFactor) {}

  /** Exact amounts: the tenant gets and pays for what it asked. */
  public static final Scenario EXACT = new Scenario("exact amounts", 1, 1);

  /** Elastic amounts: up to 3× the amount, spending up to 2× its cost at the maximum price. */
  public static final Scenario ELASTIC = new Scenario("elastic, up to 3x amount, 2x cost", 2, 3);

  /** The strategies compared, the baseline last. */
  public static List<SelectionStrategy> strategies() {
    return List.of(
        new StackelbergSelection(), new ProportionalShareSelection(), new LowestOfferSelection());
  }

  /**
   * The figures of one strategy at one size. The means cover the trials in which this strategy
   * formed a slice; the ratios to the lowest-offer baseline cover the trials in which both did, and
   * are means of per-trial ratios, so they compare the strategies on the same markets.
   *
   * @param strategy the strategy's name
   * @param categories N
   * @param trials the trials run
   * @param formed the trials in which this strategy formed a slice
   * @param meanProfit mean total profit of the winning RPs, {@code Σ (v − c)·u}
   * @param meanProfitAtRequested mean profit had the RPs sold exactly the requested amounts at the
   *     same prices, {@code Σ (v − c)·q}: the profit at equal delivered volume
   * @param meanTenantPrice mean total price the tenant pays, {@code Σ v·u}
   * @param meanTenantPriceAtRequested mean {@code Σ v·q}
   * @param volumeRatio mean of (Σ amount delivered) / (Σ amount requested)
   * @param paired the trials in which both this strategy and the baseline formed a slice
   * @param profitVsBaseline mean of (RP profit) / (the baseline's RP profit) over {@code paired}
   * @param priceVsBaseline mean of (tenant pays) / (the baseline's tenant pays) over {@code paired}
   * @param violations winners (all trials) above the tenant's maximum unit price, below their
   *     reserve, outside {@code [amount, maxAmount]}, or over the category's spending limit
   */
  public record Row(
      String strategy,
      int categories,
      int trials,
      int formed,
      double meanProfit,
      double meanProfitAtRequested,
      double meanTenantPrice,
      double meanTenantPriceAtRequested,
      double volumeRatio,
      int paired,
      double profitVsBaseline,
      double priceVsBaseline,
      int violations) {}

  private ProfitComparison() {}

  /** Runs {@code trials} seeded trials for every strategy; one row per strategy. */
  public static List<Row> compare(
      int rps, int categories, int trials, long seed, Scenario scenario) {
    Random random = new Random(seed);
    List<SelectionStrategy> strategies = strategies();
    int count = strategies.size();
    int baseline = count - 1;
    int[] formed = new int[count];
    double[] profit = new double[count];
    double[] profitAtRequested = new double[count];
    double[] price = new double[count];
    double[] priceAtRequested = new double[count];
    double[] volume = new double[count];
    int[] paired = new int[count];
    double[] profitRatio = new double[count];
    double[] priceRatio = new double[count];
    int[] violations = new int[count];
    for (int trial = 0; trial < trials; trial++) {
      RandomMarket.Instance market =
          RandomMarket.generate(
              random, rps, categories, scenario.budgetFactor(), scenario.maxAmountFactor());
      SliceBlueprint blueprint = market.blueprint();
      List<SelectionResult> results = new ArrayList<>(count);
      for (SelectionStrategy strategy : strategies) {
        results.add(strategy.select(blueprint, market.offers()));
      }
      SelectionResult lowest = results.get(baseline);
      for (int k = 0; k < count; k++) {
        SelectionResult result = results.get(k);
        violations[k] += countViolations(blueprint, result);
        if (!result.isSelected()) {
          continue;
        }
        formed[k]++;
        long rpProfit = rpProfit(result);
        profit[k] += rpProfit;
        price[k] += result.totalPrice();
        long requested = 0;
        long delivered = 0;
        for (int i = 0; i < categories; i++) {
          Allocation winner = result.winners().get(i);
          long amount = blueprint.categories().get(i).amount();
          long reserve = reserve(market, winner);
          profitAtRequested[k] += (double) (winner.unitPrice() - reserve) * amount;
          priceAtRequested[k] += (double) winner.unitPrice() * amount;
          requested += amount;
          delivered += winner.amount();
        }
        volume[k] += (double) delivered / requested;
        if (lowest.isSelected()) {
          paired[k]++;
          profitRatio[k] += (double) rpProfit / Math.max(1, rpProfit(lowest));
          priceRatio[k] += (double) result.totalPrice() / lowest.totalPrice();
        }
      }
    }
    List<Row> rows = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      rows.add(
          new Row(
              strategies.get(k).name(),
              categories,
              trials,
              formed[k],
              profit[k] / formed[k],
              profitAtRequested[k] / formed[k],
              price[k] / formed[k],
              priceAtRequested[k] / formed[k],
              volume[k] / formed[k],
              paired[k],
              profitRatio[k] / paired[k],
              priceRatio[k] / paired[k],
              violations[k]));
    }
    return rows;
  }

  private static long reserve(RandomMarket.Instance market, Allocation winner) {
    return market.offers().stream()
        .filter(o -> o.rpId().equals(winner.rpId()))
        .flatMap(o -> o.categories().stream())
        .filter(c -> c.category().equals(winner.category()))
        .findFirst()
        .orElseThrow()
        .reservePrice();
  }

  /** The total profit of the winning RPs, as recorded in the result's table. */
  static long rpProfit(SelectionResult result) {
    long total = 0;
    for (Allocation winner : result.winners()) {
      total += result.table().cell(winner.rpId(), winner.category()).orElseThrow().profit();
    }
    return total;
  }

  private static int countViolations(SliceBlueprint blueprint, SelectionResult result) {
    int count = 0;
    for (int i = 0; i < result.winners().size(); i++) {
      CategoryRequest request = blueprint.categories().get(i);
      Allocation winner = result.winners().get(i);
      long profit = result.table().cell(winner.rpId(), winner.category()).orElseThrow().profit();
      if (winner.unitPrice() > request.maxUnitPrice()
          || profit < 0
          || winner.amount() < request.amount()
          || winner.amount() > request.maxAmount()
          || winner.price() > request.budget()) {
        count++;
      }
    }
    return count;
  }

  /** Runs every size of Figure 4c in {@code scenario}. */
  public static List<Row> figure4c(Scenario scenario) {
    List<Row> rows = new ArrayList<>();
    for (int categories : CATEGORY_COUNTS) {
      rows.addAll(compare(RPS, categories, TRIALS, 4_000L + categories, scenario));
    }
    return rows;
  }

  /** Formats rows as a plain-text table. */
  public static String format(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%4s %-19s %7s %10s %12s %11s %12s %7s %7s %9s %9s %4s%n",
            "N",
            "strategy",
            "formed",
            "RP profit",
            "at requested",
            "tenant pays",
            "at requested",
            "volume",
            "paired",
            "profit/LO",
            "pays/LO",
            "bad"));
    for (Row row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "%4d %-19s %3d/%3d %10.0f %12.0f %11.0f %12.0f %7.3f %7d %9.3f %9.3f %4d%n",
              row.categories(),
              row.strategy(),
              row.formed(),
              row.trials(),
              row.meanProfit(),
              row.meanProfitAtRequested(),
              row.meanTenantPrice(),
              row.meanTenantPriceAtRequested(),
              row.volumeRatio(),
              row.paired(),
              row.profitVsBaseline(),
              row.priceVsBaseline(),
              row.violations()));
    }
    return out.toString();
  }

  /** Prints the Figure 4c tables. */
  public static void main(String[] args) {
    System.out.printf(
        Locale.ROOT,
        "Figure 4c: M = %d RPs, %d seeded trials per N; means over the trials in which the"
            + " strategy formed a slice (formed); money in minor units.%n"
            + "RP profit = Σ (v − c)·u; tenant pays = Σ v·u; 'at requested' = the same with u = the"
            + " requested amount q (equal volume);%nvolume = Σ u / Σ q; profit/LO, pays/LO = mean"
            + " per-trial ratio to the lowest-offer rule over the trials both formed a slice"
            + " (paired);%nbad = winners above the tenant's maximum, below reserve, outside"
            + " [amount, maxAmount] or over budget.%n%n",
        RPS,
        TRIALS);
    for (Scenario scenario : List.of(EXACT, ELASTIC)) {
      System.out.println("Requests with " + scenario.name() + ":");
      System.out.print(format(figure4c(scenario)));
      System.out.println();
    }
  }
}
