package io.sfsbroker.view.blocks;

import java.util.Objects;

/**
 * One transaction of a block as the blocks page shows it.
 *
 * @param txId the transaction id ({@code ""} for a configuration transaction without one)
 * @param type the header type ({@code ENDORSER_TRANSACTION}, {@code CONFIG}, …)
 * @param creatorMspId the MSP id of the submitter
 * @param function the chaincode function called ({@code contract:function}), or {@code ""}
 * @param validationCode the peer's verdict ({@code VALID}, {@code MVCC_READ_CONFLICT}, …)
 * @param timestamp the transaction's own timestamp, ISO-8601 ({@code ""} when none)
 */
public record TransactionSummary(
    String txId,
    String type,
    String creatorMspId,
    String function,
    String validationCode,
    String timestamp) {

  /** Checks the parts. */
  public TransactionSummary {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(creatorMspId, "creatorMspId");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(validationCode, "validationCode");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** Whether the peers committed its writes. */
  public boolean valid() {
    return "VALID".equals(validationCode);
  }
}
