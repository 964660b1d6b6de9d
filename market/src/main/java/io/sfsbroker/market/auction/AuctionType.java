package io.sfsbroker.market.auction;

/** The paper's two kinds of auction, which differ only in the groups' migration requirements. */
public enum AuctionType {
  /** No group has a migration requirement: every group takes the Planet with the least cost. */
  TYPE_1,
  /** At least one group must weigh a migration cost against its payoff on each Planet. */
  TYPE_2
}
