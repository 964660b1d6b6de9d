package io.sfsbroker.protocol.credit;

import java.util.Objects;

/**
 * Who is paid what when an escrow is released.
 *
 * @param account the payee
 * @param amount what it receives, in minor units
 */
public record Payee(String account, long amount) {

  /** Checks the payee and that the amount is not negative. */
  public Payee {
    Objects.requireNonNull(account, "account");
    if (amount < 0) {
      throw new IllegalArgumentException("a payee's amount must not be negative");
    }
  }
}
