/**
 * Resource tokens (ERC-721): the token, its kinds, the signed token action and the token events.
 */
package io.sfsbroker.protocol.nft;
