package io.sfsbroker.chaincode.selection;

import io.sfsbroker.market.qoe.QoeExclusion;
import io.sfsbroker.market.selection.Allocation;
import io.sfsbroker.market.selection.SelectionStatus;
import io.sfsbroker.protocol.selection.SelectionRule;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the selection of a blueprint decided, stored under {@code selection~<blueprintId>}: the
 * winners, their prices and the digest of the equilibrium table, not the table itself (which {@code
 * selection:getEquilibriumTable} recomputes from the stored offers).
 *
 * @param blueprintId the blueprint (and slice)
 * @param strategy the rule that decided
 * @param status whether a slice was formed
 * @param reason why, in words
 * @param winners one allocation per category, in blueprint order; empty unless {@code SELECTED}
 * @param unservedCategories the categories no offer could serve
 * @param totalPrice the sum of the winners' prices, in minor units
 * @param federated whether more than one RP won
 * @param offerCount how many offers (rows of the table) took part
 * @param excludedRpIds the RPs whose stored offers were left out because the RP was revoked by the
 *     time of the selection, in id order (the table is recomputed without them)
 * @param qoeExcluded the offered categories that could not meet the blueprint's QoE needs, with the
 *     reason, by RP id and category; no strategy saw them (nor does the table)
 * @param iterations the most search rounds any leader needed: Newton rounds ({@code STACKELBERG}),
 *     learning rounds ({@code PROPORTIONAL_SHARE}), 0 ({@code LOWEST_OFFER})
 * @param converged whether every leader met the tolerance
 * @param tableDigest the SHA-256 of the table's canonical bytes ({@code docs/selection.md})
 * @param tableVersion the digest's format: 4 (row digests); a record stored before v4 has none and
 *     reads as 3 (every cell in one sequence)
 * @param selectedAt the transaction time of the selection
 * @param txId the transaction that ran it
 */
public record SelectionRecord(
    String blueprintId,
    SelectionRule strategy,
    SelectionStatus status,
    String reason,
    List<Allocation> winners,
    List<String> unservedCategories,
    long totalPrice,
    boolean federated,
    int offerCount,
    List<String> excludedRpIds,
    List<QoeExclusion> qoeExcluded,
    int iterations,
    boolean converged,
    String tableDigest,
    Integer tableVersion,
    Instant selectedAt,
    String txId) {

  /** Checks for nulls and copies the lists. */
  public SelectionRecord {
    Objects.requireNonNull(blueprintId, "blueprintId");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    winners = List.copyOf(winners);
    unservedCategories = List.copyOf(unservedCategories);
    // A record stored before revoked RPs were excluded has none.
    excludedRpIds = excludedRpIds == null ? List.of() : List.copyOf(excludedRpIds);
    // A record stored before the QoE screen has none.
    qoeExcluded = qoeExcluded == null ? List.of() : List.copyOf(qoeExcluded);
    Objects.requireNonNull(tableDigest, "tableDigest");
    tableVersion = tableVersion == null ? 3 : tableVersion;
    Objects.requireNonNull(selectedAt, "selectedAt");
    Objects.requireNonNull(txId, "txId");
  }
}
