package io.sfsbroker.benchmarks.e2e;

/**
 * The least an end-to-end request can take in a configuration: the commits on its critical path one
 * after another, each waiting a full block time (a lone transaction waits BatchTimeout for its
 * block to be cut), plus the offer window, plus one container start. The commits are the request
 * (step 2), the selection (step 8) and the last instantiation confirmation (step 10); the offers
 * (step 7) commit inside the window.
 *
 * @param commits the sequential commits
 * @param blockSeconds the block time (BatchTimeout)
 * @param windowSeconds the offer window
 * @param containerStartSeconds how long one slice container takes to start
 */
public record PhysicalLimit(
    int commits, double blockSeconds, double windowSeconds, double containerStartSeconds) {

  /** The commits on the critical path of a slice request. */
  public static final int SEQUENTIAL_COMMITS = 3;

  /** Checks the values. */
  public PhysicalLimit {
    if (commits < 1) {
      throw new IllegalArgumentException("commits must be positive: " + commits);
    }
    if (!(blockSeconds > 0) || windowSeconds < 0 || containerStartSeconds < 0) {
      throw new IllegalArgumentException(
          "block time must be positive, window and container start not negative");
    }
  }

  /** The limit of a slice request at {@code blockSeconds}. */
  public static PhysicalLimit of(
      final double blockSeconds, final double windowSeconds, final double containerStartSeconds) {
    return new PhysicalLimit(
        SEQUENTIAL_COMMITS, blockSeconds, windowSeconds, containerStartSeconds);
  }

  /** The limit in seconds. */
  public double seconds() {
    return commits * blockSeconds + windowSeconds + containerStartSeconds;
  }

  /** How many times the limit {@code measuredSeconds} is. */
  public double ratio(final double measuredSeconds) {
    return measuredSeconds / seconds();
  }
}
