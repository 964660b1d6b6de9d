package io.sfsbroker.protocol.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a window stays open for a contribution that commits late (issue 10 item 4). A window (a
 * slice's offer window, an application's bid window) is counted from the transaction time of the
 * request that opened it, but the RPs see it only when that request commits — after a Raft failover
 * many seconds later. So an offer or bid is accepted while the window is still open and its
 * transaction time is at most {@link #LATE_COMMIT} after the deadline; the keeper, which sees when
 * the window was published, closes it no earlier than the window's full length after that (at most
 * {@code LATE_COMMIT} late). A window that is closed refuses everything.
 */
public final class Windows {

  /** The longest a contribution may come after its window's deadline while the window is open. */
  public static final Duration LATE_COMMIT = Duration.ofSeconds(60);

  private Windows() {}

  /**
   * Whether a contribution with transaction time {@code time} is in time for a window that ends at
   * {@code deadline} (and has not been closed).
   */
  public static boolean inTime(final Instant deadline, final Instant time) {
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(time, "time");
    return !time.isAfter(deadline.plus(LATE_COMMIT));
  }
}
