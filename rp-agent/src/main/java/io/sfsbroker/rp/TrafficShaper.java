package io.sfsbroker.rp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shapes a slice container's traffic to the bandwidth it was awarded, with Linux traffic control
 * applied from the host: the container itself keeps no capability. A token bucket ({@code tbf rate
 * <mbps>mbit}), which queues what is above the rate, on each end of the container's veth pair:
 *
 * <ul>
 *   <li><b>out of the slice</b> (what the tenant downloads): on the container's {@value
 *       #INTERFACE}, in its network namespace ({@code nsenter -t <pid> -n tc …});
 *   <li><b>into the slice</b> (what the tenant uploads): on the host's end of the pair ({@code
 *       veth…}, found by the peer index of the container's {@value #INTERFACE}), whose egress is
 *       the container's ingress. (An ingress policer in the container would need the kernel's
 *       {@code act_police}, which not every kernel has; this needs only {@code sch_tbf}.)
 * </ul>
 *
 * Both are {@code replace}d, so shaping a container twice is harmless; the host's end goes with the
 * container. The agent must run as root in the engine's network namespace (the engine's host), with
 * {@code nsenter} (util-linux), {@code ip} and {@code tc} (iproute2).
 */
final class TrafficShaper {

  /** The interface of a container on its tenant's network. */
  static final String INTERFACE = "eth0";

  private static final long TIMEOUT_SECONDS = 10;
  private static final Pattern PEER = Pattern.compile("^\\d+:\\s*" + INTERFACE + "@if(\\d+):");
  private static final Pattern LINK = Pattern.compile("^(\\d+):\\s*([^:@\\s]+)[@:]");

  /**
   * The tc arguments that shape {@code device} to {@code mbps}: the bucket holds 10 ms at the rate
   * (at least 32 KiB), enough for a TCP window to keep the link busy without letting bursts far
   * above the rate through.
   */
  static List<String> tbf(final String device, final long mbps) {
    if (mbps < 1) {
      throw new IllegalArgumentException("bandwidth must be at least 1 Mbit/s, was " + mbps);
    }
    long bytesPerSecond = Math.multiplyExact(mbps, 125_000L);
    String bucket = Math.max(32 * 1024, bytesPerSecond / 100) + "b";
    return List.of(
        "qdisc",
        "replace",
        "dev",
        device,
        "root",
        "tbf",
        "rate",
        mbps + "mbit",
        "burst",
        bucket,
        "latency",
        "50ms");
  }

  /** The peer ifindex in {@code ip -o link show dev eth0} output ({@code 132: eth0@if133: …}). */
  static int peerIndex(final String ipLinkOutput) {
    Matcher matcher = PEER.matcher(ipLinkOutput.strip());
    if (!matcher.find()) {
      throw new IllegalStateException(
          "the container's " + INTERFACE + " is not one end of a veth pair: " + ipLinkOutput);
    }
    return Integer.parseInt(matcher.group(1));
  }

  /** The name of the interface with index {@code index} in {@code ip -o link} output. */
  static String interfaceAt(final String ipLinkOutput, final int index) {
    for (String line : ipLinkOutput.split("\n")) {
      Matcher matcher = LINK.matcher(line.strip());
      if (matcher.find() && Integer.parseInt(matcher.group(1)) == index) {
        return matcher.group(2);
      }
    }
    throw new IllegalStateException(
        "no interface with index "
            + index
            + " on this host: the agent must run in the engine's network namespace");
  }

  /**
   * Shapes the container whose main process is {@code pid} to {@code mbps} each way.
   *
   * @throws IllegalStateException when a command fails, with its output
   */
  void shape(final long pid, final long mbps) {
    if (pid < 1) {
      throw new IllegalStateException("the container has no process to shape (pid " + pid + ")");
    }
    List<String> inside = List.of("nsenter", "-t", Long.toString(pid), "-n");
    run(with(inside, List.of("tc")), tbf(INTERFACE, mbps));
    int peer =
        peerIndex(
            run(with(inside, List.of("ip", "-o", "link", "show", "dev")), List.of(INTERFACE)));
    String hostEnd = interfaceAt(run(List.of("ip", "-o", "link"), List.of()), peer);
    run(List.of("tc"), tbf(hostEnd, mbps));
  }

  private static List<String> with(final List<String> a, final List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String run(final List<String> program, final List<String> args) {
    List<String> command = with(program, args);
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
      return output;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while shaping the slice's bandwidth", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the output of " + command, e);
    }
  }
}
