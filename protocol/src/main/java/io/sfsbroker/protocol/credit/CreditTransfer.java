package io.sfsbroker.protocol.credit;

/**
 * The argument of {@code credit:mint} and {@code credit:transfer}, and the payload of their events.
 *
 * @param from the account debited; {@code null} for a mint (and in the argument)
 * @param to the account credited
 * @param amount how much, in minor units, positive
 */
public record CreditTransfer(String from, String to, long amount) {

  /** Checks that the amount is positive. */
  public CreditTransfer {
    if (amount <= 0) {
      throw new IllegalArgumentException("amount must be positive, was " + amount);
    }
  }
}
