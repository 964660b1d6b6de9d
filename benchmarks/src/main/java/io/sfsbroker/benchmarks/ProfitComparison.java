package io.sfsbroker.benchmarks;

import io.sfsbroker.market.selection.Allocation;
import io.sfsbroker.market.selection.CategoryRequest;
import io.sfsbroker.market.selection.LowestOfferSelection;
import io.sfsbroker.market.selection.SelectionResult;
import io.sfsbroker.market.selection.SelectionStrategy;
import io.sfsbroker.market.selection.SliceBlueprint;
import io.sfsbroker.market.selection.StackelbergSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The paper's Figure 4c: mean RP profit under SFSBroker's Stackelberg selection and under
 * NSBChain's lowest-offer rule, for M = 10 RPs and N = 8…48 categories, 100 seeded trials each.
 * Also prints what the tenant gets: its unit prices and amounts relative to the lowest-offer rule.
 */
public final class ProfitComparison {

  /** The sizes of Figure 4c. */
  public static final List<Integer> CATEGORY_COUNTS = List.of(8, 16, 24, 32, 48);

  /** The fixed number of RPs. */
  public static final int RPS = 10;

  /** Trials per size. */
  public static final int TRIALS = 100;

  /**
   * The figures for one size.
   *
   * @param categories N
   * @param trials the trials run
   * @param comparedTrials the trials in which both rules formed a slice (the means cover these)
   * @param meanProfitStackelberg mean total RP profit per trial under SFSBroker
   * @param meanProfitLowestOffer mean total RP profit per trial under the lowest-offer rule
   * @param unitPriceRatio mean of (Σ unit price × requested amount) SFSBroker / lowest offer
   * @param amountRatio mean of (Σ amount bought) SFSBroker / lowest offer
   * @param aboveTenantMax winners (both rules, all trials) whose unit price exceeded the maximum
   * @param belowReserve winners (both rules, all trials) whose profit was negative
   * @param trialsStackelbergBelow trials in which SFSBroker's RP profit was below the baseline's
   * @param unitPriceAboveBaseline categories (all trials) where SFSBroker's winning unit price was
   *     above the lowest-offer rule's
   */
  public record Row(
      int categories,
      int trials,
      int comparedTrials,
      double meanProfitStackelberg,
      double meanProfitLowestOffer,
      double unitPriceRatio,
      double amountRatio,
      int aboveTenantMax,
      int belowReserve,
      int trialsStackelbergBelow,
      int unitPriceAboveBaseline) {

    /** Mean profit under SFSBroker over mean profit under the lowest-offer rule. */
    public double profitRatio() {
      return meanProfitStackelberg / meanProfitLowestOffer;
    }
  }

  private ProfitComparison() {}

  /** Runs {@code trials} seeded trials of {@code rps} RPs and {@code categories} categories. */
  public static Row compare(int rps, int categories, int trials, long seed) {
    return compare(rps, categories, trials, seed, 2);
  }

  /**
   * As {@link #compare(int, int, int, long)}, with spending limits of {@code budgetFactor} times
   * the cost of each requested amount at the maximum price.
   */
  public static Row compare(int rps, int categories, int trials, long seed, int budgetFactor) {
    Random random = new Random(seed);
    SelectionStrategy stackelberg = new StackelbergSelection();
    SelectionStrategy lowestOffer = new LowestOfferSelection();
    int compared = 0;
    double profitStackelberg = 0;
    double profitLowest = 0;
    double unitPriceRatio = 0;
    double amountRatio = 0;
    int aboveMax = 0;
    int belowReserve = 0;
    int below = 0;
    int dearer = 0;
    for (int trial = 0; trial < trials; trial++) {
      RandomMarket.Instance market = RandomMarket.generate(random, rps, categories, budgetFactor);
      SelectionResult ours = stackelberg.select(market.blueprint(), market.offers());
      SelectionResult baseline = lowestOffer.select(market.blueprint(), market.offers());
      for (SelectionResult result : List.of(ours, baseline)) {
        aboveMax += countAboveMax(market.blueprint(), result);
        belowReserve += countBelowReserve(result);
      }
      if (!ours.isSelected() || !baseline.isSelected()) {
        continue;
      }
      compared++;
      long oursProfit = rpProfit(ours);
      long baselineProfit = rpProfit(baseline);
      profitStackelberg += oursProfit;
      profitLowest += baselineProfit;
      if (oursProfit < baselineProfit) {
        below++;
      }
      unitPriceRatio +=
          (double) requestedPrice(market.blueprint(), ours)
              / requestedPrice(market.blueprint(), baseline);
      amountRatio += (double) amountBought(ours) / amountBought(baseline);
      for (int i = 0; i < categories; i++) {
        if (ours.winners().get(i).unitPrice() > baseline.winners().get(i).unitPrice()) {
          dearer++;
        }
      }
    }
    return new Row(
        categories,
        trials,
        compared,
        profitStackelberg / compared,
        profitLowest / compared,
        unitPriceRatio / compared,
        amountRatio / compared,
        aboveMax,
        belowReserve,
        below,
        dearer);
  }

  /** The total profit of the winning RPs, as recorded in the result's table. */
  static long rpProfit(SelectionResult result) {
    long total = 0;
    for (Allocation winner : result.winners()) {
      total += result.table().cell(winner.rpId(), winner.category()).orElseThrow().profit();
    }
    return total;
  }

  private static long requestedPrice(SliceBlueprint blueprint, SelectionResult result) {
    long total = 0;
    for (int i = 0; i < blueprint.categories().size(); i++) {
      total += result.winners().get(i).unitPrice() * blueprint.categories().get(i).amount();
    }
    return total;
  }

  private static long amountBought(SelectionResult result) {
    long total = 0;
    for (Allocation winner : result.winners()) {
      total += winner.amount();
    }
    return total;
  }

  private static int countAboveMax(SliceBlueprint blueprint, SelectionResult result) {
    int count = 0;
    for (int i = 0; i < result.winners().size(); i++) {
      CategoryRequest request = blueprint.categories().get(i);
      if (result.winners().get(i).unitPrice() > request.maxUnitPrice()) {
        count++;
      }
    }
    return count;
  }

  private static int countBelowReserve(SelectionResult result) {
    int count = 0;
    for (Allocation winner : result.winners()) {
      if (result.table().cell(winner.rpId(), winner.category()).orElseThrow().profit() < 0) {
        count++;
      }
    }
    return count;
  }

  /** Runs every size of Figure 4c with spending limits of twice the requested cost. */
  public static List<Row> figure4c() {
    return figure4c(2);
  }

  /** Runs every size of Figure 4c with spending limits of {@code budgetFactor} × requested cost. */
  public static List<Row> figure4c(int budgetFactor) {
    List<Row> rows = new ArrayList<>();
    for (int categories : CATEGORY_COUNTS) {
      rows.add(compare(RPS, categories, TRIALS, 4_000L + categories, budgetFactor));
    }
    return rows;
  }

  /** Formats rows as a plain-text table. */
  public static String format(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%4s %8s %22s %22s %7s %17s %14s %9s%n",
            "N",
            "trials",
            "mean profit SFSBroker",
            "mean profit NSBChain",
            "ratio",
            "tenant unit price",
            "amount bought",
            "over max"));
    for (Row row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "%4d %4d/%3d %22.0f %22.0f %7.3f %17.3f %14.3f %9d%n",
              row.categories(),
              row.comparedTrials(),
              row.trials(),
              row.meanProfitStackelberg(),
              row.meanProfitLowestOffer(),
              row.profitRatio(),
              row.unitPriceRatio(),
              row.amountRatio(),
              row.aboveTenantMax()));
    }
    return out.toString();
  }

  /** Prints the Figure 4c table. */
  public static void main(String[] args) {
    System.out.printf(
        Locale.ROOT,
        "RP profit, SFSBroker (Stackelberg) vs NSBChain (lowest offer): M = %d RPs, %d trials per N"
            + "%n(tenant unit price and amount bought: SFSBroker / NSBChain, mean of per-trial ratios;"
            + " profits in minor units)%n%n",
        RPS,
        TRIALS);
    System.out.println("Spending limit 2 × amount × max unit price (an elastic tenant):");
    System.out.print(format(figure4c(2)));
    System.out.println();
    System.out.println(
        "Spending limit 1 × amount × max unit price (a request without a budget: the tenant never"
            + " spends more than it asked to):");
    System.out.print(format(figure4c(1)));
  }
}
