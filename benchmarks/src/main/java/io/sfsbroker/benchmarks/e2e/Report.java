package io.sfsbroker.benchmarks.e2e;

import io.sfsbroker.benchmarks.support.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The figures of a sweep as text: the table printed and written to the report, the CSV, the chart's
 * series, and the two targets of issue 12 judged against what was measured.
 */
public final class Report {

  /** A single request at 1 s blocks should stay within this many times its physical limit. */
  public static final double SINGLE_TARGET_RATIO = 1.2;

  /** The mean of 50 concurrent requests should stay within this many times a single one. */
  public static final double CONCURRENT_TARGET_RATIO = 2.0;

  /** The concurrency the second target speaks of. */
  public static final int CONCURRENT_TARGET = 50;

  private Report() {}

  /** The table's header line. */
  public static String header() {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%7s %5s %4s %4s %8s %8s %8s %7s %8s %6s %8s",
                "block s",
                "conc",
                "n",
                "fail",
                "mean s",
                "median s",
                "p95 s",
                "±95% s",
                "limit s",
                "ratio",
                "window s"));
    for (Step step : Step.values()) {
      line.append(String.format(Locale.ROOT, " %10s", abbreviation(step)));
    }
    return line.toString();
  }

  /** One point's line of the table; the step columns are each step's own mean seconds. */
  public static String row(final Point point) {
    Stats e2e = point.endToEnd();
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%7.2f %5d %4d %4d %8.2f %8.2f %8.2f %7.2f %8.2f %6.2f %8.2f",
                point.blockSeconds(),
                point.concurrency(),
                e2e.count(),
                point.failures().size(),
                e2e.mean(),
                e2e.median(),
                e2e.p95(),
                e2e.ci95(),
                point.limit().seconds(),
                point.ratio(),
                point.windowSeconds()));
    for (Step step : Step.values()) {
      line.append(String.format(Locale.ROOT, " %10.2f", point.step(step).mean()));
    }
    return line.toString();
  }

  /** The CSV: a header, then one line per point. */
  public static List<String> csv(final List<Point> points) {
    List<String> lines = new ArrayList<>();
    StringBuilder header =
        new StringBuilder(
            "block_seconds,concurrency,trials,samples,failures,mean_s,median_s,p95_s,ci95_s,"
                + "min_s,max_s,limit_s,ratio,window_s,container_start_s");
    for (Step step : Step.values()) {
      header.append(',').append(step.label().replace(' ', '_')).append("_mean_s");
    }
    lines.add(header.toString());
    for (Point point : points) {
      Stats e2e = point.endToEnd();
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%.3f,%d,%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f",
                  point.blockSeconds(),
                  point.concurrency(),
                  point.trials(),
                  e2e.count(),
                  point.failures().size(),
                  e2e.mean(),
                  e2e.median(),
                  e2e.p95(),
                  e2e.ci95(),
                  e2e.min(),
                  e2e.max(),
                  point.limit().seconds(),
                  point.ratio(),
                  point.windowSeconds(),
                  point.limit().containerStartSeconds()));
      for (Step step : Step.values()) {
        line.append(String.format(Locale.ROOT, ",%.3f", point.step(step).mean()));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * The chart's series: one per concurrency, mean seconds against block time with the 95 %
   * confidence interval as error bars; and the physical limit of the block times as a line.
   */
  public static Map<String, List<List<Double>>> series(final List<Point> points) {
    Map<Integer, List<Point>> byConcurrency = new TreeMap<>();
    Map<Double, Double> limits = new TreeMap<>();
    for (Point point : points) {
      if (!point.samples().isEmpty()) {
        byConcurrency.computeIfAbsent(point.concurrency(), c -> new ArrayList<>()).add(point);
      }
      limits.merge(point.blockSeconds(), point.limit().seconds(), Math::min);
    }
    Map<String, List<List<Double>>> series = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<Point>> entry : byConcurrency.entrySet()) {
      List<Point> sorted =
          entry.getValue().stream()
              .sorted((a, b) -> Double.compare(a.blockSeconds(), b.blockSeconds()))
              .toList();
      series.put(
          entry.getKey() + (entry.getKey() == 1 ? " request" : " concurrent"),
          List.of(
              sorted.stream().map(Point::blockSeconds).toList(),
              sorted.stream().map(p -> p.endToEnd().mean()).toList(),
              sorted.stream().map(p -> p.endToEnd().ci95()).toList()));
    }
    series.put(
        "physical limit", List.of(List.copyOf(limits.keySet()), List.copyOf(limits.values())));
    return series;
  }

  /**
   * The two targets against the points: a single request at 1 s blocks within {@value
   * #SINGLE_TARGET_RATIO} × its limit, and {@value #CONCURRENT_TARGET} concurrent requests within
   * {@value #CONCURRENT_TARGET_RATIO} × a single one at each block time; a target the sweep did not
   * measure says so.
   */
  public static List<String> targets(final List<Point> points) {
    List<String> lines = new ArrayList<>();
    Optional<Point> single = find(points, 1.0, 1);
    lines.add(
        single
            .map(
                p ->
                    String.format(
                        Locale.ROOT,
                        "target: 1 request at 1 s blocks <= %.1f x limit: %.2f s against %.2f s"
                            + " = %.2f x: %s",
                        SINGLE_TARGET_RATIO,
                        p.endToEnd().mean(),
                        p.limit().seconds(),
                        p.ratio(),
                        p.ratio() <= SINGLE_TARGET_RATIO ? "met" : "missed"))
            .orElse("target: 1 request at 1 s blocks: not measured in this sweep"));
    boolean any = false;
    for (Point point : points) {
      if (point.concurrency() != CONCURRENT_TARGET || point.samples().isEmpty()) {
        continue;
      }
      Optional<Point> base = find(points, point.blockSeconds(), 1);
      if (base.isEmpty()) {
        continue;
      }
      any = true;
      double ratio = point.endToEnd().mean() / base.get().endToEnd().mean();
      lines.add(
          String.format(
              Locale.ROOT,
              "target: %d concurrent <= %.0f x 1 request at %.2f s blocks: %.2f s against %.2f s"
                  + " = %.2f x: %s",
              CONCURRENT_TARGET,
              CONCURRENT_TARGET_RATIO,
              point.blockSeconds(),
              point.endToEnd().mean(),
              base.get().endToEnd().mean(),
              ratio,
              ratio <= CONCURRENT_TARGET_RATIO ? "met" : "missed"));
    }
    if (!any) {
      lines.add(
          "target: "
              + CONCURRENT_TARGET
              + " concurrent <= "
              + (int) CONCURRENT_TARGET_RATIO
              + " x 1 request: not measured in this sweep (needs both at one block time)");
    }
    return lines;
  }

  private static Optional<Point> find(
      final List<Point> points, final double blockSeconds, final int concurrency) {
    return points.stream()
        .filter(p -> p.concurrency() == concurrency && !p.samples().isEmpty())
        .filter(p -> Math.abs(p.blockSeconds() - blockSeconds) < 1e-9)
        .findFirst();
  }

  private static String abbreviation(final Step step) {
    return switch (step) {
      case RECEIPT -> "receipt";
      case OFFERS_IN -> "offers in";
      case SELECTION_COMMITTED -> "selected";
      case AWARD -> "award";
      case CONTAINERS_UP -> "containers";
      case HANDOVER -> "handover";
    };
  }
}
