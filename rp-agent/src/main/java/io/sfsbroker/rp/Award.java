package io.sfsbroker.rp;

import io.sfsbroker.market.selection.Allocation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an RP reads of a {@code SliceAwarded} notice (docs/contracts.md, {@code selection}).
 *
 * @param sliceId the slice (and blueprint)
 * @param tenantId the fog node that asked for it
 * @param winners one allocation per category: category, RP, unit price, amount, price
 * @param instantiationDeadline every winner must confirm by then; {@code null} when not given
 */
public record Award(
    String sliceId, String tenantId, List<Allocation> winners, Instant instantiationDeadline) {

  /** Checks for nulls and copies the winners. */
  public Award {
    Objects.requireNonNull(sliceId, "sliceId");
    Objects.requireNonNull(winners, "winners");
    winners = List.copyOf(winners);
  }

  /** The categories {@code rpId} won, in the award's order. */
  public List<Allocation> wonBy(final String rpId) {
    return winners.stream().filter(a -> a.rpId().equals(rpId)).toList();
  }
}
