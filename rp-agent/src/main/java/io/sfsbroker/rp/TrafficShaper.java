package io.sfsbroker.rp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Shapes a slice container's traffic to the bandwidth it was awarded, with Linux traffic control in
 * the container's network namespace, entered from the host ({@code nsenter -t <pid> -n tc …}): the
 * container itself keeps no capability. Both directions of its interface {@value #INTERFACE}:
 *
 * <ul>
 *   <li><b>out of the slice</b> (what the tenant downloads): a token bucket, {@code tbf rate
 *       <mbps>mbit}, which queues what is above the rate;
 *   <li><b>into the slice</b> (what the tenant uploads): an ingress policer, {@code police rate
 *       <mbps>mbit … drop}, which drops what is above the rate (TCP then slows down).
 * </ul>
 *
 * Both are {@code replace}d, so shaping a container twice is harmless. The agent must run as root
 * (entering a namespace needs {@code CAP_SYS_ADMIN}, changing its qdiscs {@code CAP_NET_ADMIN}) on
 * the engine's host, with {@code nsenter} (util-linux) and {@code tc} (iproute2).
 */
final class TrafficShaper {

  /** The interface of a container on its tenant's network. */
  static final String INTERFACE = "eth0";

  private static final long TIMEOUT_SECONDS = 10;

  /**
   * The tc commands that shape the interface to {@code mbps} each way: the bucket holds 10 ms at
   * the rate (at least 32 KiB), the policer 20 ms (at least 64 KiB), enough for a TCP window to
   * keep the link busy without letting bursts far above the rate through.
   */
  static List<List<String>> commands(final long mbps) {
    if (mbps < 1) {
      throw new IllegalArgumentException("bandwidth must be at least 1 Mbit/s, was " + mbps);
    }
    long bytesPerSecond = Math.multiplyExact(mbps, 125_000L);
    String rate = mbps + "mbit";
    String bucket = Math.max(32 * 1024, bytesPerSecond / 100) + "b";
    String policed = Math.max(64 * 1024, bytesPerSecond / 50) + "b";
    List<List<String>> commands = new ArrayList<>();
    commands.add(
        List.of(
            "qdisc", "replace", "dev", INTERFACE, "root", "tbf", "rate", rate, "burst", bucket,
            "latency", "50ms"));
    commands.add(List.of("qdisc", "replace", "dev", INTERFACE, "handle", "ffff:", "ingress"));
    commands.add(
        List.of(
            "filter",
            "replace",
            "dev",
            INTERFACE,
            "parent",
            "ffff:",
            "protocol",
            "all",
            "prio",
            "1",
            "u32",
            "match",
            "u32",
            "0",
            "0",
            "police",
            "rate",
            rate,
            "burst",
            policed,
            "drop"));
    return commands;
  }

  /**
   * Shapes the network namespace of process {@code pid} (a container's main process) to {@code
   * mbps} each way.
   *
   * @throws IllegalStateException when a command fails, with its output
   */
  void shape(final long pid, final long mbps) {
    if (pid < 1) {
      throw new IllegalStateException("the container has no process to shape (pid " + pid + ")");
    }
    for (List<String> tc : commands(mbps)) {
      List<String> command = new ArrayList<>();
      command.addAll(List.of("nsenter", "-t", Long.toString(pid), "-n", "tc"));
      command.addAll(tc);
      run(command);
    }
  }

  private static void run(final List<String> command) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot shape the slice's bandwidth: "
              + String.join(" ", command)
              + " did not run ("
              + e.getMessage()
              + "); install iproute2 and util-linux and run the agent as root",
          e);
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "cannot shape the slice's bandwidth: "
                + String.join(" ", command)
                + " exited with "
                + process.exitValue()
                + ": "
                + output.strip());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while shaping the slice's bandwidth", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the output of " + command, e);
    }
  }
}
