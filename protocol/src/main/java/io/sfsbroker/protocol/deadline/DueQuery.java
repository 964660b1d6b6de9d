package io.sfsbroker.protocol.deadline;

import java.time.Instant;

/**
 * The argument of {@code deadline:listDue}.
 *
 * @param until list the deadlines due at or before this instant; every deadline when left out
 * @param pageSize 1 to 200; 100 when left out
 * @param bookmark the bookmark of the previous page; the first page when left out or empty
 */
public record DueQuery(Instant until, Integer pageSize, String bookmark) {

  /** The page size when none is given. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  /** Returns the page size, or the default. */
  public int pageSizeOrDefault() {
    return pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
  }
}
