package io.sfsbroker.protocol.slice;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The body of an {@code instantiation-confirmation} envelope: a winning RP reports that its part of
 * a slice runs.
 *
 * @param sliceId the slice
 * @param parts one entry per category the RP won, no more, no fewer
 */
public record InstantiationConfirmationBody(String sliceId, List<PartEndpoint> parts) {

  /** Checks that the body is complete and copies the parts. */
  public InstantiationConfirmationBody {
    if (sliceId == null || sliceId.isBlank()) {
      throw new IllegalArgumentException("sliceId is missing");
    }
    Objects.requireNonNull(parts, "parts are missing");
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("parts must list every category the RP won");
    }
    HashSet<String> seen = new HashSet<>();
    for (PartEndpoint part : parts) {
      if (!seen.add(part.category())) {
        throw new IllegalArgumentException("category " + part.category() + " is listed twice");
      }
    }
  }
}
