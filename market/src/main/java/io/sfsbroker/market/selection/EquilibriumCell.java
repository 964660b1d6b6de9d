package io.sfsbroker.market.selection;

import java.util.Objects;

/**
 * One cell of the equilibrium table: RP {@code rpId} facing the tenant in {@code category}. Only a
 * {@link CellState#PRICED} cell carries numbers; the others carry zeros.
 *
 * @param rpId the RP
 * @param category the resource category
 * @param state whether the RP can serve the category
 * @param unitPrice the RP's equilibrium unit price, in minor units
 * @param demand the tenant's equilibrium demand from this RP, in units of the category
 * @param profit the RP's profit {@code (unitPrice − reservePrice) × demand}, in minor units
 */
public record EquilibriumCell(
    String rpId, String category, CellState state, long unitPrice, long demand, long profit) {

  /** Checks for nulls. */
  public EquilibriumCell {
    Objects.requireNonNull(rpId, "rpId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(state, "state");
  }

  /** Whether this cell holds an equilibrium (the RP can serve the category). */
  public boolean isPriced() {
    return state == CellState.PRICED;
  }
}
