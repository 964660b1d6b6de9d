package io.sfsbroker.view.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.view.feed.EventId;
import io.sfsbroker.view.feed.EventLog;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Serves the pages: the whole page, or only its {@code <main>} content when the live script asks
 * ({@code X-Fragment: main}). Only {@code GET} and {@code HEAD}: the view is read-only. Bad input
 * is a 400 naming what is wrong; a query the ledger refuses is a 502 with the ledger's code.
 */
public final class PageHandler implements HttpHandler {

  private static final System.Logger LOG = System.getLogger(PageHandler.class.getName());

  private final List<Page> pages;
  private final EventLog events;

  /** Serves {@code pages}; {@code events} gives each page its checkpoint. */
  public PageHandler(final List<Page> pages, final EventLog events) {
    this.pages = List.copyOf(pages);
    this.events = Objects.requireNonNull(events, "events");
  }

  @Override
  public void handle(final HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain", "the view is read-only: GET only\n");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      Page page = find(path.equals("/") ? "/health" : path);
      if (page == null) {
        send(exchange, 404, "text/plain", "no page " + path + "\n");
        return;
      }
      // The checkpoint is taken before the page reads the ledger: an event that lands meanwhile
      // is sent again to the live script, which at worst refreshes once more; none is missed.
      String checkpoint = events.latest().map(EventId::toString).orElse("");
      Html main = new Html();
      String watch;
      try {
        watch = page.render(PageQuery.of(exchange.getRequestURI()), main);
      } catch (IllegalArgumentException e) {
        send(exchange, 400, "text/plain", "bad request: " + e.getMessage() + "\n");
        return;
      } catch (LedgerException e) {
        LOG.log(Level.WARNING, "a query of {0} failed: {1}", path, e.getMessage());
        send(exchange, 502, "text/plain", "the ledger refused a query: " + e.getMessage() + "\n");
        return;
      }
      boolean fragment = "main".equals(exchange.getRequestHeaders().getFirst("X-Fragment"));
      send(
          exchange,
          200,
          "text/html",
          fragment
              ? main.toString()
              : Layout.page(pages, page, main.toString(), watch, checkpoint));
    }
  }

  private Page find(final String path) {
    for (Page page : pages) {
      if (page.path().equals(path)) {
        return page;
      }
    }
    return null;
  }

  private static void send(
      final HttpExchange exchange, final int status, final String type, final String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
