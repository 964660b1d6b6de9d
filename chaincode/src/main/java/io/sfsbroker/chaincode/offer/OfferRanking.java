package io.sfsbroker.chaincode.offer;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.request.Requests;
import io.sfsbroker.market.qoe.QoeRequirement;
import io.sfsbroker.market.qoe.QoeScreen;
import io.sfsbroker.market.qoe.QoeScreening;
import io.sfsbroker.market.selection.CellState;
import io.sfsbroker.market.selection.EquilibriumCell;
import io.sfsbroker.market.selection.RankedCell;
import io.sfsbroker.market.selection.TableRow;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.request.Blueprint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * The per-blueprint ranking of offers that lets the selection read a few keys per category instead
 * of every offer (docs/selection.md, <i>Selection on the ledger</i>). Each RP's row of the
 * equilibrium table depends only on its offer and the blueprint, so {@code offer:submitOffer} plays
 * it when the offer arrives and stores, under keys of that RP alone (no key two offers write):
 *
 * <ul>
 *   <li>{@code offer-row~<blueprintId>~<rpId>}: the {@link RankedOffer} (row digest, search
 *       statistics, QoE exclusions);
 *   <li>{@code offer-rank~<blueprintId>~<column>~<unitPrice>~<rpId>} per priced cell, holding the
 *       demand: the unit price as 16 hex digits, so that a range over one column lists its cells
 *       cheapest first;
 *   <li>{@code offer-noeq~<blueprintId>~<column>~<rpId>} per cell without an equilibrium.
 * </ul>
 *
 * <p>{@code offer-ranking~<blueprintId>}, written with the blueprint, says that every offer of the
 * blueprint is ranked; a blueprint stored before the ranking existed has none, and its selection
 * reads the offers themselves.
 */
public final class OfferRanking {

  /** The object type of the marker of a ranked blueprint. */
  public static final String MARKER_TYPE = "offer-ranking";

  /** The object type of the rows. */
  public static final String ROW_TYPE = "offer-row";

  /** The object type of the priced cells, cheapest first per column. */
  public static final String RANK_TYPE = "offer-rank";

  /** The object type of the cells without an equilibrium. */
  public static final String NO_EQUILIBRIUM_TYPE = "offer-noeq";

  private OfferRanking() {}

  /** Marks blueprint {@code blueprintId} as ranked; written with the blueprint. */
  public static void open(final Ledger ledger, final String blueprintId) {
    ledger.putMarker(ledger.key(MARKER_TYPE, blueprintId));
  }

  /** Whether the offers of {@code blueprintId} are ranked. */
  public static boolean isRanked(final Ledger ledger, final String blueprintId) {
    return ledger.exists(ledger.key(MARKER_TYPE, blueprintId));
  }

  /**
   * Plays {@code offer}'s row and stores its entries, as {@code offer:submitOffer} does with every
   * offer it accepts.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the offer
   *     cannot be priced against the blueprint
   */
  public static void index(final Ledger ledger, final Blueprint blueprint, final Offer offer) {
    RankedOffer ranked;
    try {
      ranked = play(ledger, blueprint, offer, true);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "the offer of " + offer.rpId() + " cannot be priced: " + e.getMessage(), e);
    }
    ledger.put(ledger.key(ROW_TYPE, blueprint.id(), offer.rpId()), ranked);
  }

  /** Deletes the cell entries of {@code offer}, an RP's earlier offer that a new one replaces. */
  static void unindex(final Ledger ledger, final Blueprint blueprint, final Offer offer) {
    play(ledger, blueprint, offer, false);
  }

  /** Every ranked offer of {@code blueprintId}, in RP-id order. */
  public static List<RankedOffer> rows(final Ledger ledger, final String blueprintId) {
    return ledger.all(
        ROW_TYPE, List.of(blueprintId), entry -> ledger.decode(entry, RankedOffer.class));
  }

  /**
   * The priced cells of {@code column} at its lowest unit price among RPs not in {@code left out},
   * in RP-id order; empty when none is priced. Reads the column's ranking from the cheapest entry
   * up to the first dearer one.
   */
  public static List<RankedCell> lowest(
      final Ledger ledger, final String blueprintId, final int column, final Set<String> leftOut) {
    List<RankedCell> cells = new ArrayList<>();
    try (QueryResultsIterator<KeyValue> entries =
        ledger
            .stub()
            .getStateByPartialCompositeKey(RANK_TYPE, blueprintId, Integer.toString(column))) {
      for (KeyValue entry : entries) {
        List<String> attributes = ledger.split(entry.getKey()).getAttributes();
        String rpId = attributes.get(3);
        if (leftOut.contains(rpId)) {
          continue;
        }
        long price = Long.parseLong(attributes.get(2), 16);
        if (!cells.isEmpty() && price != cells.get(0).unitPrice()) {
          break;
        }
        long demand = Long.parseLong(new String(entry.getValue(), StandardCharsets.UTF_8));
        cells.add(new RankedCell(rpId, price, demand));
      }
    }
    return cells;
  }

  /** Whether some RP not in {@code leftOut} has a cell without an equilibrium in {@code column}. */
  public static boolean withoutEquilibrium(
      final Ledger ledger, final String blueprintId, final int column, final Set<String> leftOut) {
    List<String> rpIds =
        ledger.all(
            NO_EQUILIBRIUM_TYPE,
            List.of(blueprintId, Integer.toString(column)),
            entry -> ledger.split(entry.getKey()).getAttributes().get(2));
    return rpIds.stream().anyMatch(rpId -> !leftOut.contains(rpId));
  }

  /** Plays the row of {@code offer} and writes ({@code store}) or deletes its cell entries. */
  private static RankedOffer play(
      final Ledger ledger, final Blueprint blueprint, final Offer offer, final boolean store) {
    QoeScreening screening =
        QoeScreen.screen(QoeRequirement.of(blueprint.qoe()), List.of(offer.toSelectionInput()));
    if (screening.feasible().isEmpty()) {
      return new RankedOffer(offer.rpId(), null, 0, true, screening.excluded());
    }
    TableRow row =
        TableRow.of(
            Requests.strategy(blueprint.strategy()),
            Requests.selectionInput(blueprint),
            screening.feasible().get(0));
    for (int column = 0; column < row.cells().size(); column++) {
      EquilibriumCell cell = row.cells().get(column);
      String key;
      if (cell.state() == CellState.PRICED) {
        key = rankKey(ledger, blueprint.id(), column, cell.unitPrice(), offer.rpId());
      } else if (cell.state() == CellState.NO_EQUILIBRIUM) {
        key =
            ledger.key(NO_EQUILIBRIUM_TYPE, blueprint.id(), Integer.toString(column), offer.rpId());
      } else {
        continue;
      }
      if (!store) {
        ledger.delete(key);
      } else if (cell.state() == CellState.PRICED) {
        ledger.stub().putState(key, Json.toJson(cell.demand()).getBytes(StandardCharsets.UTF_8));
      } else {
        ledger.putMarker(key);
      }
    }
    return new RankedOffer(
        offer.rpId(), row.digest(), row.iterations(), row.converged(), screening.excluded());
  }

  private static String rankKey(
      final Ledger ledger,
      final String blueprintId,
      final int column,
      final long unitPrice,
      final String rpId) {
    return ledger.key(
        RANK_TYPE,
        blueprintId,
        Integer.toString(column),
        String.format(Locale.ROOT, "%016x", unitPrice),
        rpId);
  }
}
