package io.sfsbroker.protocol.slice;

/**
 * The argument of the list queries by state; every member may be left out.
 *
 * @param state list only slices (or their requests, blueprints) in this state; see each query for
 *     its default
 * @param pageSize 1 to 200; 50 when left out
 * @param bookmark the bookmark of the previous page; the first page when left out or empty
 */
public record SliceQuery(SliceState state, Integer pageSize, String bookmark) {

  /** The page size when none is given. */
  public static final int DEFAULT_PAGE_SIZE = 50;

  /** Returns the page size, or the default. */
  public int pageSizeOrDefault() {
    return pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
  }
}
