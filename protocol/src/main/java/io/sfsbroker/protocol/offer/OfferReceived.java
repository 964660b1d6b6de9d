package io.sfsbroker.protocol.offer;

import java.time.Instant;
import java.util.List;

/**
 * The payload of the {@code OfferReceived} event: who offered for which categories; the prices stay
 * in the offer itself.
 *
 * @param blueprintId the blueprint
 * @param rpId the RP
 * @param categories the categories it offers, in offer order
 * @param submittedAt the transaction time
 * @param replaced whether it replaced an earlier offer of the same RP
 */
public record OfferReceived(
    String blueprintId,
    String rpId,
    List<String> categories,
    Instant submittedAt,
    boolean replaced) {

  /** Copies the list. */
  public OfferReceived {
    categories = List.copyOf(categories);
  }
}
