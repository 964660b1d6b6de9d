package io.sfsbroker.gateway.keeper;

import io.sfsbroker.protocol.deadline.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When the keeper tries a deadline again after its transaction failed: at once the first time it is
 * due, then after a pause that doubles with each failure up to a limit. Deadlines no longer listed
 * are forgotten. Safe to use from several threads.
 */
final class Attempts {

  private record Failed(int count, Instant retryAt) {}

  private final Duration firstPause;
  private final Duration maxPause;
  private final Map<Deadline, Failed> failures = new HashMap<>();

  Attempts(final Duration firstPause, final Duration maxPause) {
    this.firstPause = Objects.requireNonNull(firstPause, "firstPause");
    this.maxPause = Objects.requireNonNull(maxPause, "maxPause");
    if (firstPause.isNegative() || maxPause.compareTo(firstPause) < 0) {
      throw new IllegalArgumentException("pauses must satisfy 0 <= first <= max");
    }
  }

  /** Whether {@code deadline} is to be tried at {@code now}. */
  synchronized boolean due(final Deadline deadline, final Instant now) {
    Failed failed = failures.get(deadline);
    return failed == null || !now.isBefore(failed.retryAt());
  }

  /** Records a failed try at {@code now}; returns how many tries have failed so far. */
  synchronized int failed(final Deadline deadline, final Instant now) {
    int count = failures.containsKey(deadline) ? failures.get(deadline).count() + 1 : 1;
    failures.put(deadline, new Failed(count, now.plus(pause(count))));
    return count;
  }

  /**
   * Records a try at {@code now} that the ledger refused as early; it is tried again after {@code
   * pause}, and the pause after a later failure does not grow by it. Returns how many tries have
   * failed so far, this one included.
   */
  synchronized int early(final Deadline deadline, final Instant now, final Duration pause) {
    int count = failures.containsKey(deadline) ? failures.get(deadline).count() : 0;
    failures.put(deadline, new Failed(count, now.plus(pause)));
    return count + 1;
  }

  /** When {@code deadline} may be tried again after a failure; empty when it has not failed. */
  synchronized Optional<Instant> retryAt(final Deadline deadline) {
    return Optional.ofNullable(failures.get(deadline)).map(Failed::retryAt);
  }

  /** Forgets {@code deadline} after its transaction committed. */
  synchronized void succeeded(final Deadline deadline) {
    failures.remove(deadline);
  }

  /** Forgets every deadline that is not in {@code listed} any more. */
  synchronized void retainOnly(final Collection<Deadline> listed) {
    Set<Deadline> keep = listed.stream().collect(Collectors.toSet());
    failures.keySet().retainAll(keep);
  }

  /** The pause after the {@code count}-th failure. */
  Duration pause(final int count) {
    Duration pause = firstPause;
    for (int i = 1; i < count && pause.compareTo(maxPause) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(maxPause) > 0 ? maxPause : pause;
  }
}
