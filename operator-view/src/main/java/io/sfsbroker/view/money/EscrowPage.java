package io.sfsbroker.view.money;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.web.Fields;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.Page;
import io.sfsbroker.view.web.PageQuery;
import java.util.ArrayList;
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
    // Two rounds of parallel queries: both lists, then every row's escrow and balance.
    List<Optional<String>> lists =
        queries.findAll(
            List.of(
                Queries.Call.of(TransactionName.SLICE_LIST_SLICES, Json.toJson(argument)),
                Participants.list(query)));
    JsonObject slices = Fields.object(required(lists.get(0), "listSlices"));
    JsonObject participants = Fields.object(required(lists.get(1), "participant:list"));
    List<JsonObject> shown = Fields.objects(slices, "items");
    List<Queries.Call> rows = new ArrayList<>();
    for (JsonObject slice : shown) {
      rows.add(Queries.Call.of(TransactionName.CREDIT_GET_ESCROW, Fields.text(slice, "id")));
    }
    rows.addAll(Participants.figures(participants, true));
    List<Optional<String>> answers = queries.findAll(rows);
    out.tableStart(List.of("slice", "escrow", "amount", "payer", "payees", "locked"));
    for (int i = 0; i < shown.size(); i++) {
      String id = Fields.text(shown.get(i), "id");
      Optional<String> found = answers.get(i);
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
    if (!nextSlices.isEmpty() && shown.size() == PAGE_SIZE) {
      out.raw("<p class=\"pager\">")
          .link("/escrow?state=" + state + "&slices=" + PageQuery.encode(nextSlices), "more →")
          .raw("</p>");
    }
    out.element("h2", "Balances");
    Participants.render(
        participants,
        answers.subList(shown.size(), answers.size()),
        "/escrow?state=" + state + "&",
        out,
        true);
    return "";
  }

  static String required(final Optional<String> answer, final String what) {
    return answer.orElseThrow(() -> new IllegalArgumentException(what + " found nothing"));
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
