package io.sfsbroker.gateway.bridge;

import io.sfsbroker.gateway.ledger.Stage;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What the bridge does after a failed step of a transaction: the decision depends only on where it
 * failed, the code and how often it has tried, so it is tested on its own.
 *
 * @param maxAttempts how many times one step is tried before the bridge gives up
 * @param firstBackoff the pause after the first failure; it doubles with each attempt
 * @param maxBackoff the longest pause
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

  /** Six attempts, 250 ms doubling up to 5 s: about 15 s before a receipt says UNAVAILABLE. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(5));

  /** gRPC codes of a peer or orderer that did not answer (not a verdict on the transaction). */
  static final Set<String> TRANSIENT =
      Set.of("UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "ABORTED", "UNKNOWN");

  /**
   * Chaincode answers at endorsement that may come from an endorser a block or two behind the
   * bridge's own peer (the object the message names was committed, but not yet on every org's
   * peer): tried again a few times before they count as a verdict.
   */
  static final Set<String> LAGGING = Set.of("NOT_FOUND");

  /** How many times an endorsement answered with a {@link #LAGGING} code is tried in all. */
  static final int LAGGING_ATTEMPTS = 3;

  /** Validation codes after which the transaction is endorsed again against newer state. */
  static final Set<String> READ_CONFLICTS = Set.of("MVCC_READ_CONFLICT", "PHANTOM_READ_CONFLICT");

  /** What to do next. */
  public enum Action {
    /** A verdict: the chaincode or the validation refused it; answer with an error receipt. */
    REJECT,
    /** Try the same step again after {@link #backoff(int)}. */
    RETRY,
    /** Ask for the commit status of the same transaction again. */
    CHECK_STATUS_AGAIN,
    /** Submit the same signed transaction again (same id: applied at most once), then check. */
    RESUBMIT,
    /** Endorse again: the transaction read state that changed before it committed. */
    ENDORSE_AGAIN,
    /** Out of attempts: answer {@code UNAVAILABLE}, and do not record the message as done. */
    GIVE_UP
  }

  /** Checks the fields. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("backoffs must satisfy 0 <= first <= max");
    }
  }

  /**
   * The action after attempt number {@code attempt} (from 1) failed at {@code stage} with {@code
   * code}.
   */
  public Action afterFailure(final Stage stage, final String code, final int attempt) {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(code, "code");
    boolean transientFailure = TRANSIENT.contains(code);
    switch (stage) {
      case ENDORSE, EVALUATE:
        if (stage == Stage.ENDORSE && LAGGING.contains(code)) {
          return attempt < Math.min(LAGGING_ATTEMPTS, maxAttempts) ? Action.RETRY : Action.REJECT;
        }
        if (!transientFailure) {
          return Action.REJECT;
        }
        return attempt < maxAttempts ? Action.RETRY : Action.GIVE_UP;
      case SUBMIT:
        if (!transientFailure) {
          return Action.REJECT;
        }
        return attempt < maxAttempts ? Action.RESUBMIT : Action.GIVE_UP;
      case COMMIT_STATUS:
        if (attempt >= maxAttempts) {
          return Action.GIVE_UP;
        }
        // Every second time the orderers may have lost it: send the same bytes again.
        return attempt % 2 == 0 ? Action.RESUBMIT : Action.CHECK_STATUS_AGAIN;
      case COMMIT:
        if (READ_CONFLICTS.contains(code)) {
          return attempt < maxAttempts ? Action.ENDORSE_AGAIN : Action.GIVE_UP;
        }
        return Action.REJECT;
      default:
        throw new IllegalStateException("unknown stage " + stage);
    }
  }

  /** The pause before attempt {@code attempt + 1}. */
  public Duration backoff(final int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
    }
    Duration pause = firstBackoff;
    for (int i = 1; i < attempt && pause.compareTo(maxBackoff) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
  }
}
