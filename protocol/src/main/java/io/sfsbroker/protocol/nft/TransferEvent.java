package io.sfsbroker.protocol.nft;

/**
 * The payload of the {@code Transfer} event.
 *
 * @param from the previous owner; {@code null} for a mint
 * @param to the new owner; {@code null} for a burn
 * @param tokenId the token
 */
public record TransferEvent(String from, String to, String tokenId) {}
