/**
 * The DDRA multi-round auction of Liu et al., "Auction-Based Dynamic Resource Allocation in Social
 * Metaverse", as plain, deterministic Java.
 *
 * <p>User groups ({@link io.sfsbroker.market.auction.UserGroup}) buy CPU, RAM, GPU and VRAM from
 * edge servers called Planets ({@link io.sfsbroker.market.auction.Planet}) for one time period of
 * {@code Z} slots. Each round, every group picks a Planet and an upload volume by Theorem 1 and
 * bids ({@link io.sfsbroker.market.auction.GroupBidding}); every Planet reprices by Theorem 2
 * ({@link io.sfsbroker.market.auction.PlanetPricing}); groups compute what the new prices let them
 * process (eq. 17); rounds repeat until {@code ‖x̂ − x*‖ ≤ ε} ({@link
 * io.sfsbroker.market.auction.DdraAuction}). {@link io.sfsbroker.market.auction.CapacityCheck}
 * verifies that no Planet allocates more than it has in any slot.
 *
 * <p>Every function is pure: it reads its arguments and returns a new record. There is no random
 * number, no clock and no hash-ordered iteration, and all transcendental maths uses {@link
 * java.lang.StrictMath}, so every endorsing peer that runs a round computes the same bits.
 */
package io.sfsbroker.market.auction;
