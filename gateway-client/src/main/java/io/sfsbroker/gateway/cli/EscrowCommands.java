package io.sfsbroker.gateway.cli;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code escrow show}: the credits held for a slice or an application. */
@Command(
    name = "escrow",
    description = "Show the credits held for a slice or application until service is confirmed.")
final class EscrowCommands {

  private final Session session;

  EscrowCommands(final Session session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  @Command(
      name = "show",
      description = "Show an escrow: payer, amount, state and who is paid what on release.")
  void show(
      @Parameters(
              paramLabel = "ID",
              description = "The slice or application id (an escrow has the id of what it pays).")
          final String id) {
    JsonObject escrow = session.evaluateObject(TransactionName.CREDIT_GET_ESCROW, id);
    session.print(escrow, () -> describe(escrow));
  }

  /** One escrow: its fields, then a line per payee. */
  static String describe(final JsonObject escrow) {
    Table fields =
        Table.fields()
            .row("escrow", JsonText.text(escrow, "id"))
            .row("state", JsonText.text(escrow, "state"))
            .row("payer", JsonText.text(escrow, "payer"))
            .row("amount", JsonText.text(escrow, "amount"))
            .row("locked", JsonText.text(escrow, "lockedAt"));
    if (escrow.has("settledAt")) {
      fields
          .row("settled", JsonText.text(escrow, "settledAt"))
          .row("settled by", JsonText.text(escrow, "settledTx"))
          .row("reason", JsonText.text(escrow, "reason"));
    }
    Table payees = Table.withHeader("PAYEE", "AMOUNT");
    for (JsonObject payee : JsonText.objects(JsonText.array(escrow, "payees"))) {
      payees.row(JsonText.text(payee, "account"), JsonText.text(payee, "amount"));
    }
    return fields.render() + (payees.isEmpty() ? "" : payees.render());
  }
}
