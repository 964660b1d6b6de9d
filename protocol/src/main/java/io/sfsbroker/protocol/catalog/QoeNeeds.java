package io.sfsbroker.protocol.catalog;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * QoE needs: metric name → non-negative whole value, such as {@code maxLatencyMicros → 1500}. The
 * metric names follow {@link Names#NAME} except that they may contain upper-case letters
 * (camelCase).
 */
public final class QoeNeeds {

  /** The most metrics one set of needs may name. */
  public static final int MAX_METRICS = 32;

  private QoeNeeds() {}

  /**
   * Validates {@code needs} and copies it into an unmodifiable map sorted by metric name; {@code
   * null} gives an empty map.
   *
   * @throws IllegalArgumentException when a name or value is invalid or there are too many
   */
  public static SortedMap<String, Long> copyOf(final Map<String, Long> needs) {
    SortedMap<String, Long> copy = new TreeMap<>();
    if (needs == null) {
      return Collections.unmodifiableSortedMap(copy);
    }
    if (needs.size() > MAX_METRICS) {
      throw new IllegalArgumentException("at most " + MAX_METRICS + " QoE metrics are allowed");
    }
    for (Map.Entry<String, Long> need : needs.entrySet()) {
      String metric = need.getKey();
      if (metric == null || !metric.matches("[A-Za-z][A-Za-z0-9._-]{0,63}")) {
        throw new IllegalArgumentException("QoE metric name '" + metric + "' is invalid");
      }
      if (need.getValue() == null || need.getValue() < 0) {
        throw new IllegalArgumentException(
            "QoE metric " + metric + " must be a non-negative whole number");
      }
      copy.put(metric, need.getValue());
    }
    return Collections.unmodifiableSortedMap(copy);
  }
}
