package io.sfsbroker.chaincode.offer;

import io.sfsbroker.market.qoe.QoeExclusion;
import io.sfsbroker.market.selection.RowSummary;
import java.util.List;
import java.util.Objects;

/**
 * What an offer contributes to its blueprint's selection, computed when the offer was stored and
 * kept under {@code offer-row~<blueprintId>~<rpId>} ({@link OfferRanking}): its table row's digest
 * and search statistics, and the categories the QoE screen took out of it.
 *
 * @param rpId the RP that offered
 * @param rowDigest the digest of its table row; {@code null} when the QoE screen left none of its
 *     categories, so that it has no row
 * @param iterations the most search rounds a cell of its row needed
 * @param converged whether every cell of its row converged
 * @param qoeExcluded its categories that cannot meet the blueprint's QoE needs, by category
 */
public record RankedOffer(
    String rpId,
    String rowDigest,
    int iterations,
    boolean converged,
    List<QoeExclusion> qoeExcluded) {

  /** Checks for nulls and copies the list. */
  public RankedOffer {
    Objects.requireNonNull(rpId, "rpId");
    qoeExcluded = qoeExcluded == null ? List.of() : List.copyOf(qoeExcluded);
  }

  /** Whether the offer has a row in the table (the QoE screen left it a category). */
  public boolean inTable() {
    return rowDigest != null;
  }

  /** The row as the selection takes it. */
  public RowSummary summary() {
    return new RowSummary(rpId, rowDigest, iterations, converged);
  }
}
