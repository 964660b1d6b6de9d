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
    Instant updatedAt) {

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

  /** This application in {@code next}, with {@code price} and {@code due}. */
  public Application moved(
      final ApplicationState next,
      final long price,
      final Instant due,
      final String why,
      final Instant now) {
    return new Application(id, tenantId, flows, next, openedAt, bidDeadline, price, due, why, now);
  }

  /** Finds flow {@code flowId}. */
  public FlowRequirement flow(final String flowId) {
    return flows.stream().filter(f -> f.flowId().equals(flowId)).findFirst().orElse(null);
  }
}
