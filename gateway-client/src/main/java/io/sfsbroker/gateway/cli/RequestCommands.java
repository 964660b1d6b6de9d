package io.sfsbroker.gateway.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code request list|show}: slice requests as the blueprints they were translated into. */
@Command(
    name = "request",
    description = "List and show slice requests (their blueprints: categories, prices, window).")
final class RequestCommands {

  private final Session session;

  RequestCommands(final Session session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  @Command(name = "list", description = "List the blueprints of slices in one state.")
  void list(
      @Option(
              names = "--state",
              paramLabel = "STATE",
              description = "The slices' state (default OFFERING: the open offer windows).")
          final String state,
      @Mixin final PageOptions page) {
    Map<String, Object> query = page.query();
    if (state != null) {
      query.put("state", Arguments.constant(state));
    }
    session.printPage(TransactionName.REQUEST_LIST_BLUEPRINTS, query, RequestCommands::table);
  }

  @Command(name = "show", description = "Show the blueprint of a slice request.")
  void show(
      @Parameters(paramLabel = "SLICE_ID", description = "The request's (and slice's) id.")
          final String id) {
    JsonObject blueprint = session.evaluateObject(TransactionName.REQUEST_GET_BLUEPRINT, id);
    session.print(blueprint, () -> describe(blueprint));
  }

  /** A page of blueprints as a table. */
  static String table(final JsonObject page) {
    Table table = Table.withHeader("ID", "TENANT", "STRATEGY", "CATEGORIES", "OFFER DEADLINE");
    for (JsonObject blueprint : JsonText.objects(JsonText.array(page, "items"))) {
      table.row(
          JsonText.text(blueprint, "id"),
          JsonText.text(blueprint, "tenantId"),
          JsonText.text(blueprint, "strategy"),
          categories(blueprint),
          JsonText.text(blueprint, "offerDeadline"));
    }
    return (table.isEmpty() ? "no requests\n" : table.render()) + PageOptions.footer(page);
  }

  /** One blueprint: its fields, then a line per category. */
  static String describe(final JsonObject blueprint) {
    Table fields =
        Table.fields()
            .row("id", JsonText.text(blueprint, "id"))
            .row("tenant", JsonText.text(blueprint, "tenantId"))
            .row("service class", JsonText.text(blueprint, "serviceClass"))
            .row("strategy", JsonText.text(blueprint, "strategy"))
            .row("budget", JsonText.text(blueprint, "budget"))
            .row("opened", JsonText.text(blueprint, "openedAt"))
            .row("offer deadline", JsonText.text(blueprint, "offerDeadline"))
            .row("validity", JsonText.text(blueprint, "validitySeconds") + " s");
    for (Map.Entry<String, JsonElement> need : JsonText.object(blueprint, "qoe").entrySet()) {
      fields.row("qoe " + need.getKey(), JsonText.text(need.getValue()));
    }
    Table categories = Table.withHeader("CATEGORY", "AMOUNT", "MAX UNIT PRICE");
    for (JsonObject category : JsonText.objects(JsonText.array(blueprint, "categories"))) {
      categories.row(
          JsonText.text(category, "category"),
          JsonText.text(category, "amount"),
          JsonText.text(category, "maxUnitPrice"));
    }
    return fields.render() + "\n" + categories.render();
  }

  private static String categories(final JsonObject blueprint) {
    List<String> parts = new ArrayList<>();
    for (JsonObject category : JsonText.objects(JsonText.array(blueprint, "categories"))) {
      parts.add(JsonText.text(category, "category") + " " + JsonText.text(category, "amount"));
    }
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }
}
