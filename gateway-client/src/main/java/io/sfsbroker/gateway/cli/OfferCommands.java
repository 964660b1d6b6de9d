package io.sfsbroker.gateway.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code offer list|show}: the RPs' offers on one slice request. */
@Command(name = "offer", description = "List and show the offers RPs made on a slice request.")
final class OfferCommands {

  private final Session session;

  OfferCommands(final Session session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  @Command(name = "list", description = "List the offers on one slice request, in RP-id order.")
  void list(
      @Option(
              names = "--slice",
              required = true,
              paramLabel = "SLICE_ID",
              description = "The slice request (blueprint) offered on.")
          final String sliceId,
      @Mixin final PageOptions page) {
    Map<String, Object> query = page.query();
    query.put("blueprintId", sliceId);
    session.printPage(TransactionName.OFFER_LIST_OFFERS, query, OfferCommands::table);
  }

  @Command(name = "show", description = "Show one RP's offer on a slice request.")
  void show(
      @Parameters(index = "0", paramLabel = "SLICE_ID", description = "The slice request.")
          final String sliceId,
      @Parameters(index = "1", paramLabel = "RP_ID", description = "The RP.") final String rpId) {
    JsonObject offer = session.evaluateObject(TransactionName.OFFER_GET_OFFER, sliceId, rpId);
    session.print(offer, () -> table(pageOf(offer)));
  }

  /** A page of offers as a table: one line per RP and category. */
  static String table(final JsonObject page) {
    Table table =
        Table.withHeader("RP", "CATEGORY", "UNIT PRICE", "AVAILABLE", "RESERVE", "SUBMITTED");
    for (JsonObject offer : JsonText.objects(JsonText.array(page, "items"))) {
      for (JsonObject line : JsonText.objects(JsonText.array(offer, "categories"))) {
        table.row(
            JsonText.text(offer, "rpId"),
            JsonText.text(line, "category"),
            JsonText.text(line, "unitPrice"),
            JsonText.text(line, "available"),
            JsonText.text(line, "reservePrice"),
            JsonText.text(offer, "submittedAt"));
      }
    }
    return (table.isEmpty() ? "no offers\n" : table.render()) + PageOptions.footer(page);
  }

  private static JsonObject pageOf(final JsonObject offer) {
    JsonArray items = new JsonArray();
    items.add(offer);
    JsonObject page = new JsonObject();
    page.add("items", items);
    return page;
  }
}
