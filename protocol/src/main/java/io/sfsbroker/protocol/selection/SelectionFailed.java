package io.sfsbroker.protocol.selection;

import java.util.List;

/**
 * The payload of the {@code SelectionFailed} event: the slice failed because no slice could be
 * formed from the offers.
 *
 * @param sliceId the slice (and blueprint)
 * @param tenantId the fog node that requested it
 * @param status {@code NO_OFFERS} or {@code NO_FEASIBLE_OFFER}
 * @param reason the categories nobody can serve, with their amount and maximum price
 * @param unservedCategories those categories
 * @param tableDigest the digest of the equilibrium table
 */
public record SelectionFailed(
    String sliceId,
    String tenantId,
    String status,
    String reason,
    List<String> unservedCategories,
    String tableDigest) {

  /** Copies the list. */
  public SelectionFailed {
    unservedCategories = List.copyOf(unservedCategories);
  }
}
