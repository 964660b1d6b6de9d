package io.sfsbroker.protocol.auction;

/**
 * The argument of {@code auction:listAuctions}; every member may be left out.
 *
 * @param pageSize 1 to {@value #MAX_PAGE_SIZE}; {@value #DEFAULT_PAGE_SIZE} when left out
 * @param bookmark the bookmark of the previous page; the first page when left out or empty
 */
public record AuctionQuery(Integer pageSize, String bookmark) {

  /** The page size when none is given. */
  public static final int DEFAULT_PAGE_SIZE = 20;

  /**
   * The largest page: each auction listed is read whole on the peer, and one auction may describe a
   * market of up to 1 MiB.
   */
  public static final int MAX_PAGE_SIZE = 50;

  /** Returns the page size, or the default. */
  public int pageSizeOrDefault() {
    return pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
  }
}
