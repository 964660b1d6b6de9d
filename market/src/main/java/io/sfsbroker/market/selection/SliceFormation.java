package io.sfsbroker.market.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Forms the slice, the same way for every strategy and whether the table is at hand or only its
 * ranking ({@link RankedFormation}): per category the lowest unit price wins; a single RP that
 * matches the lowest unit price in every category takes the whole slice; otherwise each category
 * goes to its cheapest RP, ties broken by the lower total price and then the lower RP id.
 */
final class SliceFormation {

  private SliceFormation() {}

  /** Forms the slice from a filled table. */
  static SelectionResult form(EquilibriumTable table, int iterations, boolean converged) {
    int columns = table.categoryCount();
    List<List<RankedCell>> lowest = new ArrayList<>(columns);
    List<Boolean> withoutEquilibrium = new ArrayList<>(columns);
    for (int column = 0; column < columns; column++) {
      long price = Long.MAX_VALUE;
      boolean noEquilibrium = false;
      for (int row = 0; row < table.rpCount(); row++) {
        if (table.isPriced(row, column)) {
          price = Math.min(price, table.unitPrice(row, column));
        } else if (table.cell(row, column).state() == CellState.NO_EQUILIBRIUM) {
          noEquilibrium = true;
        }
      }
      List<RankedCell> candidates = new ArrayList<>();
      for (int row = 0; row < table.rpCount(); row++) {
        if (table.isPriced(row, column) && table.unitPrice(row, column) == price) {
          candidates.add(new RankedCell(table.rpIds().get(row), price, table.demand(row, column)));
        }
      }
      lowest.add(candidates);
      withoutEquilibrium.add(noEquilibrium);
    }
    return decide(
        table.strategy(),
        table.blueprint(),
        table.rpCount(),
        lowest,
        withoutEquilibrium,
        iterations,
        converged,
        table,
        table.digest());
  }

  /**
   * Decides the slice from, per category (blueprint order), the priced cells at that category's
   * lowest unit price in any order (none: nobody can serve it).
   *
   * @param rows how many offers (table rows) took part
   * @param withoutEquilibrium per category, whether some cell of it has no equilibrium
   * @param table the table, or {@code null} when only its ranking is known
   */
  static SelectionResult decide(
      String strategy,
      SliceBlueprint blueprint,
      int rows,
      List<List<RankedCell>> lowest,
      List<Boolean> withoutEquilibrium,
      int iterations,
      boolean converged,
      EquilibriumTable table,
      String digest) {
    List<CategoryRequest> categories = blueprint.categories();
    int columns = categories.size();
    if (lowest.size() != columns || withoutEquilibrium.size() != columns) {
      throw new IllegalArgumentException(
          "the ranking has " + lowest.size() + " categories, the blueprint " + columns);
    }
    if (rows == 0) {
      List<String> all = new ArrayList<>(columns);
      for (CategoryRequest request : categories) {
        all.add(request.category());
      }
      return failure(
          strategy,
          blueprint,
          SelectionStatus.NO_OFFERS,
          "no RP made an offer for blueprint " + blueprint.id(),
          all,
          iterations,
          converged,
          table,
          digest);
    }

    List<String> unserved = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (int column = 0; column < columns; column++) {
      if (lowest.get(column).isEmpty()) {
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
                + (withoutEquilibrium.get(column)
                    ? ", and where an RP could serve it alone the game has no equilibrium"
                    : ""));
      }
    }
    if (!unserved.isEmpty()) {
      return failure(
          strategy,
          blueprint,
          SelectionStatus.NO_FEASIBLE_OFFER,
          String.join("; ", reasons),
          unserved,
          iterations,
          converged,
          table,
          digest);
    }

    List<RankedCell> winners = new ArrayList<>(columns);
    String exclusive = exclusiveWinner(lowest);
    for (int column = 0; column < columns; column++) {
      winners.add(
          exclusive == null ? cheapest(lowest.get(column)) : cellOf(lowest.get(column), exclusive));
    }

    List<Allocation> allocations = new ArrayList<>(columns);
    TreeSet<String> winningRps = new TreeSet<>();
    long total = 0;
    for (int column = 0; column < columns; column++) {
      RankedCell cell = winners.get(column);
      Allocation allocation =
          Allocation.of(
              categories.get(column).category(), cell.rpId(), cell.unitPrice(), cell.demand());
      allocations.add(allocation);
      winningRps.add(cell.rpId());
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
        strategy,
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
        digest);
  }

  /**
   * The RP that matches the lowest unit price in every category, the one with the lower total price
   * (then the lower id) if several do; {@code null} if none does.
   */
  private static String exclusiveWinner(List<List<RankedCell>> lowest) {
    TreeMap<String, long[]> countAndTotal = new TreeMap<>();
    for (List<RankedCell> cells : lowest) {
      for (RankedCell cell : cells) {
        long[] entry = countAndTotal.computeIfAbsent(cell.rpId(), id -> new long[2]);
        entry[0]++;
        entry[1] = Math.addExact(entry[1], cell.spend());
      }
    }
    String best = null;
    long bestTotal = Long.MAX_VALUE;
    for (var entry : countAndTotal.entrySet()) { // in id order: the first keeps a tie
      long[] value = entry.getValue();
      if (value[0] == lowest.size() && value[1] < bestTotal) {
        best = entry.getKey();
        bestTotal = value[1];
      }
    }
    return best;
  }

  /** Among cells at one lowest price: the lower total, then the lower id. */
  private static RankedCell cheapest(List<RankedCell> cells) {
    RankedCell best = null;
    for (RankedCell cell : cells) {
      if (best == null
          || cell.spend() < best.spend()
          || (cell.spend() == best.spend() && cell.rpId().compareTo(best.rpId()) < 0)) {
        best = cell;
      }
    }
    return best;
  }

  private static RankedCell cellOf(List<RankedCell> cells, String rpId) {
    for (RankedCell cell : cells) {
      if (cell.rpId().equals(rpId)) {
        return cell;
      }
    }
    throw new IllegalStateException("the exclusive winner " + rpId + " has no cell");
  }

  private static SelectionResult failure(
      String strategy,
      SliceBlueprint blueprint,
      SelectionStatus status,
      String reason,
      List<String> unserved,
      int iterations,
      boolean converged,
      EquilibriumTable table,
      String digest) {
    return new SelectionResult(
        strategy,
        blueprint.id(),
        status,
        reason,
        List.of(),
        unserved,
        0,
        false,
        table,
        iterations,
        converged,
        digest);
  }
}
