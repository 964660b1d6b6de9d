package io.sfsbroker.benchmarks.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU and memory of the network's processes (orderers, peers, chaincode servers, the bridge, …)
 * sampled from {@code /proc} by pid while a benchmark round runs, as Caliper's resource monitor
 * does for local processes. The pids come from the runtime's pid files ({@code NAME.pid}, with the
 * start time in {@code NAME.start} so that a pid the kernel gave to another process is skipped).
 */
public final class ProcessSampler implements AutoCloseable {

  private static final long TICKS_PER_SECOND = 100;
  private static final long PAGE_BYTES = 4096;

  /**
   * What one process used during a round.
   *
   * @param name the pid file's name, e.g. {@code orderer1} or {@code peer0.broker}
   * @param pid its pid
   * @param cpuMaxPercent the highest CPU use over one sampling interval (100 = one core)
   * @param cpuAvgPercent the CPU use over the whole round
   * @param memoryMaxMib the largest resident set
   * @param memoryAvgMib the mean resident set
   */
  public record Usage(
      String name,
      long pid,
      double cpuMaxPercent,
      double cpuAvgPercent,
      double memoryMaxMib,
      double memoryAvgMib) {}

  private final Map<String, Long> pids;
  private final Map<String, List<long[]>> samples = new TreeMap<>();
  private final ScheduledExecutorService timer;

  private ProcessSampler(final Map<String, Long> pids, final long intervalMillis) {
    this.pids = pids;
    pids.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
    sample();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "process-sampler");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::sample, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts sampling {@code pids} (name to pid) every {@code intervalMillis}, until {@link
   * #close()}.
   */
  public static ProcessSampler start(final Map<String, Long> pids, final long intervalMillis) {
    return new ProcessSampler(new TreeMap<>(pids), intervalMillis);
  }

  /**
   * The live processes recorded in {@code pidDirectory}: every {@code NAME.pid} whose process runs
   * and, where {@code NAME.start} exists, started at the recorded time. Empty when the folder does
   * not exist (a network this machine did not start).
   */
  public static Map<String, Long> recorded(final Path pidDirectory) {
    Map<String, Long> pids = new TreeMap<>();
    if (!Files.isDirectory(pidDirectory)) {
      return pids;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(pidDirectory, "*.pid")) {
      for (Path file : files) {
        String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
        long pid;
        try {
          pid = Long.parseLong(Files.readString(file).trim());
        } catch (NumberFormatException | IOException e) {
          continue;
        }
        Path start = pidDirectory.resolve(name + ".start");
        String[] stat = stat(pid);
        if (stat == null) {
          continue;
        }
        if (Files.exists(start) && !Files.readString(start).trim().equals(stat[19])) {
          continue;
        }
        pids.put(name, pid);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the pid files in " + pidDirectory, e);
    }
    return pids;
  }

  /** This JVM's own pid, to sample the benchmark's client beside the network. */
  public static long self() {
    return ProcessHandle.current().pid();
  }

  private synchronized void sample() {
    long now = System.nanoTime();
    for (Map.Entry<String, Long> entry : pids.entrySet()) {
      String[] stat = stat(entry.getValue());
      if (stat == null) {
        continue;
      }
      // Fields after the command name: utime is field 14 of stat, index 11 here; rss field 24.
      long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
      long rssBytes = Long.parseLong(stat[21]) * PAGE_BYTES;
      samples.get(entry.getKey()).add(new long[] {now, ticks, rssBytes});
    }
  }

  /** Stops sampling and returns what each process used, by name. */
  public synchronized Map<String, Usage> stop() {
    timer.shutdownNow();
    sample();
    Map<String, Usage> usage = new LinkedHashMap<>();
    for (Map.Entry<String, List<long[]>> entry : samples.entrySet()) {
      List<long[]> s = entry.getValue();
      if (s.size() < 2) {
        continue;
      }
      double cpuMax = 0;
      double memMax = 0;
      double memSum = 0;
      for (int i = 0; i < s.size(); i++) {
        memMax = Math.max(memMax, s.get(i)[2]);
        memSum += s.get(i)[2];
        if (i > 0) {
          cpuMax = Math.max(cpuMax, cpuPercent(s.get(i - 1), s.get(i)));
        }
      }
      double mib = 1024.0 * 1024.0;
      usage.put(
          entry.getKey(),
          new Usage(
              entry.getKey(),
              pids.get(entry.getKey()),
              cpuMax,
              cpuPercent(s.get(0), s.get(s.size() - 1)),
              memMax / mib,
              memSum / s.size() / mib));
    }
    return usage;
  }

  private static double cpuPercent(final long[] from, final long[] to) {
    double seconds = (to[0] - from[0]) / 1e9;
    return seconds <= 0 ? 0 : 100.0 * (to[1] - from[1]) / TICKS_PER_SECOND / seconds;
  }

  /** The fields of {@code /proc/PID/stat} after the command name, or null when it is gone. */
  private static String[] stat(final long pid) {
    try {
      String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
