package io.sfsbroker.protocol.nft;

/**
 * The payload of the {@code Approval} event.
 *
 * @param owner the token's owner
 * @param approved the approved account; {@code null} when the approval was cleared
 * @param tokenId the token
 */
public record ApprovalEvent(String owner, String approved, String tokenId) {}
