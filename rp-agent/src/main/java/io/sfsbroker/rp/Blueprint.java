package io.sfsbroker.rp;

import io.sfsbroker.market.selection.CategoryRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an RP reads of a {@code BlueprintPublished} notice (docs/contracts.md, {@code request}): the
 * blueprint's id, its tenant, what it asks per category and when its offer window closes. Other
 * members of the payload are ignored.
 *
 * @param id the blueprint id, which is also the slice id
 * @param tenantId the fog node that asked for it
 * @param categories per category the amount, the tenant's maximum unit price and budget
 * @param offerDeadline offers after it are late
 */
public record Blueprint(
    String id, String tenantId, List<CategoryRequest> categories, Instant offerDeadline) {

  /** Checks for nulls and copies the categories. */
  public Blueprint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(categories, "categories");
    categories = List.copyOf(categories);
    Objects.requireNonNull(offerDeadline, "offerDeadline");
  }
}
