/**
 * The DDRA auction on chain: the contract {@code auction} ({@link
 * io.sfsbroker.chaincode.auction.AuctionContract}) runs the market module's multi-round auction
 * ({@link io.sfsbroker.market.auction.DdraAuction}) one round per {@code closeRound} transaction.
 * User groups submit their signed best responses ({@code auction-bid} envelopes), each under a key
 * of its own; closing a round reprices the Planets by Theorem 2 from the stored bids, and the
 * converged (or last) round's allocation is recorded after its capacity check. Settling locks each
 * group's payment to each Planet in escrow and mints it an {@code ALLOCATION} token per Planet
 * ({@code AuctionPayments}); the group's signed confirmation pays the Planet, the Planet's signed
 * failure report refunds the group, and after the escrow's deadline anyone's {@code
 * expireAllocation} refunds it. An auction binds only the groups that consented ({@link
 * io.sfsbroker.chaincode.auction.AuctionConsent}): by their own signed {@code auction-opt-in} or by
 * an admin of their organisation.
 */
package io.sfsbroker.chaincode.auction;
