package io.sfsbroker.market.selection;

import java.util.Objects;

/**
 * What a selection formed from a ranking needs of each table row: its RP, its row digest and its
 * search statistics.
 *
 * @param rpId the RP
 * @param digest the row digest ({@link EquilibriumTable#rowDigest}), 64 lower-case hex digits
 * @param iterations the most search rounds any cell of the row needed
 * @param converged whether every cell of the row converged
 */
public record RowSummary(String rpId, String digest, int iterations, boolean converged) {

  /** Checks for nulls and the digest's form. */
  public RowSummary {
    Objects.requireNonNull(rpId, "rpId");
    Objects.requireNonNull(digest, "digest");
    if (!digest.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("row digest of RP " + rpId + " is not 64 hex digits");
    }
  }
}
