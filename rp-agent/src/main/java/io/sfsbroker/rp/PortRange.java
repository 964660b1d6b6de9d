package io.sfsbroker.rp;

/**
 * The host ports slices are published on: {@code first} to {@code last}, both included.
 *
 * @param first the lowest port, 1024 to 65535
 * @param last the highest port, {@code first} to 65535
 */
public record PortRange(int first, int last) {

  /** Checks the bounds. */
  public PortRange {
    if (first < 1024 || first > 65_535) {
      throw new IllegalArgumentException(
          "the first port must be 1024 to 65535 (no privileged ports), was " + first);
    }
    if (last < first || last > 65_535) {
      throw new IllegalArgumentException(
          "the last port must be " + first + " to 65535, was " + last);
    }
  }

  /** How many ports the range holds. */
  public int size() {
    return last - first + 1;
  }

  /** Whether {@code port} lies in the range. */
  public boolean contains(final int port) {
    return port >= first && port <= last;
  }
}
