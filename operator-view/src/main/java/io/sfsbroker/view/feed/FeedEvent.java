package io.sfsbroker.view.feed;

import java.util.Objects;

/**
 * One chaincode event as the view keeps it.
 *
 * @param id where it sits on the ledger
 * @param name the event name ({@code SliceAwarded}, …)
 * @param payload its payload, JSON as the chaincode wrote it
 */
public record FeedEvent(EventId id, String name, String payload) {

  /** Checks the parts. */
  public FeedEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(payload, "payload");
  }
}
