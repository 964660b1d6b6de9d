package io.sfsbroker.rp;

import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.protocol.mqtt.Receipt;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Waits for the receipts of what the agent sent, on threads of their own, and logs them: the offer
 * side and the slice side act on the final receipt ({@link #watch}). Thread-safe.
 */
final class ReceiptWatcher {

  private static final System.Logger LOG = System.getLogger(ReceiptWatcher.class.getName());
  private static final int SEND_ATTEMPTS = 3;
  private static final Duration RESEND_PAUSE = Duration.ofSeconds(5);

  private final RpConfig config;
  private final DeviceLink link;
  private final ExecutorService executor;

  ReceiptWatcher(final RpConfig config, final DeviceLink link, final ExecutorService executor) {
    this.config = Objects.requireNonNull(config, "config");
    this.link = Objects.requireNonNull(link, "link");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Awaits the receipt of a message on another thread and logs it. {@code UNAVAILABLE} is no
   * verdict: the link sends that same message again (never a new envelope, which could be applied
   * twice), and the agent waits for its verdict a few times more. {@code onFinal} gets the last
   * receipt.
   */
  void watch(
      final String nonce,
      final String what,
      final long began,
      final int attempt,
      final Consumer<Receipt> onFinal) {
    executor.execute(
        () -> {
          try {
            Receipt receipt = link.awaitReceipt(nonce, config.receiptTimeout());
            if (receipt.isCommitted()) {
              LOG.log(
                  Level.INFO,
                  String.format(
                      "%s: %s committed in block %s after %d ms (transaction %s)",
                      config.rpId(),
                      what,
                      receipt.blockNumber(),
                      millisSince(began),
                      receipt.transactionId()));
            } else if (receipt.isUnavailable() && attempt < SEND_ATTEMPTS) {
              // No verdict. The link sends the same message again (same nonce, so the ledger
              // applies it once); a new envelope could be applied a second time if the first
              // commits late.
              LOG.log(
                  Level.WARNING,
                  config.rpId() + ": " + what + ": the network did not take it yet; waiting again");
              Thread.sleep(RESEND_PAUSE.toMillis());
              watch(nonce, what, began, attempt + 1, onFinal);
              return;
            } else {
              LOG.log(
                  Level.WARNING,
                  String.format(
                      "%s: %s refused after %d ms: %s",
                      config.rpId(), what, millisSince(began), receipt.reason()));
            }
            onFinal.accept(receipt);
          } catch (TimeoutException e) {
            LOG.log(Level.WARNING, config.rpId() + ": " + what + ": " + e.getMessage());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, config.rpId() + ": " + what, e);
          }
        });
  }

  /** Milliseconds since {@code nanos} of {@link System#nanoTime}. */
  static long millisSince(final long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
