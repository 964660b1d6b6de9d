package io.sfsbroker.rp;

import java.util.List;
import java.util.Objects;

/**
 * The body of an {@code instantiation-confirmation} envelope (docs/contracts.md, {@code slice}):
 * the RP's part of the slice runs, and this is where.
 *
 * @param sliceId the slice
 * @param parts one entry per category the RP won, no more, no fewer
 */
public record InstantiationConfirmation(String sliceId, List<PartEndpoint> parts) {

  /** Checks for nulls and copies the parts. */
  public InstantiationConfirmation {
    Objects.requireNonNull(sliceId, "sliceId");
    parts = List.copyOf(parts);
  }
}
