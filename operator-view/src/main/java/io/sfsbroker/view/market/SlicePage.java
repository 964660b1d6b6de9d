package io.sfsbroker.view.market;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.web.Fields;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.Page;
import io.sfsbroker.view.web.PageQuery;
import io.sfsbroker.view.web.Svg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /slice?id=}: one slice from request to service: the blueprint, the offers (50 a page), the
 * selection with its equilibrium table as a table and a chart (the first 50 RPs), the parts and
 * endpoints the winners confirmed, the state timeline and the escrow. Refreshes itself on every
 * event that names the slice.
 */
public final class SlicePage implements Page {

  static final int OFFER_PAGE = 50;
  static final int TABLE_ROWS = 50;

  private final Queries queries;

  /** Slices as {@code queries} read them. */
  public SlicePage(final Queries queries) {
    this.queries = Objects.requireNonNull(queries, "queries");
  }

  @Override
  public String path() {
    return "/slice";
  }

  @Override
  public String title() {
    return "Slice";
  }

  @Override
  public boolean inNavigation() {
    return false;
  }

  @Override
  public String render(final PageQuery query, final Html out) {
    String id =
        query.id("id").orElseThrow(() -> new IllegalArgumentException("give ?id=<slice id>"));
    // Every query of the page at once, in parallel: the page waits for the slowest, not the sum.
    List<Optional<String>> answers =
        queries.findAll(
            List.of(
                Queries.Call.of(TransactionName.SLICE_GET_SLICE, id),
                Queries.Call.of(TransactionName.REQUEST_GET_BLUEPRINT, id),
                Queries.Call.of(TransactionName.OFFER_LIST_OFFERS, offersArgument(id, query)),
                Queries.Call.of(TransactionName.SELECTION_GET_SELECTION, id),
                Queries.Call.of(TransactionName.SELECTION_GET_EQUILIBRIUM_TABLE, id),
                Queries.Call.of(TransactionName.SLICE_GET_SLICE_PARTS, id),
                Queries.Call.of(TransactionName.SLICE_GET_SLICE_HISTORY, id),
                Queries.Call.of(TransactionName.CREDIT_GET_ESCROW, id)));
    Optional<String> found = answers.get(0);
    if (found.isEmpty()) {
      out.element("h1", "Slice " + id);
      out.raw("<p>No slice <code>").text(id).raw("</code> on the ledger (yet).</p>");
      return id;
    }
    JsonObject slice = Fields.object(found.get());
    out.raw("<h1>Slice <code>").text(id).raw("</code> <span id=\"slice-state\">");
    out.state(Fields.text(slice, "state")).raw("</span></h1>");
    out.tableStart(
        List.of(
            "tenant",
            "org",
            "created",
            "offer deadline",
            "total price",
            "federated",
            "valid until",
            "reason"));
    out.row(
        List.of(
            Fields.text(slice, "tenantId"),
            Fields.text(slice, "tenantOrg"),
            Fields.text(slice, "createdAt"),
            Fields.text(slice, "offerDeadline"),
            Fields.text(slice, "totalPrice"),
            Fields.text(slice, "federated"),
            Fields.text(slice, "validUntil"),
            Fields.text(slice, "reason")));
    out.tableEnd();
    blueprint(answers.get(1), out);
    offers(id, answers.get(2), out);
    selection(answers.get(3), answers.get(4), out);
    parts(answers.get(5), out);
    timeline(answers.get(6), out);
    escrow(answers.get(7), out);
    return id;
  }

  private static void blueprint(final Optional<String> found, final Html out) {
    out.element("h2", "1 · Request and blueprint");
    if (found.isEmpty()) {
      out.raw("<p class=\"muted\">No blueprint.</p>");
      return;
    }
    JsonObject blueprint = Fields.object(found.get());
    out.raw("<p>Strategy <b>")
        .text(Fields.text(blueprint, "strategy"))
        .raw("</b>, service class ")
        .text(
            Fields.text(blueprint, "serviceClass").isEmpty()
                ? "–"
                : Fields.text(blueprint, "serviceClass"))
        .raw(", budget ")
        .text(Fields.text(blueprint, "budget").isEmpty() ? "–" : Fields.text(blueprint, "budget"))
        .raw(", QoE ")
        .text(Fields.child(blueprint, "qoe"))
        .raw("</p>");
    out.tableStart(List.of("category", "amount", "max unit price", "budget", "max amount"));
    for (JsonObject category : Fields.objects(blueprint, "categories")) {
      out.row(
          List.of(
              Fields.text(category, "category"),
              Fields.text(category, "amount"),
              Fields.text(category, "maxUnitPrice"),
              Fields.text(category, "budget"),
              Fields.text(category, "maxAmount")));
    }
    out.tableEnd();
  }

  private static String offersArgument(final String id, final PageQuery query) {
    Map<String, Object> argument = new LinkedHashMap<>();
    argument.put("blueprintId", id);
    argument.put("pageSize", OFFER_PAGE);
    query.text("offers").ifPresent(b -> argument.put("bookmark", b));
    return Json.toJson(argument);
  }

  private static void offers(final String id, final Optional<String> answer, final Html out) {
    out.element("h2", "2 · Offers");
    JsonObject page = answer.map(Fields::object).orElse(new JsonObject());
    List<JsonObject> offers = Fields.objects(page, "items");
    out.tableStart(
        List.of("RP", "category", "unit price (ask)", "available", "reserve", "QoE", "submitted"));
    for (JsonObject offer : offers) {
      for (JsonObject line : Fields.objects(offer, "categories")) {
        out.row(
            List.of(
                Fields.text(offer, "rpId"),
                Fields.text(line, "category"),
                Fields.text(line, "unitPrice"),
                Fields.text(line, "available"),
                Fields.text(line, "reservePrice"),
                Fields.text(line, "qoe"),
                Fields.text(offer, "submittedAt")));
      }
    }
    out.tableEnd();
    String next = Fields.text(page, "bookmark");
    if (!next.isEmpty() && offers.size() == OFFER_PAGE) {
      out.raw("<p class=\"pager\">")
          .link(
              "/slice?id=" + PageQuery.encode(id) + "&offers=" + PageQuery.encode(next),
              "more offers →")
          .raw("</p>");
    }
  }

  private static void selection(
      final Optional<String> found, final Optional<String> table, final Html out) {
    out.element("h2", "3 · Selection");
    if (found.isEmpty()) {
      out.raw("<p class=\"muted\">The offer window is still open: no selection yet.</p>");
      return;
    }
    JsonObject selection = Fields.object(found.get());
    out.raw("<p>")
        .state(Fields.text(selection, "status"))
        .raw(" by ")
        .text(Fields.text(selection, "strategy"))
        .raw(" over ")
        .text(Fields.text(selection, "offerCount"))
        .raw(" offers; total price <b>")
        .text(Fields.text(selection, "totalPrice"))
        .raw("</b>; iterations ")
        .text(Fields.text(selection, "iterations"))
        .raw(", converged ")
        .text(Fields.text(selection, "converged"))
        .raw(". ")
        .text(Fields.text(selection, "reason"))
        .raw("</p>");
    out.tableStart(List.of("category", "winner", "unit price", "amount", "price"));
    Set<String> winners = new TreeSet<>();
    for (JsonObject winner : Fields.objects(selection, "winners")) {
      winners.add(Fields.text(winner, "rpId") + "|" + Fields.text(winner, "category"));
      out.row(
          List.of(
              Fields.text(winner, "category"),
              Fields.text(winner, "rpId"),
              Fields.text(winner, "unitPrice"),
              Fields.text(winner, "amount"),
              Fields.text(winner, "price")));
    }
    out.tableEnd();
    if (table.isPresent()) {
      equilibrium(Fields.object(table.get()), winners, out);
    }
  }

  /** The equilibrium table: one row per RP and category, and a bar chart per category. */
  static void equilibrium(final JsonObject table, final Set<String> winners, final Html out) {
    out.element("h2", "Equilibrium table (" + Fields.text(table, "strategy") + ")");
    List<JsonObject> cells = Fields.objects(table, "cells");
    Set<String> rps = new TreeSet<>();
    for (JsonObject cell : cells) {
      rps.add(Fields.text(cell, "rpId"));
    }
    List<String> shownRps = new ArrayList<>(rps).subList(0, Math.min(rps.size(), TABLE_ROWS));
    out.raw("<p class=\"muted\">Digest <code>")
        .text(Fields.text(table, "tableDigest"))
        .raw("</code>; ")
        .text(rps.size())
        .raw(" RPs")
        .text(rps.size() > TABLE_ROWS ? ", the first " + TABLE_ROWS + " shown" : "")
        .raw(".</p>");
    out.tableStart(List.of("RP", "category", "state", "unit price", "demand", "profit", "won"));
    Map<String, List<Svg.Bar>> bars = new LinkedHashMap<>();
    for (JsonObject cell : cells) {
      String rp = Fields.text(cell, "rpId");
      if (!shownRps.contains(rp)) {
        continue;
      }
      String category = Fields.text(cell, "category");
      boolean won = winners.contains(rp + "|" + category);
      out.row(
          List.of(
              rp,
              category,
              Fields.text(cell, "state"),
              Fields.text(cell, "unitPrice"),
              Fields.text(cell, "demand"),
              Fields.text(cell, "profit"),
              won ? "★" : ""));
      bars.computeIfAbsent(category, c -> new ArrayList<>())
          .add(new Svg.Bar(rp, Fields.number(cell, "unitPrice"), won));
    }
    out.tableEnd();
    for (Map.Entry<String, List<Svg.Bar>> category : bars.entrySet()) {
      out.raw(
          Svg.bars(
              "Equilibrium unit price per RP · " + category.getKey() + " (winner green)",
              category.getValue()));
    }
  }

  private static void parts(final Optional<String> answer, final Html out) {
    out.element("h2", "4 · Parts and endpoints");
    List<JsonObject> parts = answer.map(Fields::array).orElse(List.of());
    if (parts.isEmpty()) {
      out.raw("<p class=\"muted\">No winner has confirmed its part yet.</p>");
    }
    out.tableStart(List.of("RP", "category", "host", "ports", "instance", "confirmed"));
    for (JsonObject part : parts) {
      for (JsonObject endpoint : Fields.objects(part, "endpoints")) {
        out.row(
            List.of(
                Fields.text(part, "rpId"),
                Fields.text(endpoint, "category"),
                Fields.text(endpoint, "host"),
                Fields.text(endpoint, "ports"),
                Fields.text(endpoint, "instanceId"),
                Fields.text(part, "confirmedAt")));
      }
    }
    out.tableEnd();
  }

  private static void timeline(final Optional<String> answer, final Html out) {
    out.element("h2", "5 · State timeline");
    List<JsonObject> history = answer.map(Fields::array).orElse(List.of());
    out.raw("<ol class=\"timeline\">");
    for (JsonObject entry : history) {
      out.raw("<li>")
          .text(Fields.text(entry, "at"))
          .raw(" · ")
          .text(Fields.text(entry, "event"))
          .raw(" · ")
          .text(Fields.text(entry, "from").isEmpty() ? "–" : Fields.text(entry, "from"))
          .raw(" → ")
          .state(Fields.text(entry, "to"))
          .raw(" <span class=\"muted\">by ")
          .text(Fields.text(entry, "actor"))
          .raw(" ")
          .text(Fields.text(entry, "detail"))
          .raw("</span></li>");
    }
    out.raw("</ol>");
  }

  private static void escrow(final Optional<String> found, final Html out) {
    out.element("h2", "6 · Escrow");
    if (found.isEmpty()) {
      out.raw("<p class=\"muted\">Nothing locked for this slice.</p>");
      return;
    }
    JsonObject escrow = Fields.object(found.get());
    out.raw("<p>")
        .state(Fields.text(escrow, "state"))
        .raw(" ")
        .text(Fields.text(escrow, "amount"))
        .raw(" from ")
        .text(Fields.text(escrow, "payer"))
        .raw(", locked ")
        .text(Fields.text(escrow, "lockedAt"))
        .raw(" ")
        .text(Fields.text(escrow, "reason"))
        .raw("</p>");
    out.tableStart(List.of("payee", "amount"));
    for (JsonObject payee : Fields.objects(escrow, "payees")) {
      out.row(List.of(Fields.text(payee, "account"), Fields.text(payee, "amount")));
    }
    out.tableEnd();
  }
}
