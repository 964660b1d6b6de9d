package io.sfsbroker.benchmarks;

import io.sfsbroker.market.selection.LowestOfferSelection;
import io.sfsbroker.market.selection.ProportionalShareSelection;
import io.sfsbroker.market.selection.SelectionResult;
import io.sfsbroker.market.selection.SelectionStrategy;
import io.sfsbroker.market.selection.StackelbergSelection;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The paper's Figure 4b without the ledger: how long the selection itself takes for 64 to 2,048 RPs
 * and 12, 96 and 512 categories. Prints the median of several runs after warm-up; asserts nothing.
 */
public final class SelectionBenchmark {

  private static final List<Integer> RP_COUNTS = List.of(64, 256, 1_024, 2_048);
  private static final List<Integer> CATEGORY_COUNTS = List.of(12, 96, 512);
  private static final int WARM_UPS = 3;
  private static final int RUNS = 7;

  private SelectionBenchmark() {}

  /** Prints one row per size: median milliseconds for both strategies and the rounds used. */
  public static void main(String[] args) {
    System.out.printf(
        Locale.ROOT,
        "Selection time, median of %d runs after %d warm-ups (ms, one thread, %d cores, Java %s)%n%n",
        RUNS,
        WARM_UPS,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.printf(
        Locale.ROOT,
        "%6s %5s %10s %16s %14s %14s %11s %9s%n",
        "RPs",
        "N",
        "cells",
        "Stackelberg ms",
        "prop. share ms",
        "lowest ms",
        "iterations",
        "winners");
    for (int categories : CATEGORY_COUNTS) {
      for (int rps : RP_COUNTS) {
        RandomMarket.Instance market =
            RandomMarket.generate(new Random(31L * rps + categories), rps, categories, 2, 3);
        Measurement ours = measure(new StackelbergSelection(), market);
        Measurement share = measure(new ProportionalShareSelection(), market);
        Measurement lowest = measure(new LowestOfferSelection(), market);
        System.out.printf(
            Locale.ROOT,
            "%6d %5d %10d %16.1f %14.1f %14.1f %11d %9d%n",
            rps,
            categories,
            (long) rps * categories,
            ours.medianMillis(),
            share.medianMillis(),
            lowest.medianMillis(),
            ours.result().iterations(),
            ours.result().winners().stream().map(w -> w.rpId()).distinct().count());
      }
    }
  }

  private record Measurement(double medianMillis, SelectionResult result) {}

  private static Measurement measure(SelectionStrategy strategy, RandomMarket.Instance market) {
    SelectionResult result = null;
    for (int i = 0; i < WARM_UPS; i++) {
      result = strategy.select(market.blueprint(), market.offers());
    }
    double[] millis = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      result = strategy.select(market.blueprint(), market.offers());
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return new Measurement(millis[RUNS / 2], result);
  }
}
