package io.sfsbroker.protocol.deadline;

import java.util.List;
import java.util.Objects;

/**
 * One page of {@code deadline:listDue}, earliest first.
 *
 * @param items the deadlines on this page
 * @param bookmark where the next page starts; empty when this is the last page
 */
public record DuePage(List<Deadline> items, String bookmark) {

  /** Checks the fields and copies the items. */
  public DuePage {
    items = List.copyOf(items);
    Objects.requireNonNull(bookmark, "bookmark");
  }
}
