package io.sfsbroker.view.auction;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.web.Fields;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.Page;
import io.sfsbroker.view.web.PageQuery;
import io.sfsbroker.view.web.Pager;
import io.sfsbroker.view.web.Svg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /auctions}: the DDRA auctions on the ledger, {@value #PAGE_SIZE} a page, through the
 * chaincode's paged {@code auction:listAuctions}; with {@code ?id=} one auction round by round
 * ({@code auction:listRounds}), with a convergence plot of the price change per round, and its
 * settlement ({@code auction:getAllocation}). Everything comes from the world state, so a restarted
 * view shows what the ledger holds; auction events refresh the page.
 */
public final class AuctionsPage implements Page {

  static final int PAGE_SIZE = 20;

  /** Rounds read per query of the detail page. */
  static final int ROUNDS_PAGE_SIZE = 100;

  /** The most rounds the detail page reads (the round limit of an auction is far lower). */
  static final int MAX_ROUNDS = 1000;

  /** What every auction event carries, and so what refreshes the list. */
  static final String AUCTION_EVENT = "\"auctionId\"";

  private final Queries queries;

  /** Auctions as {@code queries} read them. */
  public AuctionsPage(final Queries queries) {
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

  /** The argument of {@code auction:listAuctions} for a bookmark. */
  static String listArgument(final Optional<String> bookmark) {
    return Json.toJson(Pager.argument(Map.of(), PAGE_SIZE, bookmark));
  }

  /** The argument of {@code auction:listRounds} for an auction and a bookmark. */
  static String roundsArgument(final String auctionId, final Optional<String> bookmark) {
    return Json.toJson(Pager.argument(Map.of("auctionId", auctionId), ROUNDS_PAGE_SIZE, bookmark));
  }

  @Override
  public String render(final PageQuery query, final Html out) {
    Optional<String> id = query.id("id");
    if (id.isPresent()) {
      auction(id.get(), out);
      return id.get();
    }
    Optional<String> bookmark = Pager.bookmark(query);
    JsonObject page =
        Fields.object(queries.get(TransactionName.AUCTION_LIST_AUCTIONS, listArgument(bookmark)));
    out.element("h1", "Multi-round auctions (DDRA)");
    List<JsonObject> auctions = Fields.objects(page, "items");
    out.tableStart(
        List.of("auction", "period", "type", "planets", "groups", "status", "round", "opened"));
    for (JsonObject auction : auctions) {
      String auctionId = Fields.text(auction, "id");
      out.raw("<tr data-auction=\"")
          .text(auctionId)
          .raw("\"><td>")
          .link("/auctions?id=" + PageQuery.encode(auctionId), auctionId)
          .raw("</td><td>")
          .text(Fields.text(auction, "period"))
          .raw("</td><td>")
          .text(Fields.text(auction, "type"))
          .raw("</td><td>")
          .text(String.join(", ", Fields.strings(auction, "planetIds")))
          .raw("</td><td>")
          .text(Fields.text(auction, "groups"))
          .raw("</td><td>")
          .state(Fields.text(auction, "status"))
          .raw("</td><td>")
          .text(Fields.text(auction, "round"))
          .raw("</td><td>")
          .text(Fields.text(auction, "openedAt"))
          .raw("</td></tr>");
    }
    out.tableEnd();
    if (auctions.isEmpty()) {
      out.raw("<p class=\"muted\">No auctions on the ledger.</p>");
    }
    Pager.links(
        out, "/auctions?", bookmark, Fields.text(page, "bookmark"), auctions.size() == PAGE_SIZE);
    return bookmark.isPresent() ? Page.STATIC : AUCTION_EVENT;
  }

  private void auction(final String id, final Html out) {
    out.raw("<h1>Auction <code>").text(id).raw("</code></h1>");
    Optional<String> found = queries.find(TransactionName.AUCTION_GET_AUCTION, id);
    if (found.isEmpty()) {
      out.raw("<p class=\"muted\">No such auction on the ledger.</p>");
      return;
    }
    JsonObject view = Fields.object(found.get());
    JsonObject auction = Fields.child(view, "auction");
    JsonObject progress = Fields.child(view, "progress");
    out.raw("<p>Status <span id=\"auction-status\">")
        .state(Fields.text(progress, "status"))
        .raw("</span>, round ")
        .text(Fields.text(progress, "round"))
        .raw("; period ")
        .text(Fields.text(auction, "period"))
        .raw(", ")
        .text(Fields.text(auction, "type"))
        .raw(", parameters ")
        .text(Fields.text(auction, "parameters"))
        .raw("</p>");

    List<JsonObject> rounds = rounds(id);
    List<Double> distances = new ArrayList<>();
    out.element("h2", "Rounds");
    out.tableStart(
        List.of("round", "status", "bidders", "price change (distance)", "settled", "new prices"));
    for (JsonObject round : rounds) {
      boolean closed = "CLOSED".equals(Fields.text(round, "status"));
      if (closed) {
        distances.add(Fields.number(round, "distance"));
      }
      out.raw("<tr data-round=\"")
          .text(Fields.text(round, "round"))
          .raw("\"><td>")
          .text(Fields.text(round, "round"))
          .raw("</td><td>")
          .state(Fields.text(round, "status"))
          .raw("</td><td>")
          .text(closed ? Fields.strings(round, "bidders").size() : "")
          .raw("</td><td>")
          .text(Fields.text(round, "distance"))
          .raw("</td><td>")
          .text(Fields.text(round, "last"))
          .raw("</td><td>")
          .text(Fields.text(round, closed ? "newPrices" : "prices"))
          .raw("</td></tr>");
    }
    out.tableEnd();
    if (!distances.isEmpty()) {
      out.raw(
          Svg.lines(
              "Convergence: price change per round",
              List.of(new Svg.Series("distance", distances))));
    }
    queries
        .find(TransactionName.AUCTION_GET_ALLOCATION, id)
        .ifPresent(
            json -> {
              JsonObject allocation = Fields.object(json);
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

  /** Every round of the auction, up to {@value #MAX_ROUNDS}, in round order. */
  private List<JsonObject> rounds(final String id) {
    List<JsonObject> rounds = new ArrayList<>();
    Optional<String> bookmark = Optional.empty();
    do {
      JsonObject page =
          Fields.object(
              queries.get(TransactionName.AUCTION_LIST_ROUNDS, roundsArgument(id, bookmark)));
      List<JsonObject> items = Fields.objects(page, "items");
      rounds.addAll(items);
      String next = Fields.text(page, "bookmark");
      bookmark =
          next.isEmpty() || items.size() < ROUNDS_PAGE_SIZE ? Optional.empty() : Optional.of(next);
    } while (bookmark.isPresent() && rounds.size() < MAX_ROUNDS);
    return rounds;
  }
}
