package io.sfsbroker.protocol.selection;

import java.time.Instant;
import java.util.List;

/**
 * The payload of the {@code SliceAwarded} event: the winners per category, for the bridge to tell
 * each winning RP what to instantiate.
 *
 * @param sliceId the slice (and blueprint)
 * @param tenantId the fog node that requested it
 * @param strategy the rule that decided
 * @param winners one allocation per category: category, RP, unit price, amount, price
 * @param totalPrice the sum of the winners' prices
 * @param federated whether more than one RP won
 * @param tableDigest the digest of the equilibrium table
 * @param instantiationDeadline the time by which every winner must confirm
 */
public record SliceAwarded(
    String sliceId,
    String tenantId,
    String strategy,
    List<Winner> winners,
    long totalPrice,
    boolean federated,
    String tableDigest,
    Instant instantiationDeadline) {

  /** Copies the list. */
  public SliceAwarded {
    winners = List.copyOf(winners);
  }

  /** The categories {@code rpId} won, in blueprint order. */
  public List<Winner> wonBy(final String rpId) {
    return winners.stream().filter(w -> w.rpId().equals(rpId)).toList();
  }
}
