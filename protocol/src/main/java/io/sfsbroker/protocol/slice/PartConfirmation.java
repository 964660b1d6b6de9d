package io.sfsbroker.protocol.slice;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A winning RP's confirmation that its part runs, stored under {@code slice-part~<sliceId>~<rpId>}
 * (a key per RP, so winners confirming at once write no shared key) and the payload of the {@code
 * InstantiationConfirmed} event.
 *
 * @param sliceId the slice
 * @param rpId the RP
 * @param endpoints one per category it won, in blueprint order
 * @param confirmedAt the transaction time
 * @param txId the transaction
 * @param waitingFor the winners that had not confirmed before this one, in id order
 */
public record PartConfirmation(
    String sliceId,
    String rpId,
    List<Endpoint> endpoints,
    Instant confirmedAt,
    String txId,
    List<String> waitingFor) {

  /** Checks for nulls and copies the lists. */
  public PartConfirmation {
    Objects.requireNonNull(sliceId, "sliceId");
    Objects.requireNonNull(rpId, "rpId");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(confirmedAt, "confirmedAt");
    Objects.requireNonNull(txId, "txId");
    waitingFor = List.copyOf(waitingFor);
  }
}
