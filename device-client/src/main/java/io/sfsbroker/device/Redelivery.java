package io.sfsbroker.device;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When and how a device sends again a message the bridge answered {@code UNAVAILABLE} (the network
 * did not take it in time; no verdict), or one that got no receipt at all within {@code silence}
 * (the bridge that took it died; with several bridges the copy goes to another). The decision
 * depends only on the attempt and the clock, so it is tested on its own.
 *
 * <p>Exactly once on the ledger holds because every copy carries the <b>same nonce</b>: while the
 * envelope is well within the ledger's clock skew the same envelope goes again (the bridge
 * resubmits the transaction it already endorsed for it, same transaction id); after that it is
 * signed again with a new issued-at and the same nonce. The ledger records a nonce once, so
 * whichever copy commits first is the only one applied; a later copy is answered {@code REPLAY},
 * naming the commit when the bridge has it on record.
 *
 * @param firstPause the pause before the first re-send; it doubles with each attempt
 * @param maxPause the longest pause
 * @param skew the ledger's allowed clock skew (120 s unless its admins set another)
 * @param margin how long before the skew runs out an envelope is signed again, to leave time for
 *     the bridge to endorse it
 * @param silence how long after the broker took a copy the device waits for any receipt of it
 *     before it sends the message again: longer than the bridge's {@code answerWithinSeconds} (30
 *     s), after which a living bridge always answers, at least {@code UNAVAILABLE}
 */
public record Redelivery(
    Duration firstPause, Duration maxPause, Duration skew, Duration margin, Duration silence) {

  /**
   * 5 s doubling up to 60 s; signed again 45 s before the default 120 s skew runs out; sent again
   * after 45 s without any receipt.
   */
  public static final Redelivery DEFAULT =
      new Redelivery(
          Duration.ofSeconds(5),
          Duration.ofSeconds(60),
          Duration.ofSeconds(120),
          Duration.ofSeconds(45),
          Duration.ofSeconds(45));

  /** Checks the fields. */
  public Redelivery {
    Objects.requireNonNull(firstPause, "firstPause");
    Objects.requireNonNull(maxPause, "maxPause");
    Objects.requireNonNull(skew, "skew");
    Objects.requireNonNull(margin, "margin");
    if (firstPause.isNegative() || maxPause.compareTo(firstPause) < 0) {
      throw new IllegalArgumentException("pauses must satisfy 0 <= first <= max");
    }
    if (margin.isNegative() || margin.compareTo(skew) >= 0) {
      throw new IllegalArgumentException("the margin must be at least 0 and less than the skew");
    }
    Objects.requireNonNull(silence, "silence");
    if (silence.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the silence before sending again must be at least 1 s");
    }
  }

  /** This policy with another {@code silence}. */
  public Redelivery withSilence(final Duration silence) {
    return new Redelivery(firstPause, maxPause, skew, margin, silence);
  }

  /** The pause before re-send number {@code attempt} (from 1). */
  public Duration pause(final int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
    }
    Duration pause = firstPause;
    for (int i = 1; i < attempt && pause.compareTo(maxPause) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(maxPause) > 0 ? maxPause : pause;
  }

  /**
   * Whether an envelope issued at {@code issuedAt} must be signed again (same nonce, new time)
   * before it is sent at {@code now}: when fewer than {@code margin} of its skew are left.
   */
  public boolean mustSignAgain(final Instant issuedAt, final Instant now) {
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(now, "now");
    return !now.isBefore(issuedAt.plus(skew).minus(margin));
  }

  /**
   * Whether an {@code EXPIRED} answer to an envelope issued at {@code issuedAt} means it grew old
   * on its way (sign it again and send it), rather than a device clock that is off (then signing
   * again cannot help, and the answer is final).
   */
  public boolean expiredOnTheWay(final Instant issuedAt, final Instant now) {
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(now, "now");
    return !now.isBefore(issuedAt.plus(margin));
  }
}
