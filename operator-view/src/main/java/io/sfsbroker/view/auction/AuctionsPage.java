package io.sfsbroker.view.auction;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.view.feed.EventLog;
import io.sfsbroker.view.feed.FeedEvent;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.web.Fields;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.Page;
import io.sfsbroker.view.web.PageQuery;
import io.sfsbroker.view.web.Svg;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /auctions}: the DDRA auctions, from the chaincode events the view keeps ({@code
 * AuctionOpened}, {@code RoundClosed}, {@code AuctionSettled}); with {@code ?id=} one auction round
 * by round, with a convergence plot of the price change per round against ε, and its state from
 * {@code auction:getAuction}.
 */
public final class AuctionsPage implements Page {

  static final int LIST_SIZE = 50;

  private final EventLog events;
  private final Queries queries;

  /** Auctions from {@code events}; the chosen one's state through {@code queries}. */
  public AuctionsPage(final EventLog events, final Queries queries) {
    this.events = Objects.requireNonNull(events, "events");
    this.queries = Objects.requireNonNull(queries, "queries");
  }

  @Override
  public String path() {
    return "/auctions";
  }

  @Override
  public String title() {
    return "Auctions";
  }

  @Override
  public String render(final PageQuery query, final Html out) {
    Optional<String> id = query.id("id");
    if (id.isPresent()) {
      auction(id.get(), out);
      return id.get();
    }
    out.element("h1", "Multi-round auctions (DDRA)");
    List<FeedEvent> opened =
        events.newest(e -> e.name().equals(EventName.AUCTION_OPENED.wireName()), LIST_SIZE);
    out.tableStart(List.of("auction", "period", "type", "planets", "groups", "opened in block"));
    for (FeedEvent event : opened) {
      JsonObject payload = Fields.object(event.payload());
      String auctionId = Fields.text(payload, "auctionId");
      out.raw("<tr><td>")
          .link("/auctions?id=" + PageQuery.encode(auctionId), auctionId)
          .raw("</td><td>")
          .text(Fields.text(payload, "period"))
          .raw("</td><td>")
          .text(Fields.text(payload, "type"))
          .raw("</td><td>")
          .text(Fields.text(payload, "planetIds"))
          .raw("</td><td>")
          .text(Fields.text(payload, "groupIds"))
          .raw("</td><td>")
          .text(event.id().block())
          .raw("</td></tr>");
    }
    out.tableEnd();
    if (opened.isEmpty()) {
      out.raw("<p class=\"muted\">No auction opened among the events the view keeps.</p>");
    }
    return "Auction";
  }

  private void auction(final String id, final Html out) {
    out.raw("<h1>Auction <code>").text(id).raw("</code></h1>");
    queries
        .find(TransactionName.AUCTION_GET_AUCTION, id)
        .ifPresentOrElse(
            json -> {
              JsonObject view = Fields.object(json);
              JsonObject progress = Fields.child(view, "progress");
              out.raw("<p>Status ")
                  .state(Fields.text(progress, "status"))
                  .raw(", round ")
                  .text(Fields.text(progress, "round"))
                  .raw("; settings ")
                  .text(
                      Fields.child(view, "auction").get("settings") == null
                          ? ""
                          : Fields.child(Fields.child(view, "auction"), "settings"))
                  .raw("</p>");
            },
            () -> out.raw("<p class=\"muted\">No such auction on the ledger.</p>"));
    List<FeedEvent> rounds =
        new ArrayList<>(
            events.newest(
                e ->
                    e.name().equals(EventName.ROUND_CLOSED.wireName())
                        && e.payload().contains("\"" + id + "\""),
                10_000));
    Collections.reverse(rounds);
    List<Double> distances = new ArrayList<>();
    out.element("h2", "Rounds");
    out.tableStart(List.of("round", "bidders", "price change (distance)", "next round", "prices"));
    for (FeedEvent event : rounds) {
      JsonObject round = Fields.object(event.payload());
      if (!id.equals(Fields.text(round, "auctionId"))) {
        continue;
      }
      distances.add(Fields.number(round, "distance"));
      out.row(
          List.of(
              Fields.text(round, "round"),
              Fields.text(round, "bidders"),
              Fields.text(round, "distance"),
              Fields.text(round, "nextRound"),
              Fields.text(round, "prices")));
    }
    out.tableEnd();
    if (!distances.isEmpty()) {
      out.raw(
          Svg.lines(
              "Convergence: price change per round",
              List.of(new Svg.Series("distance", distances))));
    }
    events
        .newest(
            e ->
                e.name().equals(EventName.AUCTION_SETTLED.wireName())
                    && e.payload().contains("\"" + id + "\""),
            1)
        .forEach(
            settled -> {
              JsonObject allocation = Fields.object(settled.payload());
              out.element("h2", "Settlement");
              out.tableStart(List.of("group", "planet", "amount"));
              for (JsonObject payment : Fields.objects(allocation, "payments")) {
                out.row(
                    List.of(
                        Fields.text(payment, "groupId"),
                        Fields.text(payment, "planetId"),
                        Fields.text(payment, "amount")));
              }
              out.tableEnd();
            });
  }
}
