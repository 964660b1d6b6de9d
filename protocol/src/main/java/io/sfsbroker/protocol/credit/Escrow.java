package io.sfsbroker.protocol.credit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Credits held for a purchase, stored under {@code escrow~<id>}; the id is that of the slice or
 * application it pays for.
 *
 * @param id the slice or application id
 * @param payer the account whose credits are held
 * @param amount what is held, the sum of the payees' amounts
 * @param payees who is paid what on release, in account order
 * @param state where it stands
 * @param lockedAt the transaction time of the lock
 * @param settledAt the transaction time of the release or refund; {@code null} while locked
 * @param settledTx the transaction that released or refunded it; {@code null} while locked
 * @param reason why it was released or refunded; {@code null} while locked
 * @param deadline the time after which a locked escrow may be settled by anyone, by the rule of the
 *     contract that locked it (an auction allocation's escrow is refunded); {@code null} when the
 *     escrow waits without a limit of its own (slices and applications, whose contracts keep their
 *     own timeouts)
 */
public record Escrow(
    String id,
    String payer,
    long amount,
    List<Payee> payees,
    EscrowState state,
    Instant lockedAt,
    Instant settledAt,
    String settledTx,
    String reason,
    Instant deadline) {

  /** Checks the record and that the payees' amounts add up to the amount. */
  public Escrow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(payer, "payer");
    payees = List.copyOf(payees);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lockedAt, "lockedAt");
    long sum = 0;
    for (Payee payee : payees) {
      sum = Math.addExact(sum, payee.amount());
    }
    if (sum != amount) {
      throw new IllegalArgumentException(
          "the payees' amounts add up to " + sum + ", not " + amount);
    }
    if (deadline != null && deadline.isBefore(lockedAt)) {
      throw new IllegalArgumentException("the deadline " + deadline + " is before the lock");
    }
    if ((state == EscrowState.LOCKED) != (settledAt == null)) {
      throw new IllegalArgumentException("settledAt is set exactly when the escrow is settled");
    }
  }

  /**
   * Returns whether the escrow's deadline has passed at {@code now}.
   *
   * @param now the transaction time
   * @return {@code true} when it has a deadline and {@code now} is after it
   */
  public boolean isPastDeadline(final Instant now) {
    return deadline != null && now.isAfter(deadline);
  }

  /** This escrow settled as {@code next} for {@code why}. */
  public Escrow settled(
      final EscrowState next, final Instant at, final String txId, final String why) {
    return new Escrow(id, payer, amount, payees, next, lockedAt, at, txId, why, deadline);
  }
}
