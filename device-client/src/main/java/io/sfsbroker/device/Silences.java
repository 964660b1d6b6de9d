package io.sfsbroker.device;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which messages went without any answer since a copy of them was sent. Each copy the broker takes
 * gets a ticket ({@link #sent}); any receipt of the message ({@link #heard}) and any later copy
 * make older tickets stale. A ticket still current when the device's silence is over ({@link
 * #silentSince}) means that no bridge answered that copy: the one that took it died, so the device
 * sends the message again (same nonce: the ledger applies it at most once). Thread-safe.
 */
final class Silences {

  private final Map<String, Long> latest = new ConcurrentHashMap<>();

  /** A copy of the message {@code nonce} went out; returns its ticket. */
  long sent(final String nonce) {
    return latest.merge(Objects.requireNonNull(nonce, "nonce"), 1L, Long::sum);
  }

  /** A receipt of the message {@code nonce} came (a verdict, or {@code UNAVAILABLE}). */
  void heard(final String nonce) {
    latest.merge(Objects.requireNonNull(nonce, "nonce"), 1L, Long::sum);
  }

  /** Whether nothing was heard of {@code nonce}, and no other copy sent, since {@code ticket}. */
  boolean silentSince(final String nonce, final long ticket) {
    Long current = latest.get(Objects.requireNonNull(nonce, "nonce"));
    return current != null && current == ticket;
  }

  /** The message has its verdict: nothing more to watch. */
  void forget(final String nonce) {
    latest.remove(Objects.requireNonNull(nonce, "nonce"));
  }
}
