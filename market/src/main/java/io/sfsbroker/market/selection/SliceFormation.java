package io.sfsbroker.market.selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Forms the slice from a filled table, the same way for every strategy: per category the lowest
 * unit price wins; a single RP that matches the lowest unit price in every category takes the whole
 * slice; otherwise each category goes to its cheapest RP, ties broken by the lower total price and
 * then the lower RP id.
 */
final class SliceFormation {

  private SliceFormation() {}

  static SelectionResult form(EquilibriumTable table, int iterations, boolean converged) {
    SliceBlueprint blueprint = table.blueprint();
    List<CategoryRequest> categories = blueprint.categories();
    int columns = categories.size();
    int rows = table.rpCount();
    if (rows == 0) {
      List<String> all = new ArrayList<>(columns);
      for (CategoryRequest request : categories) {
        all.add(request.category());
      }
      return failure(
          table,
          SelectionStatus.NO_OFFERS,
          "no RP made an offer for blueprint " + blueprint.id(),
          all,
          iterations,
          converged);
    }

    long[] lowest = new long[columns];
    Arrays.fill(lowest, Long.MAX_VALUE);
    boolean[] served = new boolean[columns];
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < columns; column++) {
        if (table.isPriced(row, column)) {
          served[column] = true;
          lowest[column] = Math.min(lowest[column], table.unitPrice(row, column));
        }
      }
    }
    List<String> unserved = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (int column = 0; column < columns; column++) {
      if (!served[column]) {
        CategoryRequest request = categories.get(column);
        unserved.add(request.category());
        reasons.add(
            "no offer can serve category "
                + request.category()
                + " (needs "
                + request.amount()
                + " units at no more than "
                + request.maxUnitPrice()
                + " per unit)"
                + (anyWithoutEquilibrium(table, column)
                    ? ", and where an RP could serve it alone the game has no equilibrium"
                    : ""));
      }
    }
    if (!unserved.isEmpty()) {
      return failure(
          table,
          SelectionStatus.NO_FEASIBLE_OFFER,
          String.join("; ", reasons),
          unserved,
          iterations,
          converged);
    }

    int[] winners = new int[columns];
    int exclusive = exclusiveWinner(table, lowest);
    if (exclusive >= 0) {
      Arrays.fill(winners, exclusive);
    } else {
      for (int column = 0; column < columns; column++) {
        winners[column] = cheapestIn(table, column, lowest[column]);
      }
    }

    List<Allocation> allocations = new ArrayList<>(columns);
    TreeSet<String> winningRps = new TreeSet<>();
    long total = 0;
    for (int column = 0; column < columns; column++) {
      int row = winners[column];
      String rpId = table.rpIds().get(row);
      Allocation allocation =
          Allocation.of(
              categories.get(column).category(),
              rpId,
              table.unitPrice(row, column),
              table.demand(row, column));
      allocations.add(allocation);
      winningRps.add(rpId);
      total = Math.addExact(total, allocation.price());
    }
    boolean federated = winningRps.size() > 1;
    String reason =
        federated
            ? "federated slice: "
                + winningRps.size()
                + " RPs, each category at its lowest unit price"
            : "RP " + winningRps.first() + " wins every category at the lowest unit price";
    return new SelectionResult(
        table.strategy(),
        blueprint.id(),
        SelectionStatus.SELECTED,
        reason,
        allocations,
        List.of(),
        total,
        federated,
        table,
        iterations,
        converged,
        table.digest());
  }

  /**
   * The RP that matches the lowest unit price in every category, the one with the lower total price
   * (then the lower id) if several do; -1 if none does.
   */
  private static int exclusiveWinner(EquilibriumTable table, long[] lowest) {
    int best = -1;
    long bestTotal = Long.MAX_VALUE;
    for (int row = 0; row < table.rpCount(); row++) {
      long total = 0;
      boolean everywhere = true;
      for (int column = 0; column < lowest.length && everywhere; column++) {
        if (table.isPriced(row, column) && table.unitPrice(row, column) == lowest[column]) {
          total = Math.addExact(total, spend(table, row, column));
        } else {
          everywhere = false;
        }
      }
      if (everywhere && total < bestTotal) { // rows are sorted by id: the first keeps a tie
        best = row;
        bestTotal = total;
      }
    }
    return best;
  }

  /** Among the RPs at {@code lowest} in {@code column}: the lower total, then the lower id. */
  private static int cheapestIn(EquilibriumTable table, int column, long lowest) {
    int best = -1;
    long bestSpend = Long.MAX_VALUE;
    for (int row = 0; row < table.rpCount(); row++) {
      if (table.isPriced(row, column) && table.unitPrice(row, column) == lowest) {
        long spend = spend(table, row, column);
        if (best < 0 || spend < bestSpend) {
          best = row;
          bestSpend = spend;
        }
      }
    }
    return best;
  }

  private static boolean anyWithoutEquilibrium(EquilibriumTable table, int column) {
    for (int row = 0; row < table.rpCount(); row++) {
      if (table.cell(row, column).state() == CellState.NO_EQUILIBRIUM) {
        return true;
      }
    }
    return false;
  }

  private static long spend(EquilibriumTable table, int row, int column) {
    return Math.multiplyExact(table.unitPrice(row, column), table.demand(row, column));
  }

  private static SelectionResult failure(
      EquilibriumTable table,
      SelectionStatus status,
      String reason,
      List<String> unserved,
      int iterations,
      boolean converged) {
    return new SelectionResult(
        table.strategy(),
        table.blueprint().id(),
        status,
        reason,
        List.of(),
        unserved,
        0,
        false,
        table,
        iterations,
        converged,
        table.digest());
  }
}
