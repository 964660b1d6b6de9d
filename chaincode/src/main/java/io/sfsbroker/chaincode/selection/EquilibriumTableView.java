package io.sfsbroker.chaincode.selection;

import io.sfsbroker.market.selection.CategoryRequest;
import io.sfsbroker.market.selection.EquilibriumCell;
import io.sfsbroker.market.selection.EquilibriumTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The full equilibrium table (the paper's Table 1) as {@code selection:getEquilibriumTable} returns
 * it. Its digest, recomputed from these fields with the canonical byte form of {@code
 * docs/selection.md}, equals the stored {@code tableDigest}.
 *
 * @param blueprintId the blueprint
 * @param strategy the rule that filled it
 * @param tableDigest the stored digest, which the recomputed table matched
 * @param categories the columns: category, amount, maximum unit price, in blueprint order
 * @param rpIds the rows: RP ids, sorted
 * @param cells every cell, row by row ({@code rpIds.size() × categories.size()})
 */
public record EquilibriumTableView(
    String blueprintId,
    String strategy,
    String tableDigest,
    List<CategoryRequest> categories,
    List<String> rpIds,
    List<EquilibriumCell> cells) {

  /** Copies the lists. */
  public EquilibriumTableView {
    categories = List.copyOf(categories);
    rpIds = List.copyOf(rpIds);
    cells = List.copyOf(cells);
  }

  /** Returns the view of {@code table}. */
  static EquilibriumTableView of(final EquilibriumTable table) {
    List<EquilibriumCell> cells = new ArrayList<>(table.rpCount() * table.categoryCount());
    for (int row = 0; row < table.rpCount(); row++) {
      for (int column = 0; column < table.categoryCount(); column++) {
        cells.add(table.cell(row, column));
      }
    }
    return new EquilibriumTableView(
        table.blueprint().id(),
        table.strategy(),
        table.digest(),
        table.blueprint().categories(),
        table.rpIds(),
        cells);
  }
}
