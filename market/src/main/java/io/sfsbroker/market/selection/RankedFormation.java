package io.sfsbroker.market.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Forms the slice from a ranking instead of the whole table: the rows' digests and search
 * statistics ({@link TableRow#summary()}, computed when each offer arrived) and, per category, the
 * priced cells at that category's lowest unit price. The result is equal to {@link
 * SelectionStrategy#select} over the same offers — winners, prices, reason, iterations and table
 * digest — except that it holds no table.
 */
public final class RankedFormation {

  private RankedFormation() {}

  /**
   * Forms the slice.
   *
   * @param strategy the strategy's name ({@link SelectionStrategy#name()})
   * @param blueprint the blueprint
   * @param rows every row of the table, in any order
   * @param lowest per blueprint category (blueprint order), the priced cells at its lowest unit
   *     price, in any order; empty when no cell of it is priced
   * @param withoutEquilibrium per blueprint category, whether some cell of it is {@link
   *     CellState#NO_EQUILIBRIUM} (read only for the categories nobody can serve)
   * @return the result, with {@code table} {@code null}
   * @throws IllegalArgumentException if two rows have one RP, the lists do not match the
   *     blueprint's categories, or a ranked cell belongs to no row
   */
  public static SelectionResult form(
      String strategy,
      SliceBlueprint blueprint,
      List<RowSummary> rows,
      List<List<RankedCell>> lowest,
      List<Boolean> withoutEquilibrium) {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(blueprint, "blueprint");
    List<RowSummary> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(RowSummary::rpId));
    List<String> rpIds = new ArrayList<>(sorted.size());
    List<byte[]> digests = new ArrayList<>(sorted.size());
    int iterations = 0;
    boolean converged = true;
    for (RowSummary row : sorted) {
      rpIds.add(row.rpId());
      digests.add(HexFormat.of().parseHex(row.digest()));
      iterations = Math.max(iterations, row.iterations());
      converged &= row.converged();
    }
    String digest = EquilibriumTable.digestOfRows(strategy, blueprint, rpIds, digests);
    for (List<RankedCell> cells : lowest) {
      for (RankedCell cell : cells) {
        if (Collections.binarySearch(rpIds, cell.rpId()) < 0) {
          throw new IllegalArgumentException("ranked cell of RP " + cell.rpId() + " has no row");
        }
      }
    }
    return SliceFormation.decide(
        strategy,
        blueprint,
        sorted.size(),
        lowest,
        withoutEquilibrium,
        iterations,
        converged,
        null,
        digest);
  }
}
