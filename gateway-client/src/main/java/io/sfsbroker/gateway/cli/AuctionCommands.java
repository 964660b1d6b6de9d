package io.sfsbroker.gateway.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code auction show}: a DDRA auction, one of its rounds, and its final allocation. */
@Command(name = "auction", description = "Show a DDRA auction, a round of it, its allocation.")
final class AuctionCommands {

  private final Session session;

  AuctionCommands(final Session session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  @Command(
      name = "show",
      description =
          "Show an auction: period, type, Planets, groups, where it stands and, once settled,"
              + " its allocation.")
  void show(
      @Parameters(paramLabel = "AUCTION_ID", description = "The auction (a-…).") final String id,
      @Option(
              names = "--round",
              paramLabel = "N",
              converter = Arguments.Positive.class,
              description = "Also show round N: its prices, bidders and outcome.")
          final Long round) {
    JsonObject view = session.evaluateObject(TransactionName.AUCTION_GET_AUCTION, id);
    JsonObject all = view.deepCopy();
    Optional<JsonObject> allocation =
        JsonText.text(JsonText.object(view, "progress"), "status").equals("SETTLED")
            ? session.find(TransactionName.AUCTION_GET_ALLOCATION, id)
            : Optional.empty();
    allocation.ifPresent(a -> all.add("allocation", a));
    Optional<JsonObject> roundView =
        round == null
            ? Optional.empty()
            : Optional.of(
                session.evaluateObject(
                    TransactionName.AUCTION_GET_ROUND, id, Long.toString(round)));
    roundView.ifPresent(r -> all.add("round", r));
    session.print(all, () -> describe(all));
  }

  /**
   * An auction in sections, from what {@code show} gathers: {@code {"auction","progress"}} and,
   * when present, {@code "round"} and {@code "allocation"}.
   */
  static String describe(final JsonObject view) {
    JsonObject auction = JsonText.object(view, "auction");
    JsonObject progress = JsonText.object(view, "progress");
    JsonObject instance = JsonText.object(auction, "instance");
    JsonObject parameters = JsonText.object(auction, "parameters");
    StringBuilder text = new StringBuilder();
    text.append(
        Table.fields()
            .row("auction", JsonText.text(auction, "id"))
            .row("period", JsonText.text(auction, "period"))
            .row("type", JsonText.text(auction, "type"))
            .row("status", JsonText.text(progress, "status"))
            .row("round", JsonText.text(progress, "round"))
            .row("round length", JsonText.text(auction, "roundSeconds") + " s")
            .row("planets", ids(JsonText.array(instance, "planets")))
            .row("groups", ids(JsonText.array(instance, "groups")))
            .row(
                "parameters",
                "gamma "
                    + JsonText.text(parameters, "gamma")
                    + ", epsilon "
                    + JsonText.text(parameters, "epsilon")
                    + ", at most "
                    + JsonText.text(parameters, "maxRounds")
                    + " rounds")
            .row("opened", JsonText.text(auction, "openedAt"))
            .row("opened by", JsonText.text(auction, "openedBy"))
            .row("updated", JsonText.text(progress, "updatedAt"))
            .render());
    if (view.has("round")) {
      JsonObject round = JsonText.object(view, "round");
      text.append("\nround ").append(JsonText.text(round, "round")).append('\n');
      text.append(
          Table.fields()
              .row("status", JsonText.text(round, "status"))
              .row("opened", JsonText.text(round, "openedAt"))
              .row("deadline", JsonText.text(round, "deadline"))
              .row("closed", JsonText.text(round, "closedAt"))
              .row("bidders", JsonText.text(round, "bidders"))
              .row("distance", JsonText.text(round, "distance"))
              .row("last", JsonText.text(round, "last"))
              .render());
    }
    if (view.has("allocation")) {
      JsonObject allocation = JsonText.object(view, "allocation");
      Table fields =
          Table.fields()
              .row("rounds", JsonText.text(allocation, "rounds"))
              .row("converged", JsonText.text(allocation, "converged"))
              .row("distance", JsonText.text(allocation, "distance"))
              .row("max capacity ratio", JsonText.text(allocation, "maxCapacityRatio"));
      if (allocation.has("payments")) {
        fields
            .row("payments", JsonText.array(allocation, "payments").size() + " in escrow")
            .row("unfunded groups", JsonText.text(allocation, "unfunded"));
      }
      fields
          .row("settled", JsonText.text(allocation, "settledAt"))
          .row("transaction", JsonText.text(allocation, "txId"));
      text.append("\nallocation\n").append(fields.render());
    }
    return text.toString();
  }

  private static String ids(final JsonArray items) {
    JsonArray ids = new JsonArray();
    for (JsonObject item : JsonText.objects(items)) {
      ids.add(JsonText.text(item, "id"));
    }
    return JsonText.text(ids);
  }
}
