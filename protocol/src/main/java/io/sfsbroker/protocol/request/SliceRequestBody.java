package io.sfsbroker.protocol.request;

import io.sfsbroker.protocol.catalog.Names;
import io.sfsbroker.protocol.catalog.QoeNeeds;
import io.sfsbroker.protocol.selection.SelectionRule;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The body of a {@code slice-request} envelope. A request names either a service class (with
 * optional QoE needs and a scale) or explicit categories, never both; it pays with per-category
 * maximum unit prices, a budget, or both.
 *
 * @param serviceClass the service class of the catalog, such as {@code ar-vr}
 * @param scale how many instances of the class, 1 to {@value #MAX_SCALE}; 1 when left out
 * @param categories explicit categories, 1 to {@value #MAX_CATEGORIES}, names unique
 * @param maxUnitPrices for a service class: the most the tenant pays per unit of some categories
 * @param budget the most the tenant pays for the requested amounts, in minor units, 1 to {@value
 *     #MAX_BUDGET}; categories without a maximum unit price share it
 * @param qoe QoE needs, metric → value; for a service class they override the class's defaults;
 *     {@code null} (left out) for none
 * @param offerWindowSeconds the length of the offer window; the broker's default when left out
 * @param strategy the selection rule; the broker's default when left out
 * @param validitySeconds how long the slice is valid once active; the broker's default when left
 *     out
 */
public record SliceRequestBody(
    String serviceClass,
    Integer scale,
    List<RequestedCategory> categories,
    SortedMap<String, Long> maxUnitPrices,
    Long budget,
    SortedMap<String, Long> qoe,
    Long offerWindowSeconds,
    SelectionRule strategy,
    Long validitySeconds) {

  /** The largest scale of a service class. */
  public static final int MAX_SCALE = 1000;

  /** The most explicit categories. */
  public static final int MAX_CATEGORIES = 512;

  /** The largest maximum unit price, in minor units. */
  public static final long MAX_PRICE = 1_000_000_000_000L;

  /** The largest budget, in minor units. */
  public static final long MAX_BUDGET = 1_000_000_000_000_000L;

  /** Checks that the request is complete and every value in range; copies the collections. */
  public SliceRequestBody {
    if ((serviceClass == null) == (categories == null)) {
      throw new IllegalArgumentException(
          "a slice request names either serviceClass or categories, exactly one of them");
    }
    if (serviceClass != null) {
      Names.require("service class", serviceClass);
    }
    if (scale != null && (scale < 1 || scale > MAX_SCALE || serviceClass == null)) {
      throw new IllegalArgumentException(
          "scale must be 1 to " + MAX_SCALE + ", and only with a service class");
    }
    if (categories != null) {
      categories = List.copyOf(categories);
      if (categories.isEmpty() || categories.size() > MAX_CATEGORIES) {
        throw new IllegalArgumentException(
            "categories must name 1 to " + MAX_CATEGORIES + " categories");
      }
      Set<String> seen = new HashSet<>();
      for (RequestedCategory category : categories) {
        if (!seen.add(category.category())) {
          throw new IllegalArgumentException("category " + category.category() + " is named twice");
        }
      }
    }
    if (maxUnitPrices != null) {
      if (serviceClass == null) {
        throw new IllegalArgumentException(
            "maxUnitPrices is for a service class; give explicit categories their maxUnitPrice");
      }
      SortedMap<String, Long> prices = new TreeMap<>();
      for (Map.Entry<String, Long> price : maxUnitPrices.entrySet()) {
        Names.require("category", price.getKey());
        if (price.getValue() == null) {
          throw new IllegalArgumentException("maxUnitPrices." + price.getKey() + " is missing");
        }
        requirePrice("maxUnitPrices." + price.getKey(), price.getValue());
        prices.put(price.getKey(), price.getValue());
      }
      maxUnitPrices = java.util.Collections.unmodifiableSortedMap(prices);
    }
    if (budget != null && (budget < 1 || budget > MAX_BUDGET)) {
      throw new IllegalArgumentException(
          "budget must be 1 to " + MAX_BUDGET + " minor units, was " + budget);
    }
    qoe = qoe == null ? null : QoeNeeds.copyOf(qoe);
    if (offerWindowSeconds != null && offerWindowSeconds < 1) {
      throw new IllegalArgumentException(
          "offerWindowSeconds must be positive, was " + offerWindowSeconds);
    }
    if (validitySeconds != null && validitySeconds < 1) {
      throw new IllegalArgumentException(
          "validitySeconds must be positive, was " + validitySeconds);
    }
  }

  /** A request for one instance of {@code serviceClass} paid from {@code budget}. */
  public static SliceRequestBody ofClass(final String serviceClass, final long budget) {
    return new SliceRequestBody(serviceClass, null, null, null, budget, null, null, null, null);
  }

  /** A request for explicit amounts; {@code budget} may be {@code null} when all are priced. */
  public static SliceRequestBody ofCategories(
      final List<RequestedCategory> categories, final Long budget) {
    java.util.Objects.requireNonNull(categories, "categories");
    return new SliceRequestBody(null, null, categories, null, budget, null, null, null, null);
  }

  /** This request with an offer window of {@code seconds}. */
  public SliceRequestBody withOfferWindow(final long seconds) {
    return new SliceRequestBody(
        serviceClass,
        scale,
        categories,
        maxUnitPrices,
        budget,
        qoe,
        seconds,
        strategy,
        validitySeconds);
  }

  /** This request with a validity of {@code seconds}. */
  public SliceRequestBody withValidity(final long seconds) {
    return new SliceRequestBody(
        serviceClass,
        scale,
        categories,
        maxUnitPrices,
        budget,
        qoe,
        offerWindowSeconds,
        strategy,
        seconds);
  }

  static void requirePrice(final String name, final Long price) {
    if (price != null && (price < 1 || price > MAX_PRICE)) {
      throw new IllegalArgumentException(
          name + " must be 1 to " + MAX_PRICE + " minor units, was " + price);
    }
  }
}
