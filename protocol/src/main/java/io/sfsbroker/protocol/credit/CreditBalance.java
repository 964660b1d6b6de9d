package io.sfsbroker.protocol.credit;

import java.util.Objects;

/**
 * An account's credits, stored under {@code credit-balance~<account>}.
 *
 * @param account the holder
 * @param balance what it may spend, in minor units; never negative
 */
public record CreditBalance(String account, long balance) {

  /** Checks the holder and that the balance is not negative. */
  public CreditBalance {
    Objects.requireNonNull(account, "account");
    if (balance < 0) {
      throw new IllegalArgumentException("balance must not be negative");
    }
  }
}
