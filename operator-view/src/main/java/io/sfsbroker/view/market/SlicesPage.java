package io.sfsbroker.view.market;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.web.Fields;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.Page;
import io.sfsbroker.view.web.PageQuery;
import io.sfsbroker.view.web.Pager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /slices}: every slice (or those in one state), 50 a page, through the chaincode's paged
 * {@code slice:listSlices}: open requests ({@code OFFERING}), awarded, running and ended slices,
 * each linking to its request → offers → selection → slice page.
 */
public final class SlicesPage implements Page {

  static final int PAGE_SIZE = 50;
  static final List<String> STATES =
      List.of(
          "OFFERING", "AWARDED", "ACTIVE", "IN_SERVICE", "DECOMMISSIONED", "FAILED", "TIMED_OUT");

  private final Queries queries;

  /** Slices as {@code queries} read them. */
  public SlicesPage(final Queries queries) {
    this.queries = Objects.requireNonNull(queries, "queries");
  }

  @Override
  public String path() {
    return "/slices";
  }

  @Override
  public String title() {
    return "Slices";
  }

  /** The argument of {@code listSlices} for a state (or all) and a bookmark. */
  static String listArgument(final Optional<String> state, final Optional<String> bookmark) {
    Map<String, Object> extra = new LinkedHashMap<>();
    state.ifPresent(s -> extra.put("state", s));
    return Json.toJson(Pager.argument(extra, PAGE_SIZE, bookmark));
  }

  @Override
  public String render(final PageQuery query, final Html out) {
    Optional<String> state = query.text("state");
    if (state.isPresent() && !STATES.contains(state.get())) {
      throw new IllegalArgumentException("state must be one of " + STATES + ", was " + state.get());
    }
    Optional<String> bookmark = Pager.bookmark(query);
    JsonObject page =
        Fields.object(
            queries.get(TransactionName.SLICE_LIST_SLICES, listArgument(state, bookmark)));
    out.element("h1", "Slice market: requests → offers → selection → slices");
    out.raw("<p class=\"pager\">Show: ");
    out.link("/slices", "all");
    for (String s : STATES) {
      out.link("/slices?state=" + s, s);
    }
    out.raw("</p>");
    List<JsonObject> slices = Fields.objects(page, "items");
    out.tableStart(
        List.of("slice", "tenant", "state", "winners (RP: category)", "total price", "updated"));
    for (JsonObject slice : slices) {
      String id = Fields.text(slice, "id");
      List<String> winners = new ArrayList<>();
      for (JsonObject winner : Fields.objects(slice, "winners")) {
        winners.add(Fields.text(winner, "rpId") + ": " + Fields.text(winner, "category"));
      }
      out.raw("<tr data-slice=\"")
          .text(id)
          .raw("\"><td>")
          .link("/slice?id=" + PageQuery.encode(id), id)
          .raw("</td><td>")
          .text(Fields.text(slice, "tenantId"))
          .raw("</td><td class=\"slice-state\">")
          .state(Fields.text(slice, "state"))
          .raw("</td><td>")
          .text(String.join(", ", winners))
          .raw("</td><td>")
          .text(Fields.text(slice, "totalPrice"))
          .raw("</td><td>")
          .text(Fields.text(slice, "updatedAt"))
          .raw("</td></tr>");
    }
    out.tableEnd();
    if (slices.isEmpty()) {
      out.raw("<p class=\"muted\">No slices here.</p>");
    }
    Pager.links(
        out,
        "/slices?" + state.map(s -> "state=" + s + "&").orElse(""),
        bookmark,
        Fields.text(page, "bookmark"),
        slices.size() == PAGE_SIZE);
    return bookmark.isPresent() ? Page.STATIC : "";
  }
}
