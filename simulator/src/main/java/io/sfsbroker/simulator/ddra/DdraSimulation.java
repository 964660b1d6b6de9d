package io.sfsbroker.simulator.ddra;

import io.sfsbroker.market.auction.AuctionParameters;
import io.sfsbroker.market.auction.AuctionResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reproduces §IV of the DDRA paper: runs the three auctions of the default setting, writes the data
 * of Figures 3–6 as CSV and PNG into the output directory, and prints a summary.
 *
 * <p>Usage: {@code DdraSimulation [--seed N] [--out DIR]}; defaults {@value #DEFAULT_SEED} and
 * {@code out/ddra}.
 */
public final class DdraSimulation {

  /** The seed used when none is given. */
  public static final long DEFAULT_SEED = 20240601L;

  /** The most groups the summary names one by one. */
  private static final int MAX_NAMED = 5;

  private DdraSimulation() {}

  /**
   * Runs the simulation.
   *
   * @param args {@code [--seed N] [--out DIR]}
   * @throws IOException if the output cannot be written
   */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    long seed = DEFAULT_SEED;
    Path out = Path.of("out", "ddra");
    for (int k = 0; k < args.length; k++) {
      String arg = args[k];
      if ((arg.equals("--seed") || arg.equals("--out")) && k + 1 < args.length) {
        String value = args[++k];
        if (arg.equals("--seed")) {
          try {
            seed = Long.parseLong(value);
          } catch (NumberFormatException e) {
            usage("--seed needs a whole number, got " + value);
            return;
          }
        } else {
          out = Path.of(value);
        }
      } else {
        usage("unknown or incomplete argument " + arg);
        return;
      }
    }
    Evaluation evaluation = Evaluation.run(seed, AuctionParameters.DEFAULT);
    Files.createDirectories(out);
    FigureFiles.write(evaluation, out);
    printSummary(evaluation, out, System.out);
  }

  /**
   * Prints the figures' key numbers.
   *
   * @param evaluation the evaluation
   * @param out where the files went
   * @param stream where to print
   */
  static void printSummary(Evaluation evaluation, Path out, PrintStream stream) {
    stream.printf(Locale.ROOT, "DDRA simulation, seed %d, output %s%n", evaluation.seed(), out);
    for (int k = 0; k < evaluation.periods().size(); k++) {
      AuctionResult result = evaluation.periods().get(k).result();
      stream.printf(
          Locale.ROOT,
          "auction before period %d (%s): %d iterations, converged %s, final ||x^-x*|| %.4g,"
              + " clearing rounds %d (cleared %s),"
              + " groups held on their Planet %d, groups away from best response %d"
              + " (largest payoff forgone %.4g)%n",
          k + 1,
          result.type(),
          result.rounds(),
          result.converged(),
          result.distances().get(result.rounds() - 1),
          result.clearingRounds(),
          result.cleared(),
          evaluation.heldGroups(k),
          evaluation.groupsAwayFromBestResponse(k),
          evaluation.largestForgoneGain(k));
    }
    List<GroupImprovement> improvements = evaluation.improvements(0);
    double minImprovement =
        improvements.stream().mapToDouble(GroupImprovement::ratio).min().orElse(Double.NaN);
    double minToTotal =
        improvements.stream().mapToDouble(GroupImprovement::ratioToTotal).min().orElse(Double.NaN);
    long belowOne = improvements.stream().filter(g -> g.ratioToTotal() < 1).count();
    long above = improvements.stream().filter(g -> g.ratio() > 1).count();
    List<GroupImprovement> shortOfUniform =
        improvements.stream().filter(g -> g.ratio() < 1).toList();
    stream.printf(
        Locale.ROOT,
        "largest allocation ratio: %.6f (capacity met in every slot: %s)%n",
        evaluation.maxAllocationRatio(),
        evaluation.withinCapacity());
    stream.printf(Locale.ROOT, "active groups in period 1: %d%n", improvements.size());
    stream.printf(
        Locale.ROOT,
        "smallest improvement ratio: %.12f (%d groups above 1, %d below 1%s)%n",
        minImprovement,
        above,
        shortOfUniform.size(),
        shortOfUniform.isEmpty() ? "" : ": " + describe(shortOfUniform));
    stream.printf(
        Locale.ROOT,
        "  (uniform share usable up to X_i instead: smallest %.6f, %d groups below 1)%n",
        minToTotal,
        belowOne);
    List<Double> ddra = evaluation.averageAllocationRatios(false);
    List<Double> uniform = evaluation.averageAllocationRatios(true);
    stream.printf(
        Locale.ROOT,
        "average allocation ratio CPU/RAM/GPU/VRAM: DDRA %.3f/%.3f/%.3f/%.3f,"
            + " uniform %.3f/%.3f/%.3f/%.3f%n",
        ddra.get(0),
        ddra.get(1),
        ddra.get(2),
        ddra.get(3),
        uniform.get(0),
        uniform.get(1),
        uniform.get(2),
        uniform.get(3));
  }

  /**
   * Names the groups short of 1 and how much the last price rise took from each: a group falls
   * short only when clearing ran out of rounds and the last round still rationed its bid.
   */
  private static String describe(List<GroupImprovement> groups) {
    StringBuilder text = new StringBuilder();
    int shown = 0;
    for (GroupImprovement g : groups) {
      if (shown == MAX_NAMED) {
        text.append(", … ").append(groups.size() - shown).append(" more");
        break;
      }
      text.append(shown == 0 ? "" : "; ")
          .append(
              String.format(
                  Locale.ROOT,
                  "%s %.12f (the last round raised its price: x^/x = %.12f)",
                  g.group(),
                  g.ratio(),
                  g.lastPriceRatio()));
      shown++;
    }
    return text.toString();
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: DdraSimulation [--seed N] [--out DIR]");
    System.exit(2);
  }
}
