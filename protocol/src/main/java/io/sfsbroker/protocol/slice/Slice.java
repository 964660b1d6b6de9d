package io.sfsbroker.protocol.slice;

import io.sfsbroker.protocol.selection.Winner;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A slice through its whole lifecycle, stored under {@code slice~<id>}. Its id is also the id of
 * its request, its blueprint and its selection. Written only on a change of state (and by the
 * request that creates it), so concurrent offers and confirmations never write it together.
 *
 * @param id the slice id ({@code s-} and 24 hex digits)
 * @param tenantId the fog node that requested it
 * @param tenantOrg the MSP id of the fog node's organisation, whose admins may decommission it
 * @param state where it is in its lifecycle
 * @param createdAt the transaction time of the request
 * @param offerDeadline the end of the offer window: offers at or before it are accepted
 * @param validitySeconds how long it is valid once active
 * @param winners one allocation per category, in blueprint order; empty until awarded
 * @param totalPrice the sum of the winners' prices, in minor units; 0 until awarded
 * @param federated whether more than one RP serves it
 * @param confirmationDeadline while {@code AWARDED} the end of the instantiation timeout, while
 *     {@code ACTIVE} the end of the service-confirmation timeout, else {@code null}
 * @param activatedAt when every part was confirmed; {@code null} before
 * @param validUntil {@code activatedAt + validitySeconds}; {@code null} before activation
 * @param endpoints where the fog node reaches each part, in blueprint order; empty until active
 * @param reason why it is in its state, in words
 * @param updatedAt the transaction time of its last change
 * @param holderId in the payload of an event about the slice, the fog node whose device account
 *     owned every bundle token of the slice just before the transaction (its current holder, who
 *     hears the event as the tenant does: docs/protocol.md, "Notices"); {@code null} in the ledger
 *     state (the tokens move without the slice being written; {@code nft:ownerOf} tells), before
 *     the award and when the tokens are split or held by an account that is not a device
 */
public record Slice(
    String id,
    String tenantId,
    String tenantOrg,
    SliceState state,
    Instant createdAt,
    Instant offerDeadline,
    long validitySeconds,
    List<Winner> winners,
    long totalPrice,
    boolean federated,
    Instant confirmationDeadline,
    Instant activatedAt,
    Instant validUntil,
    List<Endpoint> endpoints,
    String reason,
    Instant updatedAt,
    String holderId) {

  /** Checks for nulls and copies the lists. */
  public Slice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(tenantOrg, "tenantOrg");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(offerDeadline, "offerDeadline");
    if (validitySeconds < 1) {
      throw new IllegalArgumentException("validitySeconds must be positive");
    }
    winners = winners == null ? List.of() : List.copyOf(winners);
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A slice as the ledger stores it, without a holder ({@code holderId} {@code null}). */
  public Slice(
      final String id,
      final String tenantId,
      final String tenantOrg,
      final SliceState state,
      final Instant createdAt,
      final Instant offerDeadline,
      final long validitySeconds,
      final List<Winner> winners,
      final long totalPrice,
      final boolean federated,
      final Instant confirmationDeadline,
      final Instant activatedAt,
      final Instant validUntil,
      final List<Endpoint> endpoints,
      final String reason,
      final Instant updatedAt) {
    this(
        id,
        tenantId,
        tenantOrg,
        state,
        createdAt,
        offerDeadline,
        validitySeconds,
        winners,
        totalPrice,
        federated,
        confirmationDeadline,
        activatedAt,
        validUntil,
        endpoints,
        reason,
        updatedAt,
        null);
  }

  /** A new slice whose offer window is open. */
  public static Slice offering(
      final String id,
      final String tenantId,
      final String tenantOrg,
      final Instant now,
      final Instant offerDeadline,
      final long validitySeconds) {
    return new Slice(
        id,
        tenantId,
        tenantOrg,
        SliceState.OFFERING,
        now,
        offerDeadline,
        validitySeconds,
        List.of(),
        0,
        false,
        null,
        null,
        null,
        List.of(),
        "offer window open until " + offerDeadline,
        now);
  }

  /** The RPs that won a part, in id order. */
  public SortedSet<String> winningRps() {
    TreeSet<String> rps = new TreeSet<>();
    winners.forEach(w -> rps.add(w.rpId()));
    return rps;
  }

  /** The categories {@code rpId} won, in blueprint order. */
  public List<String> categoriesOf(final String rpId) {
    return winners.stream().filter(w -> w.rpId().equals(rpId)).map(Winner::category).toList();
  }

  /** This slice awarded to {@code winners}, waiting for their confirmations until {@code due}. */
  public Slice awarded(
      final List<Winner> winners,
      final long totalPrice,
      final boolean federated,
      final Instant due,
      final Instant now,
      final String reason) {
    return new Slice(
        id,
        tenantId,
        tenantOrg,
        SliceState.AWARDED,
        createdAt,
        offerDeadline,
        validitySeconds,
        winners,
        totalPrice,
        federated,
        due,
        null,
        null,
        List.of(),
        reason,
        now);
  }

  /** This slice active with {@code endpoints}, waiting for the fog node until {@code due}. */
  public Slice activated(final List<Endpoint> endpoints, final Instant due, final Instant now) {
    return new Slice(
        id,
        tenantId,
        tenantOrg,
        SliceState.ACTIVE,
        createdAt,
        offerDeadline,
        validitySeconds,
        winners,
        totalPrice,
        federated,
        due,
        now,
        now.plusSeconds(validitySeconds),
        endpoints,
        "every part is instantiated; waiting for the fog node to confirm service",
        now);
  }

  /** This slice moved to {@code next} for {@code reason}; the confirmation deadline is cleared. */
  public Slice moved(final SliceState next, final String reason, final Instant now) {
    return new Slice(
        id,
        tenantId,
        tenantOrg,
        next,
        createdAt,
        offerDeadline,
        validitySeconds,
        winners,
        totalPrice,
        federated,
        null,
        activatedAt,
        validUntil,
        endpoints,
        reason,
        now);
  }

  /**
   * This slice as an event reports it, naming {@code holderId} (a fog node's participant id, or
   * {@code null} when no device holds every bundle token) as its holder.
   */
  public Slice heldBy(final String holderId) {
    return new Slice(
        id,
        tenantId,
        tenantOrg,
        state,
        createdAt,
        offerDeadline,
        validitySeconds,
        winners,
        totalPrice,
        federated,
        confirmationDeadline,
        activatedAt,
        validUntil,
        endpoints,
        reason,
        updatedAt,
        holderId);
  }

  /**
   * The fog nodes that hear about this slice as its tenant: the one that requested it, then its
   * holder when that is another device (from {@link #holderId}).
   */
  public List<String> tenantSide() {
    return holderId == null || holderId.equals(tenantId)
        ? List.of(tenantId)
        : List.of(tenantId, holderId);
  }
}
