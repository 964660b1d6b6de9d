package io.sfsbroker.rp;

import io.sfsbroker.protocol.multiflow.FlowOutcome;
import java.util.List;
import java.util.Objects;

/**
 * What an operator reads of an {@code ApplicationAwarded} notice (the {@code ApplicationSelection},
 * docs/tokens.md): per flow and interval the winning bid, or why there is none.
 *
 * @param applicationId the application
 * @param tenantId the fog node that asked for it
 * @param outcomes one per flow and interval
 * @param totalPrice what the tenant pays for every bought flow, in minor units
 */
public record ApplicationAward(
    String applicationId, String tenantId, List<FlowOutcome> outcomes, long totalPrice) {

  /** Checks for nulls and copies the outcomes. */
  public ApplicationAward {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(outcomes, "outcomes");
    outcomes = List.copyOf(outcomes);
  }

  /** The outcomes whose winning bid is {@code rpId}'s, in order. */
  public List<FlowOutcome> wonBy(final String rpId) {
    return FlowOutcome.served(outcomes).stream()
        .filter(o -> o.winner().bid().bidderId().equals(rpId))
        .toList();
  }
}
