package io.sfsbroker.view.health;

import java.util.Optional;

/** Reads one sample out of a Prometheus text exposition ({@code /metrics}). */
public final class Metrics {

  private Metrics() {}

  /** The value of the sample {@code name{channel="<channel>"}}, or empty when the text has none. */
  public static Optional<Double> channelSample(
      final String text, final String name, final String channel) {
    String prefix = name + "{channel=\"" + channel + "\"}";
    for (String line : text.split("\n")) {
      if (line.startsWith(prefix)) {
        String value = line.substring(prefix.length()).trim();
        int space = value.indexOf(' ');
        if (space > 0) {
          value = value.substring(0, space);
        }
        try {
          return Optional.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
