package io.sfsbroker.market.qoe;

import java.util.Objects;

/**
 * One offered category that {@link QoeScreen} found infeasible: the selection never saw it.
 *
 * @param rpId the RP that offered it
 * @param category the category
 * @param reason why it cannot meet the blueprint's QoE needs, in words
 */
public record QoeExclusion(String rpId, String category, String reason) {

  /** Checks for nulls. */
  public QoeExclusion {
    Objects.requireNonNull(rpId, "rpId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return rpId + " " + category + ": " + reason;
  }
}
