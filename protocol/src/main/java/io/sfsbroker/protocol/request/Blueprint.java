package io.sfsbroker.protocol.request;

import io.sfsbroker.protocol.catalog.QoeNeeds;
import io.sfsbroker.protocol.selection.SelectionRule;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * A network-slice blueprint, stored under {@code blueprint~<id>} and published in the {@code
 * BlueprintPublished} event: what the tenant needs per resource category, the most it pays per
 * unit, its QoE needs, and the offer window. Never changes once written.
 *
 * @param id the blueprint id, equal to the slice id
 * @param tenantId the fog node that requested it
 * @param serviceClass the service class it was translated from; {@code null} for explicit amounts
 * @param categories per category the amount and the tenant's maximum unit price, in request order
 * @param qoe the QoE needs, metric → value
 * @param budget the tenant's budget for the requested amounts; {@code null} when it gave none
 * @param strategy the selection rule that picks the winners
 * @param openedAt the transaction time of the request
 * @param offerDeadline the end of the offer window: offers at or before it are accepted
 * @param validitySeconds how long the slice is valid once active
 */
public record Blueprint(
    String id,
    String tenantId,
    String serviceClass,
    List<BlueprintCategory> categories,
    SortedMap<String, Long> qoe,
    Long budget,
    SelectionRule strategy,
    Instant openedAt,
    Instant offerDeadline,
    long validitySeconds) {

  /** Checks for nulls, that the category names are unique, and copies the collections. */
  public Blueprint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(categories, "categories");
    categories = List.copyOf(categories);
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("blueprint " + id + " names no resource category");
    }
    if (categories.stream().map(BlueprintCategory::category).distinct().count()
        != categories.size()) {
      throw new IllegalArgumentException("blueprint " + id + " names a category twice");
    }
    qoe = QoeNeeds.copyOf(qoe);
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(offerDeadline, "offerDeadline");
  }

  /** Returns the request for {@code category}, if the blueprint names it. */
  public java.util.Optional<BlueprintCategory> category(final String category) {
    return categories.stream().filter(c -> c.category().equals(category)).findFirst();
  }
}
