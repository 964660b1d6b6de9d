package io.sfsbroker.protocol.auction;

/**
 * The argument of {@code auction:listRounds}: the rounds of one auction, from round 1 on.
 *
 * @param auctionId the auction
 * @param pageSize 1 to {@value #MAX_PAGE_SIZE}; {@value #DEFAULT_PAGE_SIZE} when left out
 * @param bookmark the bookmark of the previous page; the first page when left out or empty
 */
public record RoundQuery(String auctionId, Integer pageSize, String bookmark) {

  /** The page size when none is given. */
  public static final int DEFAULT_PAGE_SIZE = 50;

  /** The largest page: a round holds every group's state and volumes. */
  public static final int MAX_PAGE_SIZE = 100;

  /** Returns the page size, or the default. */
  public int pageSizeOrDefault() {
    return pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
  }
}
