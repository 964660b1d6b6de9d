package io.sfsbroker.market.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A slice formed from rows played one offer at a time and a per-category ranking of their priced
 * cells is the slice {@link SelectionStrategy#select} forms over all offers at once, digest
 * included.
 */
class RankedFormationTest {

  private static final List<SelectionStrategy> STRATEGIES =
      List.of(
          new StackelbergSelection(), new ProportionalShareSelection(), new LowestOfferSelection());

  /**
   * A market with few distinct prices, so that ties (and exclusive winners) are common, some RPs
   * offering only part of the blueprint and some too little.
   */
  private static List<RpOffer> offers(Random random, SliceBlueprint blueprint, int rps) {
    List<RpOffer> offers = new ArrayList<>();
    for (int j = 0; j < rps; j++) {
      List<CategoryOffer> categories = new ArrayList<>();
      for (CategoryRequest request : blueprint.categories()) {
        if (random.nextInt(5) == 0) {
          continue;
        }
        long reserve = 10 + random.nextInt(3);
        categories.add(
            new CategoryOffer(
                request.category(),
                reserve + random.nextInt(3),
                request.amount() - 1 + random.nextInt((int) request.amount() * 3),
                reserve));
      }
      if (!categories.isEmpty()) {
        offers.add(
            new RpOffer(String.format("rp-%03d", random.nextInt(1000)) + "-" + j, categories));
      }
    }
    return offers;
  }

  private static SliceBlueprint blueprint(Random random, int categories) {
    List<CategoryRequest> requests = new ArrayList<>();
    for (int i = 0; i < categories; i++) {
      long amount = 1 + random.nextInt(20);
      long maxPrice = 11 + random.nextInt(3);
      requests.add(
          random.nextBoolean()
              ? new CategoryRequest("cat-" + i, amount, maxPrice)
              : new CategoryRequest(
                  "cat-" + i, amount, 3 * amount, maxPrice, 2 * amount * maxPrice));
    }
    return new SliceBlueprint("bp-ranked", requests);
  }

  /** What a ledger would rank: per category the priced cells at its lowest price. */
  private static SelectionResult formFromRows(
      SelectionStrategy strategy, SliceBlueprint blueprint, List<RpOffer> offers) {
    int columns = blueprint.categories().size();
    List<RowSummary> rows = new ArrayList<>();
    List<List<RankedCell>> lowest = new ArrayList<>();
    List<Boolean> withoutEquilibrium = new ArrayList<>();
    for (int column = 0; column < columns; column++) {
      lowest.add(new ArrayList<>());
      withoutEquilibrium.add(false);
    }
    for (RpOffer offer : offers) {
      TableRow row = TableRow.of(strategy, blueprint, offer);
      rows.add(row.summary());
      for (int column = 0; column < columns; column++) {
        EquilibriumCell cell = row.cells().get(column);
        List<RankedCell> best = lowest.get(column);
        if (cell.state() == CellState.NO_EQUILIBRIUM) {
          withoutEquilibrium.set(column, true);
        }
        if (cell.state() != CellState.PRICED) {
          continue;
        }
        if (!best.isEmpty() && best.get(0).unitPrice() > cell.unitPrice()) {
          best.clear();
        }
        if (best.isEmpty() || best.get(0).unitPrice() == cell.unitPrice()) {
          best.add(new RankedCell(row.rpId(), cell.unitPrice(), cell.demand()));
        }
      }
    }
    return RankedFormation.form(strategy.name(), blueprint, rows, lowest, withoutEquilibrium);
  }

  @Test
  void form_randomMarkets_decidesExactlyWhatTheFullSelectionDecides() {
    Random random = new Random(20261206);
    int selected = 0;
    int exclusive = 0;
    int failed = 0;
    for (int trial = 0; trial < 300; trial++) {
      SliceBlueprint blueprint = blueprint(random, 1 + random.nextInt(6));
      List<RpOffer> offers = offers(random, blueprint, random.nextInt(12));
      for (SelectionStrategy strategy : STRATEGIES) {
        SelectionResult full = strategy.select(blueprint, offers);
        SelectionResult ranked = formFromRows(strategy, blueprint, offers);

        assertThat(ranked.table()).isNull();
        assertThat(ranked).usingRecursiveComparison().ignoringFields("table").isEqualTo(full);
        if (full.isSelected()) {
          selected++;
          exclusive += full.federated() ? 0 : 1;
        } else {
          failed++;
        }
      }
    }
    // The markets exercise every outcome, so the comparison above covers each path.
    assertThat(selected).isGreaterThan(100);
    assertThat(exclusive).isGreaterThan(20);
    assertThat(failed).isGreaterThan(20);
  }

  @Test
  void tableRow_isTheRowOfTheFullTable() {
    Random random = new Random(7);
    SliceBlueprint blueprint = blueprint(random, 5);
    List<RpOffer> offers = offers(random, blueprint, 9);
    for (SelectionStrategy strategy : STRATEGIES) {
      EquilibriumTable table = strategy.select(blueprint, offers).table();
      for (RpOffer offer : offers) {
        TableRow row = TableRow.of(strategy, blueprint, offer);
        int index = table.rpIds().indexOf(offer.rpId());
        for (int column = 0; column < table.categoryCount(); column++) {
          assertThat(row.cells().get(column)).isEqualTo(table.cell(index, column));
        }
        assertThat(row.digest())
            .isEqualTo(java.util.HexFormat.of().formatHex(table.rowDigest(index)));
      }
    }
  }

  @Test
  void form_noRows_isNoOffers() {
    SliceBlueprint blueprint =
        new SliceBlueprint("bp-empty", List.of(new CategoryRequest("cpu", 1, 10)));

    SelectionResult result =
        RankedFormation.form(
            StackelbergSelection.NAME, blueprint, List.of(), List.of(List.of()), List.of(false));

    assertThat(result)
        .usingRecursiveComparison()
        .ignoringFields("table")
        .isEqualTo(new StackelbergSelection().select(blueprint, List.of()));
  }

  @Test
  void form_rankedCellWithoutARow_isRejected() {
    SliceBlueprint blueprint =
        new SliceBlueprint("bp-1", List.of(new CategoryRequest("cpu", 1, 10)));

    assertThatThrownBy(
            () ->
                RankedFormation.form(
                    StackelbergSelection.NAME,
                    blueprint,
                    List.of(),
                    List.of(List.of(new RankedCell("rp-1", 5, 1))),
                    List.of(false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rp-1");
  }
}
