package io.sfsbroker.view.web;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.sfsbroker.view.feed.EventId;
import io.sfsbroker.view.feed.EventLog;
import io.sfsbroker.view.feed.FeedEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /events}: the chaincode events as Server-Sent Events, each with id {@code
 * <block>:<txId>}. It starts after {@code Last-Event-ID} (what a reconnecting browser sends) or
 * else after {@code ?after=} (the checkpoint a page was rendered at), so a reconnect or reload
 * neither misses nor repeats an event; a checkpoint older than the kept events gets a {@code reset}
 * event (reload the page). At most {@code maxStreams} streams are open at once.
 */
public final class EventStream implements HttpHandler {

  private static final long HEARTBEAT_MILLIS = 15_000;

  private final EventLog events;
  private final Semaphore streams;

  /** Streams the events of {@code events}, to at most {@code maxStreams} browsers at once. */
  public EventStream(final EventLog events, final int maxStreams) {
    this.events = Objects.requireNonNull(events, "events");
    this.streams = new Semaphore(maxStreams);
  }

  /** The checkpoint a request resumes after: {@code Last-Event-ID} first, then {@code after}. */
  public static Optional<EventId> checkpoint(final String lastEventId, final String after) {
    Optional<EventId> header = EventId.parse(lastEventId);
    return header.isPresent() ? header : EventId.parse(after);
  }

  /** One event in the text form of Server-Sent Events. */
  public static String format(final FeedEvent event) {
    JsonObject data = new JsonObject();
    data.addProperty("name", event.name());
    data.addProperty("block", event.id().block());
    data.addProperty("txId", event.id().txId());
    JsonElement payload;
    try {
      payload = JsonParser.parseString(event.payload());
    } catch (RuntimeException e) {
      payload = new JsonPrimitive(event.payload());
    }
    data.add("payload", payload);
    subject(payload).ifPresent(subject -> data.addProperty("subject", subject));
    return "id: " + event.id() + "\nevent: ledger\ndata: " + data + "\n\n";
  }

  private static Optional<String> subject(final JsonElement payload) {
    if (!payload.isJsonObject()) {
      return Optional.empty();
    }
    for (String name :
        new String[] {"sliceId", "blueprintId", "id", "auctionId", "applicationId"}) {
      JsonElement value = payload.getAsJsonObject().get(name);
      if (value != null && value.isJsonPrimitive()) {
        return Optional.of(value.getAsString());
      }
    }
    return Optional.empty();
  }

  @Override
  public void handle(final HttpExchange exchange) throws IOException {
    if (!streams.tryAcquire()) {
      byte[] body =
          "too many open event streams; try again later\n".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
      return;
    }
    try {
      Optional<EventId> at =
          checkpoint(
              exchange.getRequestHeaders().getFirst("Last-Event-ID"),
              PageQuery.of(exchange.getRequestURI()).text("after").orElse(null));
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (at.isEmpty()) {
        at = events.latest();
      }
      while (!Thread.currentThread().isInterrupted()) {
        EventLog.Replay replay = events.await(at, HEARTBEAT_MILLIS);
        if (replay.reset()) {
          out.write("event: reset\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          return;
        }
        if (replay.events().isEmpty()) {
          out.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
        }
        for (FeedEvent event : replay.events()) {
          out.write(format(event).getBytes(StandardCharsets.UTF_8));
          at = Optional.of(event.id());
        }
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The browser went away.
    } finally {
      streams.release();
      exchange.close();
    }
  }
}
