package io.sfsbroker.market.selection;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A network-slice blueprint: the resource categories a tenant needs, how much of each, and the most
 * it pays per unit. The order of {@code categories} is the order of the result's winners.
 *
 * @param id the blueprint's identifier
 * @param categories one request per category; not empty, names unique
 */
public record SliceBlueprint(String id, List<CategoryRequest> categories) {

  /** Validates the blueprint and copies the list; the sum of the valuations must fit a long. */
  public SliceBlueprint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(categories, "categories");
    if (id.isBlank()) {
      throw new IllegalArgumentException("blueprint id must not be blank");
    }
    categories = List.copyOf(categories);
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("blueprint " + id + " names no resource category");
    }
    Set<String> seen = new HashSet<>();
    long valuations = 0;
    for (CategoryRequest request : categories) {
      if (!seen.add(request.category())) {
        throw new IllegalArgumentException(
            "blueprint " + id + " names category " + request.category() + " twice");
      }
      try {
        valuations = Math.addExact(valuations, request.valuation());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "blueprint " + id + " is too large: the sum of amount × maximum unit price overflows",
            e);
      }
    }
  }
}
