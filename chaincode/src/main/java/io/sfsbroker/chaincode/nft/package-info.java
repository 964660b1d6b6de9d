/**
 * The resource NFT registry (paper 000, §II.E and §III.D), with ERC-721 semantics: one token per
 * allocated resource bundle of a slice, per multi-flow application and per bought flow interval.
 * Owners are accounts ({@link io.sfsbroker.chaincode.common.Account}). Only the broker's contracts
 * mint, through {@link io.sfsbroker.chaincode.nft.Nfts}; owners, approved accounts and operators
 * transfer, approve and burn through {@link io.sfsbroker.chaincode.nft.NftContract}. Tokens are
 * rights: {@link io.sfsbroker.chaincode.nft.Nfts#requireHolder} is the one check by which the slice
 * and multiflow contracts let the holder of a slice's or application's tokens act on it. See
 * docs/tokens.md.
 */
package io.sfsbroker.chaincode.nft;
