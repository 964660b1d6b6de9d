package io.sfsbroker.market.selection;

import java.util.List;
import java.util.Objects;

/**
 * What a selection decided and why.
 *
 * <p>The chaincode stores the winners, the total and {@code tableDigest}, and serves the full
 * {@code table} separately: with thousands of RPs and hundreds of categories it is too big for one
 * transaction's write set. Anyone holding the table can check it against the digest with {@link
 * EquilibriumTable#digest()}.
 *
 * @param strategy the strategy's name
 * @param blueprintId the blueprint's id
 * @param status whether a slice was formed
 * @param reason why, in words: the winner(s) or the categories nobody can serve
 * @param winners one allocation per category, in the blueprint's order; empty unless {@code
 *     SELECTED}
 * @param unservedCategories the categories no offer can serve, in the blueprint's order
 * @param totalPrice the sum of the winners' prices, in minor units
 * @param federated whether more than one RP wins
 * @param table the full equilibrium table (the paper's Table 1); {@code null} for a slice formed
 *     from a ranking ({@link RankedFormation}), which never holds the table
 * @param iterations the search rounds used: the most any one leader needed (0 for the lowest offer)
 * @param converged whether every leader's price met the tolerance within the allowed rounds
 * @param tableDigest the SHA-256 of the table's canonical bytes, lower-case hex
 */
public record SelectionResult(
    String strategy,
    String blueprintId,
    SelectionStatus status,
    String reason,
    List<Allocation> winners,
    List<String> unservedCategories,
    long totalPrice,
    boolean federated,
    EquilibriumTable table,
    int iterations,
    boolean converged,
    String tableDigest) {

  /** Checks for nulls and copies the lists. */
  public SelectionResult {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(blueprintId, "blueprintId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    winners = List.copyOf(winners);
    unservedCategories = List.copyOf(unservedCategories);
    Objects.requireNonNull(tableDigest, "tableDigest");
    if (status == SelectionStatus.SELECTED && winners.isEmpty()) {
      throw new IllegalArgumentException("a selected slice needs winners");
    }
  }

  /** Whether a slice was formed. */
  public boolean isSelected() {
    return status == SelectionStatus.SELECTED;
  }
}
