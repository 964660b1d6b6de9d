package io.sfsbroker.rp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IPv4 block tenant networks take their subnets from ({@code networkPool}, docs/rp-agent.md):
 * {@code base} cut into subnets of {@code prefixLength} bits, handed out lowest first, skipping
 * every subnet that overlaps one the engine has already.
 *
 * @param base the block, as {@code a.b.c.d/n} with no bits set past {@code n}, n 8 to 28
 * @param prefixLength the prefix length of each tenant's subnet, {@code n} to 28 (a /28 holds 13
 *     containers besides the gateway)
 */
public record SubnetPool(String base, int prefixLength) {

  private static final Pattern CIDR =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
  private static final int LONGEST = 28;

  /** Checks the block and the prefix length. */
  public SubnetPool {
    long[] block = parse(base);
    if (block == null) {
      throw new IllegalArgumentException("base must be an IPv4 block a.b.c.d/n, not " + base);
    }
    if (block[1] < 8 || block[1] > LONGEST) {
      throw new IllegalArgumentException("base must be a /8 to a /" + LONGEST + ", not " + base);
    }
    if ((block[0] & ~mask((int) block[1]) & 0xFFFF_FFFFL) != 0) {
      throw new IllegalArgumentException(
          "base "
              + base
              + " has bits set past its prefix; write "
              + format(block[0] & mask((int) block[1]))
              + "/"
              + block[1]);
    }
    if (prefixLength < block[1] || prefixLength > LONGEST) {
      throw new IllegalArgumentException(
          "prefixLength must be " + block[1] + " to " + LONGEST + ", was " + prefixLength);
    }
  }

  /** How many subnets the pool holds. */
  public long size() {
    return 1L << (prefixLength - parse(base)[1]);
  }

  /**
   * The lowest subnet of the pool that overlaps none of {@code taken} (CIDRs; IPv6 and malformed
   * entries are ignored).
   */
  public Optional<String> firstFree(final Collection<String> taken) {
    List<long[]> blocks = new ArrayList<>();
    for (String cidr : taken) {
      long[] block = cidr == null ? null : parse(cidr);
      if (block != null) {
        blocks.add(block);
      }
    }
    long first = parse(base)[0];
    long step = 1L << (32 - prefixLength);
    for (long i = 0; i < size(); i++) {
      long subnet = first + i * step;
      boolean free = true;
      for (long[] block : blocks) {
        long common = mask((int) Math.min(prefixLength, block[1]));
        if ((subnet & common) == (block[0] & common)) {
          free = false;
          break;
        }
      }
      if (free) {
        return Optional.of(format(subnet) + "/" + prefixLength);
      }
    }
    return Optional.empty();
  }

  /** {@code {address, prefix}} of an IPv4 CIDR, or {@code null} when it is not one. */
  private static long[] parse(final String cidr) {
    Matcher m = cidr == null ? null : CIDR.matcher(cidr);
    if (m == null || !m.matches()) {
      return null;
    }
    long address = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        return null;
      }
      address = (address << 8) | octet;
    }
    int prefix = Integer.parseInt(m.group(5));
    return prefix > 32 ? null : new long[] {address, prefix};
  }

  private static long mask(final int prefix) {
    return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
  }

  private static String format(final long address) {
    return ((address >> 24) & 0xff)
        + "."
        + ((address >> 16) & 0xff)
        + "."
        + ((address >> 8) & 0xff)
        + "."
        + (address & 0xff);
  }
}
