package io.sfsbroker.gateway.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slice list|show}: slices through their lifecycle. */
@Command(
    name = "slice",
    description = "List slices and show one: state, history, winners, endpoints, payments.")
final class SliceCommands {

  private final Session session;

  SliceCommands(final Session session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  @Command(name = "list", description = "List slices in id order, all or those in one state.")
  void list(
      @Option(
              names = "--state",
              paramLabel = "STATE",
              description =
                  "OFFERING, AWARDED, ACTIVE, IN_SERVICE, DECOMMISSIONED, FAILED or TIMED_OUT.")
          final String state,
      @Mixin final PageOptions page) {
    Map<String, Object> query = page.query();
    if (state != null) {
      query.put("state", Arguments.constant(state));
    }
    session.printPage(TransactionName.SLICE_LIST_SLICES, query, SliceCommands::table);
  }

  @Command(
      name = "show",
      description =
          "Show a slice: its state and deadlines, winners, endpoints, instantiation"
              + " confirmations, escrow and history.")
  void show(@Parameters(paramLabel = "SLICE_ID", description = "The slice.") final String id) {
    JsonObject slice = session.evaluateObject(TransactionName.SLICE_GET_SLICE, id);
    JsonArray history = session.evaluateArray(TransactionName.SLICE_GET_SLICE_HISTORY, id);
    JsonArray parts = session.evaluateArray(TransactionName.SLICE_GET_SLICE_PARTS, id);
    Optional<JsonObject> escrow = session.find(TransactionName.CREDIT_GET_ESCROW, id);
    JsonObject all = new JsonObject();
    all.add("slice", slice);
    all.add("history", history);
    all.add("parts", parts);
    escrow.ifPresent(e -> all.add("escrow", e));
    session.print(all, () -> describe(slice, history, parts, escrow.orElse(null)));
  }

  /** A page of slices as a table. */
  static String table(final JsonObject page) {
    Table table = Table.withHeader("ID", "STATE", "TENANT", "TOTAL PRICE", "UPDATED");
    for (JsonObject slice : JsonText.objects(JsonText.array(page, "items"))) {
      table.row(
          JsonText.text(slice, "id"),
          JsonText.text(slice, "state"),
          JsonText.text(slice, "tenantId"),
          JsonText.text(slice, "totalPrice"),
          JsonText.text(slice, "updatedAt"));
    }
    return (table.isEmpty() ? "no slices\n" : table.render()) + PageOptions.footer(page);
  }

  /**
   * One slice in sections: its fields, winners, endpoints, instantiation confirmations, payments
   * ({@code escrow} may be {@code null}: none was locked) and history.
   */
  static String describe(
      final JsonObject slice,
      final JsonArray history,
      final JsonArray parts,
      final JsonObject escrow) {
    StringBuilder text = new StringBuilder();
    text.append(
        Table.fields()
            .row("slice", JsonText.text(slice, "id"))
            .row("state", JsonText.text(slice, "state"))
            .row(
                "tenant",
                JsonText.text(slice, "tenantId") + " (" + JsonText.text(slice, "tenantOrg") + ")")
            .row("created", JsonText.text(slice, "createdAt"))
            .row("offer deadline", JsonText.text(slice, "offerDeadline"))
            .row("validity", JsonText.text(slice, "validitySeconds") + " s")
            .row("total price", JsonText.text(slice, "totalPrice"))
            .row("federated", JsonText.text(slice, "federated"))
            .row("confirm by", JsonText.text(slice, "confirmationDeadline"))
            .row("activated", JsonText.text(slice, "activatedAt"))
            .row("valid until", JsonText.text(slice, "validUntil"))
            .row("reason", JsonText.text(slice, "reason"))
            .row("updated", JsonText.text(slice, "updatedAt"))
            .render());

    Table winners = Table.withHeader("CATEGORY", "RP", "AMOUNT", "UNIT PRICE", "PRICE");
    addRows(
        winners,
        JsonText.array(slice, "winners"),
        "category",
        "rpId",
        "amount",
        "unitPrice",
        "price");
    section(text, "winners", winners, "none yet");

    Table endpoints = Table.withHeader("CATEGORY", "RP", "HOST", "PORTS", "INSTANCE");
    addRows(
        endpoints,
        JsonText.array(slice, "endpoints"),
        "category",
        "rpId",
        "host",
        "ports",
        "instanceId");
    section(text, "endpoints", endpoints, "none yet");

    Table confirmations = Table.withHeader("RP", "CATEGORIES", "CONFIRMED", "TRANSACTION");
    for (JsonObject part : JsonText.objects(parts)) {
      StringBuilder categories = new StringBuilder();
      for (JsonObject endpoint : JsonText.objects(JsonText.array(part, "endpoints"))) {
        categories.append(categories.length() == 0 ? "" : ", ");
        categories.append(JsonText.text(endpoint, "category"));
      }
      confirmations.row(
          JsonText.text(part, "rpId"),
          categories.length() == 0 ? "-" : categories,
          JsonText.text(part, "confirmedAt"),
          JsonText.text(part, "txId"));
    }
    section(text, "instantiation confirmations", confirmations, "none");

    text.append("\npayments\n");
    text.append(escrow == null ? "no escrow\n" : EscrowCommands.describe(escrow));

    Table steps = Table.withHeader("AT", "EVENT", "FROM", "TO", "ACTOR", "DETAIL");
    addRows(steps, history, "at", "event", "from", "to", "actor", "detail");
    section(text, "history", steps, "none");
    return text.toString();
  }

  /** Adds a row per object of {@code items} to {@code table}: the text of each named member. */
  private static void addRows(final Table table, final JsonArray items, final String... members) {
    for (JsonObject item : JsonText.objects(items)) {
      Object[] cells = new Object[members.length];
      for (int i = 0; i < members.length; i++) {
        cells[i] = JsonText.text(item, members[i]);
      }
      table.row(cells);
    }
  }

  private static void section(
      final StringBuilder text, final String title, final Table table, final String whenEmpty) {
    text.append('\n').append(title).append('\n');
    text.append(table.isEmpty() ? whenEmpty + "\n" : table.render());
  }
}
