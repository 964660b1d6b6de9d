package io.sfsbroker.protocol.offer;

import io.sfsbroker.protocol.catalog.Names;

/**
 * What an RP offers in one category, as its offer envelope carries it.
 *
 * @param category the category, as the blueprint names it
 * @param unitPrice its ask, the most it charges per unit: 1 to {@value OfferBody#MAX_PRICE}
 * @param available the amount it can provide: 1 to {@value OfferBody#MAX_AVAILABLE}
 * @param reservePrice its unit cost, below which it never sells: 0 to {@code unitPrice}
 * @param qoe what it guarantees for this part (latency, bandwidth); left out for nothing
 */
public record OfferedCategory(
    String category, Long unitPrice, Long available, Long reservePrice, OfferedQoe qoe) {

  /** Checks the name and the ranges. */
  public OfferedCategory {
    Names.require("category", category);
    if (unitPrice == null || unitPrice < 1 || unitPrice > OfferBody.MAX_PRICE) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": unitPrice must be 1 to "
              + OfferBody.MAX_PRICE
              + ", was "
              + unitPrice);
    }
    if (available == null || available < 1 || available > OfferBody.MAX_AVAILABLE) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": available must be 1 to "
              + OfferBody.MAX_AVAILABLE
              + ", was "
              + available);
    }
    if (reservePrice == null || reservePrice < 0 || reservePrice > unitPrice) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": reservePrice must be 0 to the unitPrice "
              + unitPrice
              + ", was "
              + reservePrice);
    }
  }

  /** A category offered without QoE terms. */
  public OfferedCategory(
      final String category, final Long unitPrice, final Long available, final Long reservePrice) {
    this(category, unitPrice, available, reservePrice, null);
  }
}
