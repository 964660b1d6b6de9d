package io.sfsbroker.market.selection;

import java.util.Objects;

/**
 * A priced cell of the equilibrium table as a ranking holds it: the RP, its equilibrium unit price
 * and the tenant's demand at it.
 *
 * @param rpId the RP (row)
 * @param unitPrice the equilibrium unit price, in minor units
 * @param demand the amount the tenant takes at that price
 */
public record RankedCell(String rpId, long unitPrice, long demand) {

  /** Checks the id and that price and demand are not negative. */
  public RankedCell {
    Objects.requireNonNull(rpId, "rpId");
    if (unitPrice < 0 || demand < 0) {
      throw new IllegalArgumentException(
          "cell of RP " + rpId + ": price " + unitPrice + " and demand " + demand + " must be ≥ 0");
    }
  }

  /** What the tenant pays for the cell: {@code unitPrice × demand}. */
  public long spend() {
    return Math.multiplyExact(unitPrice, demand);
  }
}
