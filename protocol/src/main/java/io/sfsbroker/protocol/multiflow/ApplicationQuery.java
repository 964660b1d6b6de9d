package io.sfsbroker.protocol.multiflow;

/**
 * The argument of {@code multiflow:listApplications}; every member may be left out.
 *
 * @param pageSize 1 to 200; {@value #DEFAULT_PAGE_SIZE} when left out
 * @param bookmark the bookmark of the previous page; the first page when left out or empty
 */
public record ApplicationQuery(Integer pageSize, String bookmark) {

  /** The page size when none is given. */
  public static final int DEFAULT_PAGE_SIZE = 50;

  /** Returns the page size, or the default. */
  public int pageSizeOrDefault() {
    return pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
  }
}
