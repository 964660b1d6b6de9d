package io.sfsbroker.gateway.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each kind of Gateway call may take before the client gives up on it.
 *
 * @param evaluate a query answered by one peer
 * @param endorse collecting the endorsements of a transaction
 * @param submit handing the endorsed transaction to the orderers
 * @param commitStatus waiting until the transaction is in a block and validated; this includes the
 *     block cutting time (BatchTimeout) of the channel
 */
public record Deadlines(
    Duration evaluate, Duration endorse, Duration submit, Duration commitStatus) {

  /**
   * Defaults for a network with a block cutting time of a few seconds at most. Submitting waits as
   * long as the peer's own broadcast timeout (30 s), because the peer may have to try several
   * orderers while one is down or reconnecting.
   */
  public static final Deadlines DEFAULT =
      new Deadlines(
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1));

  /** Checks that every deadline is positive. */
  public Deadlines {
    for (Duration d : new Duration[] {evaluate, endorse, submit, commitStatus}) {
      Objects.requireNonNull(d, "deadline");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("deadlines must be positive, got " + d);
      }
    }
  }
}
