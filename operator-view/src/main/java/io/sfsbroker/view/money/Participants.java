package io.sfsbroker.view.money;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.web.Fields;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.PageQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The participants table shared by the escrow and token pages: 50 a page through {@code
 * participant:list}, each with its credit balance or its token count.
 */
final class Participants {

  static final int PAGE_SIZE = 50;

  private Participants() {}

  static void render(
      final Queries queries,
      final PageQuery query,
      final String base,
      final Html out,
      final boolean balances) {
    Map<String, Object> argument = new LinkedHashMap<>();
    argument.put("pageSize", PAGE_SIZE);
    query.text("participants").ifPresent(b -> argument.put("bookmark", b));
    JsonObject page =
        Fields.object(queries.get(TransactionName.PARTICIPANT_LIST, Json.toJson(argument)));
    List<JsonObject> participants = Fields.objects(page, "items");
    out.tableStart(
        List.of("participant", "role", "org", "status", balances ? "credits" : "tokens"));
    for (JsonObject participant : participants) {
      String account = "device:" + Fields.text(participant, "id");
      String figure;
      if (balances) {
        figure =
            Fields.text(
                Fields.object(queries.get(TransactionName.CREDIT_BALANCE_OF, account)), "balance");
      } else {
        figure =
            Fields.text(
                Fields.object(queries.get(TransactionName.NFT_BALANCE_OF, account)), "balance");
      }
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
