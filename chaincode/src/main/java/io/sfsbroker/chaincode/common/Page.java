package io.sfsbroker.chaincode.common;

import java.util.List;
import java.util.Objects;

/**
 * One page of a paginated query.
 *
 * @param items the items of this page, in key order
 * @param bookmark pass it back to get the next page; empty when there is none
 * @param <T> the item type
 */
public record Page<T>(List<T> items, String bookmark) {

  /** Copies the items; a missing bookmark becomes empty. */
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    bookmark = bookmark == null ? "" : bookmark;
  }
}
