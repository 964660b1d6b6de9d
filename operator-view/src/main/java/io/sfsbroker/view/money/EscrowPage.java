package io.sfsbroker.view.money;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.web.Fields;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.Page;
import io.sfsbroker.view.web.PageQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /escrow}: what sits in escrow for the slices of one state (50 a page, default {@code
 * IN_SERVICE}), and the credit balance of every participant (50 a page).
 */
public final class EscrowPage implements Page {

  static final int PAGE_SIZE = 50;
  private static final List<String> HOLDING = List.of("AWARDED", "ACTIVE", "IN_SERVICE");

  private final Queries queries;

  /** Escrows and balances as {@code queries} read them. */
  public EscrowPage(final Queries queries) {
    this.queries = Objects.requireNonNull(queries, "queries");
  }

  @Override
  public String path() {
    return "/escrow";
  }

  @Override
  public String title() {
    return "Escrow & balances";
  }

  @Override
  public String render(final PageQuery query, final Html out) {
    String state = query.text("state").orElse("IN_SERVICE");
    if (!HOLDING.contains(state)) {
      throw new IllegalArgumentException("state must be one of " + HOLDING + ", was " + state);
    }
    out.element("h1", "Escrow and balances");
    out.raw("<p class=\"pager\">Escrow of slices that are ");
    for (String s : HOLDING) {
      out.link("/escrow?state=" + s, s);
    }
    out.raw("</p>");
    Map<String, Object> argument = new LinkedHashMap<>();
    argument.put("state", state);
    argument.put("pageSize", PAGE_SIZE);
    query.text("slices").ifPresent(b -> argument.put("bookmark", b));
    JsonObject slices =
        Fields.object(queries.get(TransactionName.SLICE_LIST_SLICES, Json.toJson(argument)));
    out.tableStart(List.of("slice", "escrow", "amount", "payer", "payees", "locked"));
    for (JsonObject slice : Fields.objects(slices, "items")) {
      String id = Fields.text(slice, "id");
      Optional<String> found = queries.find(TransactionName.CREDIT_GET_ESCROW, id);
      JsonObject escrow = found.map(Fields::object).orElse(new JsonObject());
      out.raw("<tr><td>")
          .link("/slice?id=" + PageQuery.encode(id), id)
          .raw("</td><td>")
          .state(found.isPresent() ? Fields.text(escrow, "state") : "NONE")
          .raw("</td><td>")
          .text(Fields.text(escrow, "amount"))
          .raw("</td><td>")
          .text(Fields.text(escrow, "payer"))
          .raw("</td><td>")
          .text(payees(escrow))
          .raw("</td><td>")
          .text(Fields.text(escrow, "lockedAt"))
          .raw("</td></tr>");
    }
    out.tableEnd();
    String nextSlices = Fields.text(slices, "bookmark");
    if (!nextSlices.isEmpty() && Fields.objects(slices, "items").size() == PAGE_SIZE) {
      out.raw("<p class=\"pager\">")
          .link("/escrow?state=" + state + "&slices=" + PageQuery.encode(nextSlices), "more →")
          .raw("</p>");
    }
    out.element("h2", "Balances");
    Participants.render(queries, query, "/escrow?state=" + state + "&", out, true);
    return "";
  }

  private static String payees(final JsonObject escrow) {
    StringBuilder text = new StringBuilder();
    for (JsonObject payee : Fields.objects(escrow, "payees")) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(Fields.text(payee, "account")).append(" ").append(Fields.text(payee, "amount"));
    }
    return text.toString();
  }
}
