package io.sfsbroker.fog;

/**
 * One token the fog node transferred ({@code nft:applySigned}, action {@code TRANSFER}); a slice
 * changes hands with all its bundle tokens, an application with its {@code app:} token
 * (docs/tokens.md).
 *
 * @param tokenId the token
 * @param from the account it left, {@code device:<this fog node>}
 * @param to the account that owns it now
 * @param transactionId the transaction that recorded it
 * @param blockNumber the block of that transaction
 * @param millis from sending the message to its receipt
 */
public record TokenTransfer(
    String tokenId, String from, String to, String transactionId, Long blockNumber, long millis) {}
