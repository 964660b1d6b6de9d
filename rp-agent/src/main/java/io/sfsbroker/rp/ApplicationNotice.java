package io.sfsbroker.rp;

import io.sfsbroker.protocol.multiflow.FlowRequirement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an operator reads of an {@code ApplicationOpened} notice (docs/tokens.md, {@code
 * multiflow}): the application's id, its tenant, its flows with their intervals and requirements,
 * and when its bid window closes. Other members of the payload are ignored.
 *
 * @param id the application id
 * @param tenantId the fog node that asked for it
 * @param flows the flows, each with its weights, µ, qmin, pmax, references and intervals
 * @param bidDeadline bids after it are late
 */
public record ApplicationNotice(
    String id, String tenantId, List<FlowRequirement> flows, Instant bidDeadline) {

  /** Checks for nulls and copies the flows. */
  public ApplicationNotice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(flows, "flows");
    flows = List.copyOf(flows);
    Objects.requireNonNull(bidDeadline, "bidDeadline");
  }
}
