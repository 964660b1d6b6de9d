package io.sfsbroker.gateway.bridge;

import io.sfsbroker.protocol.mqtt.Receipt;
import java.util.concurrent.CompletableFuture;

/**
 * One device message on its way to the ledger, shared by every copy of it that arrives meanwhile.
 * {@link #owe} and {@link #finish} decide, under one lock, who sends the verdict: a waiter that
 * still waits when it comes, or the flight itself when every waiter gave up and answered {@code
 * UNAVAILABLE}. So the device gets the verdict once, however the two race. Thread-safe.
 */
final class Flight {

  private final CompletableFuture<Receipt> result = new CompletableFuture<>();
  private volatile String transactionId;
  private boolean owed;

  /** Completes with the last receipt (a verdict or {@code UNAVAILABLE}), or null when stopping. */
  CompletableFuture<Receipt> result() {
    return result;
  }

  /** The id of the transaction endorsed for the message, once there is one. */
  String transactionId() {
    return transactionId;
  }

  void endorsed(final String id) {
    transactionId = id;
  }

  /**
   * A waiter gives up and tells its device {@code UNAVAILABLE}; false when the result is there
   * already (then the waiter answers with it instead).
   */
  synchronized boolean owe() {
    if (result.isDone()) {
      return false;
    }
    owed = true;
    return true;
  }

  /**
   * The flight is over with {@code receipt}; true when a waiter gave up before, so that the flight
   * itself must send the verdict.
   */
  synchronized boolean finish(final Receipt receipt) {
    result.complete(receipt);
    return owed;
  }
}
