package io.sfsbroker.protocol.offer;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The body of an {@code offer} envelope.
 *
 * @param blueprintId the blueprint the offer is for
 * @param categories the categories the RP can serve, 1 to {@value #MAX_CATEGORIES}, names unique
 */
public record OfferBody(String blueprintId, List<OfferedCategory> categories) {

  /** The largest unit price, in minor units. */
  public static final long MAX_PRICE = 1_000_000_000_000L;

  /** The largest available amount. */
  public static final long MAX_AVAILABLE = 1_000_000_000_000L;

  /** The largest QoE term (latency in µs, bandwidth in Mbit/s). */
  public static final long MAX_QOE = 1_000_000_000_000L;

  /** The most categories one offer may name. */
  public static final int MAX_CATEGORIES = 512;

  /** Checks that the offer is complete, and copies the list. */
  public OfferBody {
    if (blueprintId == null || blueprintId.isBlank()) {
      throw new IllegalArgumentException("blueprintId is missing");
    }
    Objects.requireNonNull(categories, "categories is missing");
    categories = List.copyOf(categories);
    if (categories.isEmpty() || categories.size() > MAX_CATEGORIES) {
      throw new IllegalArgumentException(
          "an offer names 1 to " + MAX_CATEGORIES + " categories, found " + categories.size());
    }
    Set<String> seen = new HashSet<>();
    for (OfferedCategory category : categories) {
      if (!seen.add(category.category())) {
        throw new IllegalArgumentException("category " + category.category() + " is named twice");
      }
    }
  }
}
