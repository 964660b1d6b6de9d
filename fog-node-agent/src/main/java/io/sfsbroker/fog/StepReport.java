package io.sfsbroker.fog;

/**
 * One step the fog node took on an existing slice: a service confirmation or a release.
 *
 * @param sliceId the slice
 * @param step {@code RECEIVED} (service confirmed) or {@code RELEASED} (decommissioned)
 * @param state the slice's ledger state after the step ({@code IN_SERVICE}, {@code DECOMMISSIONED})
 * @param transactionId the transaction that recorded it
 * @param blockNumber the block of that transaction
 * @param millis from sending the message to its receipt
 */
public record StepReport(
    String sliceId,
    String step,
    String state,
    String transactionId,
    Long blockNumber,
    long millis) {}
