package io.sfsbroker.market.selection;

import io.sfsbroker.market.qoe.QoeTerms;
import java.util.Objects;

/**
 * What one RP offers in one resource category.
 *
 * @param category the category's name, as in the blueprint
 * @param unitPrice the RP's ask: the most it will charge per unit, in minor currency units
 * @param available the amount it can provide, in units of the category
 * @param reservePrice its unit cost: it never sells below this; at most {@code unitPrice}
 * @param qoe what it guarantees for this part (latency, bandwidth); {@code null} for nothing. Only
 *     {@link io.sfsbroker.market.qoe.QoeScreen} reads it, before any strategy runs
 */
public record CategoryOffer(
    String category, long unitPrice, long available, long reservePrice, QoeTerms qoe) {

  /** Validates the offer: all values non-negative and the reserve not above the ask. */
  public CategoryOffer {
    Objects.requireNonNull(category, "category");
    if (category.isBlank()) {
      throw new IllegalArgumentException("category name must not be blank");
    }
    if (unitPrice < 0) {
      throw new IllegalArgumentException(
          "category " + category + ": unit price must not be negative, was " + unitPrice);
    }
    if (available < 0) {
      throw new IllegalArgumentException(
          "category " + category + ": available amount must not be negative, was " + available);
    }
    if (reservePrice < 0) {
      throw new IllegalArgumentException(
          "category " + category + ": reserve price must not be negative, was " + reservePrice);
    }
    if (reservePrice > unitPrice) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": reserve price "
              + reservePrice
              + " is above the offered unit price "
              + unitPrice);
    }
  }

  /** An offer that guarantees no QoE terms. */
  public CategoryOffer(
      final String category, final long unitPrice, final long available, final long reservePrice) {
    this(category, unitPrice, available, reservePrice, null);
  }
}
