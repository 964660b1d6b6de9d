package io.sfsbroker.benchmarks.support;

import java.util.Arrays;
import java.util.List;

/**
 * Summary statistics of a sample: mean, median, 95th percentile, min, max and the half-width of the
 * 95 % confidence interval of the mean (Student's t).
 *
 * @param count the sample size
 * @param mean the mean
 * @param median the median
 * @param p95 the 95th percentile (nearest rank)
 * @param min the smallest value
 * @param max the largest value
 * @param ci95 the half-width of the 95 % confidence interval of the mean; 0 for one value
 */
public record Stats(
    int count, double mean, double median, double p95, double min, double max, double ci95) {

  /** An empty sample's statistics (all zero). */
  public static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0, 0);

  // Two-sided 95 % Student t quantiles for 1..30 degrees of freedom; 1.96 beyond.
  private static final double[] T95 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042
  };

  /** The statistics of {@code values}. */
  public static Stats of(final List<Double> values) {
    if (values.isEmpty()) {
      return EMPTY;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    double mean = sum / n;
    double squares = 0;
    for (double v : sorted) {
      squares += (v - mean) * (v - mean);
    }
    double ci = 0;
    if (n > 1) {
      double sd = Math.sqrt(squares / (n - 1));
      double t = n - 1 <= T95.length ? T95[n - 2] : 1.96;
      ci = t * sd / Math.sqrt(n);
    }
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    double p95 = sorted[Math.max(0, (int) Math.ceil(0.95 * n) - 1)];
    return new Stats(n, mean, median, p95, sorted[0], sorted[n - 1], ci);
  }
}
