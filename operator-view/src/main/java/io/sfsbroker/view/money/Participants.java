package io.sfsbroker.view.money;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.web.Fields;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.PageQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The participants table shared by the escrow and token pages: 50 a page through {@code
 * participant:list}, each with its credit balance or its token count. The page's queries are asked
 * in two rounds: the list (with whatever else the page lists), then every row's figure at once.
 */
final class Participants {

  static final int PAGE_SIZE = 50;

  private Participants() {}

  /** The {@code participant:list} call of the page {@code query} asks for. */
  static Queries.Call list(final PageQuery query) {
    Map<String, Object> argument = new LinkedHashMap<>();
    argument.put("pageSize", PAGE_SIZE);
    query.text("participants").ifPresent(b -> argument.put("bookmark", b));
    return Queries.Call.of(TransactionName.PARTICIPANT_LIST, Json.toJson(argument));
  }

  /** The figure of each participant of {@code page}: its credit balance or its token count. */
  static List<Queries.Call> figures(final JsonObject page, final boolean balances) {
    List<Queries.Call> calls = new ArrayList<>();
    for (JsonObject participant : Fields.objects(page, "items")) {
      calls.add(
          Queries.Call.of(
              balances ? TransactionName.CREDIT_BALANCE_OF : TransactionName.NFT_BALANCE_OF,
              "device:" + Fields.text(participant, "id")));
    }
    return calls;
  }

  /** Renders {@code page} with the answers of {@link #figures}. */
  static void render(
      final JsonObject page,
      final List<Optional<String>> figures,
      final String base,
      final Html out,
      final boolean balances) {
    List<JsonObject> participants = Fields.objects(page, "items");
    out.tableStart(
        List.of("participant", "role", "org", "status", balances ? "credits" : "tokens"));
    for (int i = 0; i < participants.size(); i++) {
      JsonObject participant = participants.get(i);
      String account = "device:" + Fields.text(participant, "id");
      String figure = figures.get(i).map(f -> Fields.text(Fields.object(f), "balance")).orElse("–");
      out.raw("<tr><td>");
      if (balances) {
        out.text(account);
      } else {
        out.link("/tokens?owner=" + PageQuery.encode(account), account);
      }
      out.raw("</td><td>")
          .text(Fields.text(participant, "role"))
          .raw("</td><td>")
          .text(Fields.text(participant, "org"))
          .raw("</td><td>")
          .text(Fields.text(participant, "status"))
          .raw("</td><td>")
          .text(figure)
          .raw("</td></tr>");
    }
    out.tableEnd();
    String next = Fields.text(page, "bookmark");
    if (!next.isEmpty() && participants.size() == PAGE_SIZE) {
      out.raw("<p class=\"pager\">")
          .link(base + "participants=" + PageQuery.encode(next), "more participants →")
          .raw("</p>");
    }
  }
}
