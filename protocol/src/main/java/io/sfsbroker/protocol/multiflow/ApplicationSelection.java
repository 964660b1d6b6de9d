package io.sfsbroker.protocol.multiflow;

import java.time.Instant;
import java.util.List;

/**
 * The selection of an application, stored under {@code application-selection~<id>} and the payload
 * of {@code ApplicationAwarded}.
 *
 * @param applicationId the application
 * @param tenantId its fog node
 * @param outcomes per flow and interval: the winning scored bid, or the reason there is none
 * @param totalPrice the sum of the winners' prices
 * @param bidCount how many bids were stored
 * @param selectedAt the transaction time
 * @param txId the transaction
 */
public record ApplicationSelection(
    String applicationId,
    String tenantId,
    List<FlowOutcome> outcomes,
    long totalPrice,
    int bidCount,
    Instant selectedAt,
    String txId) {

  /** Copies the list. */
  public ApplicationSelection {
    outcomes = List.copyOf(outcomes);
  }

  /** The served outcomes whose winning bid is {@code bidderId}'s, in order. */
  public List<FlowOutcome> wonBy(final String bidderId) {
    return FlowOutcome.served(outcomes).stream()
        .filter(o -> o.winner().bid().bidderId().equals(bidderId))
        .toList();
  }
}
