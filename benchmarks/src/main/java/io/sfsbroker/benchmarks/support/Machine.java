package io.sfsbroker.benchmarks.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a benchmark runs on, printed at its head so its figures can be compared. */
public final class Machine {

  private Machine() {}

  /** One line: host, CPU model and cores, memory, load, OS and Java. */
  public static String describe() {
    return String.format(
        Locale.ROOT,
        "machine: %s, %s, %d cores, %s memory, load %s, %s %s, Java %s",
        hostName(),
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        memTotal(),
        loadAverage(),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("java.version"));
  }

  private static String hostName() {
    return read(Path.of("/etc/hostname")).trim();
  }

  private static String cpuModel() {
    for (String line : read(Path.of("/proc/cpuinfo")).split("\n")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown CPU";
  }

  private static String memTotal() {
    for (String line : read(Path.of("/proc/meminfo")).split("\n")) {
      if (line.startsWith("MemTotal:")) {
        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
      }
    }
    return "unknown";
  }

  private static String loadAverage() {
    String[] parts = read(Path.of("/proc/loadavg")).trim().split("\\s+");
    return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
  }

  private static String read(final Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "unknown";
    }
  }
}
