package io.sfsbroker.benchmarks.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The command-line options of a benchmark: {@code --name value} pairs and {@code --flag}s, checked
 * against the names the benchmark knows, so a typo is an error rather than a silent default.
 */
public final class Options {

  private final Map<String, String> values;

  private Options(final Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code args}.
   *
   * @param valued the options that take a value, without {@code --}
   * @param flags the options that take none
   * @throws IllegalArgumentException on an unknown option or a missing value
   */
  public static Options parse(
      final String[] args, final Set<String> valued, final Set<String> flags) {
    Map<String, String> values = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + arg + "'; options start with --");
      }
      String name = arg.substring(2);
      if (flags.contains(name)) {
        values.put(name, "true");
      } else if (valued.contains(name)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
        values.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException(
            "unknown option --"
                + name
                + "; known: "
                + new TreeMap<>(Map.of("values", valued, "flags", flags)));
      }
    }
    return new Options(values);
  }

  /** Whether the flag was given. */
  public boolean flag(final String name) {
    return values.containsKey(name);
  }

  /** The value of {@code name}, or {@code fallback}. */
  public String text(final String name, final String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** The path of {@code name}, or {@code fallback}. */
  public Path path(final String name, final String fallback) {
    return Path.of(text(name, fallback));
  }

  /** The positive whole number of {@code name}, or {@code fallback}. */
  public int integer(final String name, final int fallback) {
    String value = values.get(name);
    return value == null ? fallback : positive(name, value);
  }

  /** A comma-separated list of positive whole numbers, or {@code fallback}. */
  public List<Integer> integers(final String name, final String fallback) {
    List<Integer> list = new ArrayList<>();
    for (String part : text(name, fallback).split(",")) {
      list.add(positive(name, part.trim()));
    }
    return List.copyOf(list);
  }

  /** A comma-separated list of positive numbers, or {@code fallback}. */
  public List<Double> decimals(final String name, final String fallback) {
    List<Double> list = new ArrayList<>();
    for (String part : text(name, fallback).split(",")) {
      try {
        double value = Double.parseDouble(part.trim());
        if (!(value > 0)) {
          throw new NumberFormatException();
        }
        list.add(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--" + name + " takes positive numbers, not '" + part + "'");
      }
    }
    return List.copyOf(list);
  }

  private static int positive(final String name, final String value) {
    try {
      int n = Integer.parseInt(value);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + name + " takes positive whole numbers, not '" + value + "'");
    }
  }
}
