package io.sfsbroker.gateway.bridge;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.Checkpoint;
import org.hyperledger.fabric.client.Checkpointer;
import org.hyperledger.fabric.client.CloseableIterator;

/**
 * Relays chaincode events to devices, on a thread of its own: reads the events after the {@code
 * checkpointer}'s position, publishes the messages {@link NoticeRoutes} makes of each, and only
 * then records the event as done, so a restart resumes after the last relayed event (nothing
 * missed; an event cut off by a crash is relayed again, which devices tell apart by transaction). A
 * broken stream is reopened after a second; an event that cannot be read is skipped. Each event is
 * also shown to an observer first (the bridge's keeper hears of offer windows so).
 */
final class EventRelay implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EventRelay.class.getName());
  private static final long REOPEN_MILLIS = 1000;

  private final Function<Checkpoint, CloseableIterator<ChaincodeEvent>> events;
  private final Checkpointer checkpointer;
  private final Downlinks downlinks;
  private final Consumer<ChaincodeEvent> observer;
  private final Thread thread;
  private volatile CloseableIterator<ChaincodeEvent> open;
  private volatile boolean closed;

  /**
   * A relay of the events {@code events} opens after a checkpoint to {@code downlinks}; {@link
   * #start} starts it.
   */
  EventRelay(
      final Function<Checkpoint, CloseableIterator<ChaincodeEvent>> events,
      final Checkpointer checkpointer,
      final Downlinks downlinks) {
    this(events, checkpointer, downlinks, event -> {});
  }

  /**
   * A relay as {@link #EventRelay(Function, Checkpointer, Downlinks)} that also shows each event to
   * {@code observer} before relaying it; what the observer throws is logged, never stops the relay.
   */
  EventRelay(
      final Function<Checkpoint, CloseableIterator<ChaincodeEvent>> events,
      final Checkpointer checkpointer,
      final Downlinks downlinks,
      final Consumer<ChaincodeEvent> observer) {
    this.events = Objects.requireNonNull(events, "events");
    this.checkpointer = Objects.requireNonNull(checkpointer, "checkpointer");
    this.downlinks = Objects.requireNonNull(downlinks, "downlinks");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.thread = new Thread(this::run, "sfsb-bridge-events");
    thread.setDaemon(true);
  }

  /** Starts relaying. */
  void start() {
    thread.start();
  }

  private void run() {
    while (!closed) {
      try (CloseableIterator<ChaincodeEvent> iterator = events.apply(checkpointer)) {
        open = iterator;
        while (!closed && iterator.hasNext()) {
          ChaincodeEvent event = iterator.next();
          if (!relay(event)) {
            return;
          }
          checkpointer.checkpointChaincodeEvent(event);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        LOG.log(Level.ERROR, "cannot write the event checkpoint", e);
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.log(Level.WARNING, "the chaincode event stream broke; reopening: {0}", e.toString());
      }
      try {
        Thread.sleep(REOPEN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Relays one event; false when stopping before it was delivered. */
  boolean relay(final ChaincodeEvent event) throws InterruptedException {
    try {
      observer.accept(event);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "the observer failed on event {0} of transaction {1}: {2}",
          event.getEventName(),
          event.getTransactionId(),
          e.toString());
    }
    List<NoticeRoutes.Message> messages;
    try {
      messages =
          NoticeRoutes.of(
              event.getEventName(),
              event.getTransactionId(),
              event.getBlockNumber(),
              event.getPayload());
    } catch (RuntimeException e) {
      // An event this bridge cannot read must not stop the stream (it would come back for ever).
      LOG.log(
          Level.WARNING,
          "skipped event {0} of transaction {1}: {2}",
          event.getEventName(),
          event.getTransactionId(),
          e.toString());
      return true;
    }
    for (NoticeRoutes.Message message : messages) {
      if (!downlinks.publish(message.topic(), message.payload())) {
        return false;
      }
    }
    return true;
  }

  /** Stops at once; what was not relayed is relayed by the next start. */
  @Override
  public void close() {
    closed = true;
    CloseableIterator<ChaincodeEvent> iterator = open;
    if (iterator != null) {
      try {
        iterator.close();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "closing the event stream: {0}", e.getMessage());
      }
    }
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
