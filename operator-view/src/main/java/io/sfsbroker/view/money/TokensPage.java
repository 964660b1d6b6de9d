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
 * {@code /tokens}: the resource NFTs by owner. Without {@code ?owner=} it lists the participants
 * with their token counts; with it, that owner's tokens, 50 a page ({@code nft:listByOwner}).
 */
public final class TokensPage implements Page {

  static final int PAGE_SIZE = 50;

  private final Queries queries;

  /** Tokens as {@code queries} read them. */
  public TokensPage(final Queries queries) {
    this.queries = Objects.requireNonNull(queries, "queries");
  }

  @Override
  public String path() {
    return "/tokens";
  }

  @Override
  public String title() {
    return "Tokens";
  }

  @Override
  public String render(final PageQuery query, final Html out) {
    Optional<String> owner = query.id("owner");
    if (owner.isEmpty()) {
      // Two rounds of parallel queries: the supply and the participants, then their token counts.
      List<Optional<String>> lists =
          queries.findAll(
              List.of(Queries.Call.of(TransactionName.NFT_TOTAL_SUPPLY), Participants.list(query)));
      JsonObject participants =
          Fields.object(EscrowPage.required(lists.get(1), "participant:list"));
      List<Optional<String>> counts = queries.findAll(Participants.figures(participants, false));
      out.element("h1", "Tokens by owner");
      out.raw("<p>").text(supply(lists.get(0))).raw(" tokens exist.</p>");
      Participants.render(participants, counts, "/tokens?", out, false);
      return "";
    }
    out.element("h1", "Tokens of " + owner.get());
    Map<String, Object> argument = new LinkedHashMap<>();
    argument.put("owner", owner.get());
    argument.put("pageSize", PAGE_SIZE);
    query.text("bookmark").ifPresent(b -> argument.put("bookmark", b));
    JsonObject page =
        Fields.object(queries.get(TransactionName.NFT_LIST_BY_OWNER, Json.toJson(argument)));
    List<JsonObject> tokens = Fields.objects(page, "items");
    out.tableStart(List.of("token", "kind", "approved", "metadata", "minted"));
    for (JsonObject token : tokens) {
      out.row(
          List.of(
              Fields.text(token, "id"),
              Fields.text(token, "kind"),
              Fields.text(token, "approved"),
              Fields.text(token, "metadata"),
              Fields.text(token, "mintedAt")));
    }
    out.tableEnd();
    String next = Fields.text(page, "bookmark");
    if (!next.isEmpty() && tokens.size() == PAGE_SIZE) {
      out.raw("<p class=\"pager\">")
          .link(
              "/tokens?owner="
                  + PageQuery.encode(owner.get())
                  + "&bookmark="
                  + PageQuery.encode(next),
              "next page →")
          .raw("</p>");
    }
    return owner.get();
  }

  private static String supply(final Optional<String> answer) {
    return Fields.text(Fields.object(EscrowPage.required(answer, "totalSupply")), "totalSupply");
  }
}
