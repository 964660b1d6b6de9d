package io.sfsbroker.chaincode.request;

import io.sfsbroker.protocol.request.SliceRequestBody;
import java.time.Instant;
import java.util.Objects;

/**
 * A slice request as received, stored under {@code slice-request~<id>}. Never changes.
 *
 * @param id the request id, equal to the slice and blueprint id
 * @param tenantId the fog node that signed it
 * @param nonce the envelope's nonce, from which the id is derived
 * @param issuedAt the envelope's issued-at
 * @param receivedAt the transaction time that accepted it
 * @param txId the transaction that accepted it
 * @param body what the fog node asked for
 */
public record SliceRequest(
    String id,
    String tenantId,
    String nonce,
    Instant issuedAt,
    Instant receivedAt,
    String txId,
    SliceRequestBody body) {

  /** Checks for nulls. */
  public SliceRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(body, "body");
  }
}
