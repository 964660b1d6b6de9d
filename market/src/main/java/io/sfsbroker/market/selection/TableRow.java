package io.sfsbroker.market.selection;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One offer's row of the equilibrium table, computed on its own: a row depends only on its offer
 * and the blueprint (every strategy plays each RP's game against the tenant alone), so it can be
 * computed when the offer arrives and ranked then, and the selection need not see the offers again
 * ({@link RankedFormation}).
 *
 * @param rpId the RP
 * @param cells one cell per blueprint category, in blueprint order
 * @param digest the row digest ({@link EquilibriumTable#rowDigest}), 64 lower-case hex digits
 * @param iterations the most search rounds any cell of the row needed
 * @param converged whether every cell's search met its tolerance
 */
public record TableRow(
    String rpId, List<EquilibriumCell> cells, String digest, int iterations, boolean converged) {

  /** Checks for nulls and copies the cells. */
  public TableRow {
    Objects.requireNonNull(rpId, "rpId");
    cells = List.copyOf(cells);
    Objects.requireNonNull(digest, "digest");
  }

  /**
   * Plays {@code offer}'s row of {@code strategy}'s table for {@code blueprint}: exactly the row
   * that {@code strategy.select(blueprint, offers)} fills for it among any other offers.
   */
  public static TableRow of(SelectionStrategy strategy, SliceBlueprint blueprint, RpOffer offer) {
    Objects.requireNonNull(strategy, "strategy");
    SelectionResult alone = strategy.select(blueprint, List.of(offer));
    EquilibriumTable table = alone.table();
    List<EquilibriumCell> cells = new ArrayList<>(table.categoryCount());
    for (int column = 0; column < table.categoryCount(); column++) {
      cells.add(table.cell(0, column));
    }
    return new TableRow(
        offer.rpId(),
        cells,
        HexFormat.of().formatHex(table.rowDigest(0)),
        alone.iterations(),
        alone.converged());
  }

  /** The row as the ranking takes part in a selection. */
  public RowSummary summary() {
    return new RowSummary(rpId, digest, iterations, converged);
  }
}
