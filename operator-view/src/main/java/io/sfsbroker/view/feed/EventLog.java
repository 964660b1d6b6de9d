package io.sfsbroker.view.feed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The chaincode events the view has read, in ledger order, the newest {@code capacity} of them, in
 * memory: what Server-Sent Events replay after a checkpoint and what the auction and multi-flow
 * pages list. Thread-safe; readers wait for new events without polling.
 */
public final class EventLog {

  /**
   * What follows a checkpoint.
   *
   * @param events the events after it, oldest first
   * @param reset true when the checkpoint lies before the oldest event kept, so events may have
   *     been dropped: the browser must reload the page rather than trust the stream
   */
  public record Replay(List<FeedEvent> events, boolean reset) {

    /** Copies the list. */
    public Replay {
      events = List.copyOf(events);
    }
  }

  private final int capacity;
  private final ArrayDeque<FeedEvent> events = new ArrayDeque<>();
  private long dropped;

  /** A log that keeps at most {@code capacity} events. */
  public EventLog(final int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Appends the next event of the stream. An event at or before the newest one kept (a stream
   * reopened a little early) is ignored, so nothing is kept twice.
   *
   * @return whether it was appended
   */
  public synchronized boolean append(final FeedEvent event) {
    Objects.requireNonNull(event, "event");
    FeedEvent last = events.peekLast();
    if (last != null && (event.id().block() < last.id().block() || contains(event.id()))) {
      return false;
    }
    events.addLast(event);
    if (events.size() > capacity) {
      events.removeFirst();
      dropped++;
    }
    notifyAll();
    return true;
  }

  /** The newest event's id; empty before the first. */
  public synchronized Optional<EventId> latest() {
    FeedEvent last = events.peekLast();
    return last == null ? Optional.empty() : Optional.of(last.id());
  }

  /**
   * The events after {@code checkpoint} (all kept events when empty). A checkpoint the log holds
   * gives exactly the events after it; one it does not hold but whose block lies within the kept
   * range gives the events of later blocks; one older than every kept event, once events were
   * dropped, is a reset.
   */
  public synchronized Replay after(final Optional<EventId> checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (checkpoint.isEmpty()) {
      return new Replay(dropped > 0 ? List.of() : List.copyOf(events), dropped > 0);
    }
    EventId from = checkpoint.get();
    List<FeedEvent> after = new ArrayList<>();
    boolean found = false;
    for (FeedEvent event : events) {
      if (found) {
        after.add(event);
      } else if (event.id().equals(from)) {
        found = true;
      }
    }
    if (found) {
      return new Replay(after, false);
    }
    FeedEvent first = events.peekFirst();
    if (dropped > 0 && (first == null || from.block() < first.id().block())) {
      return new Replay(List.of(), true);
    }
    for (FeedEvent event : events) {
      if (event.id().block() > from.block()) {
        after.add(event);
      }
    }
    return new Replay(after, false);
  }

  /**
   * Waits up to {@code millis} for an event after {@code checkpoint}, then answers as {@link
   * #after}.
   */
  public synchronized Replay await(final Optional<EventId> checkpoint, final long millis)
      throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    Replay replay = after(checkpoint);
    while (replay.events().isEmpty() && !replay.reset()) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        break;
      }
      wait(left);
      replay = after(checkpoint);
    }
    return replay;
  }

  /** The kept events that {@code filter} accepts, newest first. */
  public synchronized List<FeedEvent> newest(final Predicate<FeedEvent> filter, final int limit) {
    List<FeedEvent> found = new ArrayList<>();
    Iterator<FeedEvent> iterator = events.descendingIterator();
    while (iterator.hasNext() && found.size() < limit) {
      FeedEvent event = iterator.next();
      if (filter.test(event)) {
        found.add(event);
      }
    }
    return found;
  }

  /** How many events are kept. */
  public synchronized int size() {
    return events.size();
  }

  private boolean contains(final EventId id) {
    Iterator<FeedEvent> iterator = events.descendingIterator();
    while (iterator.hasNext()) {
      FeedEvent event = iterator.next();
      if (event.id().block() < id.block()) {
        return false;
      }
      if (event.id().equals(id)) {
        return true;
      }
    }
    return false;
  }
}
