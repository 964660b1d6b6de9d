package io.sfsbroker.benchmarks.e2e;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.event.EventName;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Network;

/**
 * When the chaincode events of each slice arrive at the benchmark (through the Gateway, as soon as
 * their block is committed at the peer): the last {@code OfferReceived}, the {@code SliceAwarded}
 * and the {@code SliceReady} of a slice, on the {@link System#nanoTime} clock the load generator
 * times its requests with.
 */
final class EventClock implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EventClock.class.getName());

  private final CloseableIterator<ChaincodeEvent> events;
  private final Thread reader;
  private final Map<String, Long> lastOffer = new ConcurrentHashMap<>();
  private final Map<String, Long> awarded = new ConcurrentHashMap<>();
  private final Map<String, Long> ready = new ConcurrentHashMap<>();

  /** Starts listening to {@code chaincode}'s events from the next block on. */
  EventClock(final Network network, final String chaincode) {
    Objects.requireNonNull(network, "network");
    this.events = network.newChaincodeEventsRequest(chaincode).build().getEvents();
    this.reader = new Thread(this::read, "bench-e2e-events");
    reader.setDaemon(true);
    reader.start();
  }

  /** When the last offer for {@code sliceId} (its blueprint) was committed. */
  Optional<Long> lastOffer(final String sliceId) {
    return Optional.ofNullable(lastOffer.get(sliceId));
  }

  /** When the selection of {@code sliceId} was committed. */
  Optional<Long> awarded(final String sliceId) {
    return Optional.ofNullable(awarded.get(sliceId));
  }

  /** When the last part of {@code sliceId} was confirmed (the slice became active). */
  Optional<Long> ready(final String sliceId) {
    return Optional.ofNullable(ready.get(sliceId));
  }

  /** Forgets {@code sliceId} once its timeline is taken. */
  void forget(final String sliceId) {
    lastOffer.remove(sliceId);
    awarded.remove(sliceId);
    ready.remove(sliceId);
  }

  private void read() {
    try {
      while (events.hasNext()) {
        ChaincodeEvent event = events.next();
        long now = System.nanoTime();
        Optional<EventName> name = EventName.fromWireName(event.getEventName());
        if (name.isEmpty()) {
          continue;
        }
        switch (name.get()) {
          case OFFER_RECEIVED -> lastOffer.put(field(event, "blueprintId"), now);
          case SLICE_AWARDED -> awarded.putIfAbsent(field(event, "sliceId"), now);
          case SLICE_READY -> ready.putIfAbsent(field(event, "id"), now);
          default -> {
            // not a step the benchmark times
          }
        }
      }
    } catch (RuntimeException e) {
      // Closing the iterator ends the stream with a cancellation; anything else is worth a line.
      if (!Thread.currentThread().isInterrupted()) {
        LOG.log(System.Logger.Level.DEBUG, "event stream ended: {0}", e.toString());
      }
    }
  }

  private static String field(final ChaincodeEvent event, final String name) {
    JsonObject payload = Json.parseObject(new String(event.getPayload(), StandardCharsets.UTF_8));
    return payload.has(name) ? payload.get(name).getAsString() : "";
  }

  @Override
  public void close() {
    events.close();
    reader.interrupt();
  }
}
