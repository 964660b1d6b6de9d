package io.sfsbroker.rp;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Docker limits of one slice's container, and the one place where awarded amounts become limits
 * (docs/rp-agent.md, <i>From amounts to limits</i>):
 *
 * <table>
 *   <caption>category → limit</caption>
 *   <tr><th>category</th><th>Docker limit</th></tr>
 *   <tr><td>{@code cpu-millicores}</td><td>{@code NanoCpus} = millicores × 10⁶ (at least
 *       {@code minCpuMillicores})</td></tr>
 *   <tr><td>{@code memory-mib}</td><td>{@code Memory} = {@code MemorySwap} = MiB × 2²⁰, so no
 *       swap (at least {@code minMemoryMib})</td></tr>
 *   <tr><td>{@code storage-mib}</td><td>a tmpfs at {@code /data} of that size, the only writable
 *       place besides a small {@code /tmp}</td></tr>
 *   <tr><td>{@code bandwidth-mbps}</td><td>Linux traffic control on the container's interface,
 *       both directions ({@link TrafficShaper}): not a Docker limit</td></tr>
 *   <tr><td>any other ({@code rendering-k}, …)</td><td>none: recorded in the container's labels
 *       only</td></tr>
 * </table>
 *
 * <p>{@code PidsLimit} is the configured {@code pidsLimit} whatever was bought.
 *
 * @param nanoCpus CPU time in billionths of a CPU
 * @param memoryBytes memory, and memory plus swap, in bytes
 * @param pidsLimit the most processes
 * @param storageBytes the size of the {@code /data} tmpfs; 0 for none
 * @param unenforced the amounts nothing limits, by category
 * @param bandwidthMbps the rate the container's traffic is shaped to, each way, in Mbit/s; 0 for
 *     none (the slice bought no bandwidth here)
 */
public record SliceLimits(
    long nanoCpus,
    long memoryBytes,
    long pidsLimit,
    long storageBytes,
    SortedMap<String, Long> unenforced,
    long bandwidthMbps) {

  /** CPU time, in thousandths of a CPU. */
  public static final String CPU = "cpu-millicores";

  /** Memory, in MiB. */
  public static final String MEMORY = "memory-mib";

  /** Storage, in MiB. */
  public static final String STORAGE = "storage-mib";

  /** Bandwidth, in Mbit/s. */
  public static final String BANDWIDTH = "bandwidth-mbps";

  private static final long MIB = 1L << 20;

  /** Checks the ranges and copies the map. */
  public SliceLimits {
    if (nanoCpus < 1 || memoryBytes < 1 || pidsLimit < 1 || storageBytes < 0 || bandwidthMbps < 0) {
      throw new IllegalArgumentException(
          "limits must be positive: nanoCpus "
              + nanoCpus
              + ", memory "
              + memoryBytes
              + ", pids "
              + pidsLimit
              + ", storage "
              + storageBytes
              + ", bandwidth "
              + bandwidthMbps);
    }
    unenforced = new TreeMap<>(Objects.requireNonNull(unenforced, "unenforced"));
  }

  /**
   * The limits of a slice awarded {@code amounts} (category → amount) under {@code config}.
   *
   * @throws IllegalArgumentException when an amount is negative or too large for its limit
   */
  public static SliceLimits of(final Map<String, Long> amounts, final RpConfig config) {
    Objects.requireNonNull(amounts, "amounts");
    Objects.requireNonNull(config, "config");
    long cpu = config.minCpuMillicores();
    long memory = config.minMemoryMib();
    long storage = 0;
    long bandwidth = 0;
    SortedMap<String, Long> unenforced = new TreeMap<>();
    for (Map.Entry<String, Long> entry : amounts.entrySet()) {
      long amount = entry.getValue();
      if (amount < 0) {
        throw new IllegalArgumentException(
            "category " + entry.getKey() + ": amount must not be negative, was " + amount);
      }
      switch (entry.getKey()) {
        case CPU -> cpu = Math.max(cpu, amount);
        case MEMORY -> memory = Math.max(memory, amount);
        case STORAGE -> storage = amount;
        case BANDWIDTH -> bandwidth = amount;
        default -> unenforced.put(entry.getKey(), amount);
      }
    }
    try {
      return new SliceLimits(
          Math.multiplyExact(cpu, 1_000_000L),
          Math.multiplyExact(memory, MIB),
          config.pidsLimit(),
          Math.multiplyExact(storage, MIB),
          unenforced,
          bandwidth);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("an awarded amount is too large for a container", e);
    }
  }
}
