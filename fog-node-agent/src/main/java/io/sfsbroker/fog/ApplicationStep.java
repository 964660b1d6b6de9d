package io.sfsbroker.fog;

/**
 * One step the fog node took on an existing multi-flow application, as the holder of its token: a
 * service confirmation or a release.
 *
 * @param applicationId the application
 * @param step {@code RECEIVED} (service confirmed) or {@code RELEASED} (released)
 * @param state the application's ledger state after the step ({@code IN_SERVICE}, {@code RELEASED})
 * @param transactionId the transaction that recorded it
 * @param blockNumber the block of that transaction
 * @param millis from sending the message to its receipt
 */
public record ApplicationStep(
    String applicationId,
    String step,
    String state,
    String transactionId,
    Long blockNumber,
    long millis) {}
