package io.sfsbroker.protocol.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One thing on the ledger that waits for time: after {@code due}, anyone may submit {@code
 * contract:function(arguments…)} and the ledger settles it. The chaincode writes it when the thing
 * starts waiting and deletes it in the transaction that ends the wait, so a deadline is listed
 * exactly as long as something is due or will be.
 *
 * @param subject what waits, unique on the ledger, such as {@code slice:s-…} or {@code
 *     allocation:<auction>:<group>:<planet>}
 * @param contract the contract of the transaction that settles it, such as {@code slice}
 * @param function the transaction, such as {@code expire}
 * @param arguments the transaction's arguments
 * @param due the earliest transaction time at which the transaction succeeds (it must be after this
 *     instant)
 * @param since the transaction time at which the wait began, so {@code due - since} is the length
 *     of the wait (a window's length); {@code due} when unknown (an entry older than this field)
 */
public record Deadline(
    String subject,
    String contract,
    String function,
    List<String> arguments,
    Instant due,
    Instant since) {

  /** Checks the fields and copies the arguments. */
  public Deadline {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(due, "due");
    since = since == null ? due : since;
    arguments = List.copyOf(arguments);
  }

  /** The length of the wait. */
  public Duration length() {
    return Duration.between(since, due);
  }

  /** {@code contract:function}, as log lines write it. */
  public String transaction() {
    return contract + ":" + function;
  }
}
