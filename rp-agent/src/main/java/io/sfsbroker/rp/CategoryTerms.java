package io.sfsbroker.rp;

import io.sfsbroker.protocol.offer.OfferedQoe;

/**
 * What a resource provider has and asks in one resource category (docs/rp-agent.md).
 *
 * @param capacity how much of the category it has in all, in the category's units: 1 to {@value
 *     #MAX_VALUE}
 * @param cost its unit cost in minor units, the reserve price of its offers: 0 to {@code price}
 * @param price its list price per unit in minor units, the ask of its offers: 1 to {@value
 *     #MAX_VALUE}
 * @param services how many HTTP services a part of this category exposes, one port each: 1 to
 *     {@value #MAX_SERVICES}
 * @param qoe what it guarantees for a part of this category (latency in µs, bandwidth in Mbit/s),
 *     carried by its offers; {@code null} for nothing
 */
public record CategoryTerms(long capacity, long cost, long price, int services, OfferedQoe qoe) {

  /** The largest capacity or price, as the ledger takes offers. */
  public static final long MAX_VALUE = 1_000_000_000_000L;

  /** The most ports one part of a slice may list on the ledger. */
  public static final int MAX_SERVICES = 16;

  /** Checks the ranges. */
  public CategoryTerms {
    if (capacity < 1 || capacity > MAX_VALUE) {
      throw new IllegalArgumentException(
          "capacity must be 1 to " + MAX_VALUE + ", was " + capacity);
    }
    if (price < 1 || price > MAX_VALUE) {
      throw new IllegalArgumentException("price must be 1 to " + MAX_VALUE + ", was " + price);
    }
    if (cost < 0 || cost > price) {
      throw new IllegalArgumentException(
          "cost must be 0 to the price " + price + " (it is the reserve price), was " + cost);
    }
    if (services < 1 || services > MAX_SERVICES) {
      throw new IllegalArgumentException(
          "services must be 1 to " + MAX_SERVICES + ", was " + services);
    }
  }

  /** Terms that guarantee no QoE. */
  public CategoryTerms(final long capacity, final long cost, final long price, final int services) {
    this(capacity, cost, price, services, null);
  }
}
