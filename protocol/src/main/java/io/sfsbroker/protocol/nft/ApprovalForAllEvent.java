package io.sfsbroker.protocol.nft;

/**
 * The payload of the {@code ApprovalForAll} event.
 *
 * @param owner the owner
 * @param operator the operator
 * @param approved whether the operator may now manage all of the owner's tokens
 */
public record ApprovalForAllEvent(String owner, String operator, boolean approved) {}
