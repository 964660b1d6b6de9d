package io.sfsbroker.protocol.multiflow;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A multi-flow application, stored under {@code application~<id>}.
 *
 * @param id {@code m-} and 24 hex digits, from the request's signer and nonce
 * @param tenantId the fog node that requested it
 * @param flows the flows asked for
 * @param state where it stands
 * @param openedAt the transaction time of the request
 * @param bidDeadline bids at or before it are accepted
 * @param totalPrice what the bought flows cost; 0 until awarded
 * @param confirmationDeadline while {@code AWARDED}, the time by which the fog node must confirm
 * @param reason why it is in its state
 * @param updatedAt the transaction time of its last change
 * @param holderId in the payload of an event about the application, the fog node whose device
 *     account owned its token {@code app:<id>} just before the transaction (its current holder, who
 *     hears the event as the tenant does); {@code null} in the ledger state, before the award and
 *     when the token is gone or owned by an account that is not a device
 */
public record Application(
    String id,
    String tenantId,
    List<FlowRequirement> flows,
    ApplicationState state,
    Instant openedAt,
    Instant bidDeadline,
    long totalPrice,
    Instant confirmationDeadline,
    String reason,
    Instant updatedAt,
    String holderId) {

  /** Checks for nulls and copies the flows. */
  public Application {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    flows = List.copyOf(flows);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(bidDeadline, "bidDeadline");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** An application as the ledger stores it, without a holder ({@code holderId} {@code null}). */
  public Application(
      final String id,
      final String tenantId,
      final List<FlowRequirement> flows,
      final ApplicationState state,
      final Instant openedAt,
      final Instant bidDeadline,
      final long totalPrice,
      final Instant confirmationDeadline,
      final String reason,
      final Instant updatedAt) {
    this(
        id,
        tenantId,
        flows,
        state,
        openedAt,
        bidDeadline,
        totalPrice,
        confirmationDeadline,
        reason,
        updatedAt,
        null);
  }

  /** This application in {@code next}, with {@code price} and {@code due}. */
  public Application moved(
      final ApplicationState next,
      final long price,
      final Instant due,
      final String why,
      final Instant now) {
    return new Application(id, tenantId, flows, next, openedAt, bidDeadline, price, due, why, now);
  }

  /**
   * This application as an event reports it, naming {@code holderId} (a fog node's participant id,
   * or {@code null}) as the holder of its token.
   */
  public Application heldBy(final String holderId) {
    return new Application(
        id,
        tenantId,
        flows,
        state,
        openedAt,
        bidDeadline,
        totalPrice,
        confirmationDeadline,
        reason,
        updatedAt,
        holderId);
  }

  /**
   * The fog nodes that hear about this application as its tenant: the one that requested it, then
   * its holder when that is another device (from {@link #holderId}).
   */
  public List<String> tenantSide() {
    return holderId == null || holderId.equals(tenantId)
        ? List.of(tenantId)
        : List.of(tenantId, holderId);
  }

  /** Finds flow {@code flowId}. */
  public FlowRequirement flow(final String flowId) {
    return flows.stream().filter(f -> f.flowId().equals(flowId)).findFirst().orElse(null);
  }
}
