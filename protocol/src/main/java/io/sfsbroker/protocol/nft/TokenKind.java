package io.sfsbroker.protocol.nft;

/** What a token stands for. */
public enum TokenKind {
  /** A resource bundle of a slice: one RP's amount of one category, for the slice's validity. */
  BUNDLE,
  /** A multi-flow application as a whole. */
  APPLICATION,
  /** One flow of a multi-flow application in one interval, bought from one operator. */
  FLOW,
  /**
   * The resources one user group won from one Planet in a DDRA auction, for the auction's period.
   */
  ALLOCATION
}
