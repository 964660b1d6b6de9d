package io.sfsbroker.gateway.cli;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.credit.CreditTransfer;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code credits …}: balances, minting, transfers and the treasury setting. */
@Command(
    name = "credits",
    description =
        "Read balances, mint (treasury admins), transfer, show the treasury (which changes"
            + " through governance).")
final class CreditCommands {

  private final Session session;

  CreditCommands(final Session session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  @Command(name = "balance", description = "Show an account's balance (0 if never funded).")
  void balance(
      @Parameters(
              paramLabel = "ACCOUNT",
              description =
                  "device:<participant id>, client:<msp id>:<x509 id>, or a bare participant id.")
          final String account) {
    JsonObject balance =
        session.evaluateObject(TransactionName.CREDIT_BALANCE_OF, Arguments.account(account));
    session.print(balance, () -> describe(balance));
  }

  @Command(
      name = "mint",
      description = "Create credits in an account (an admin of a treasury organisation only).")
  void mint(@Mixin final Movement movement) {
    move(TransactionName.CREDIT_MINT, movement);
  }

  @Command(
      name = "transfer",
      description = "Send credits from the acting identity's own client account.")
  void transfer(@Mixin final Movement movement) {
    move(TransactionName.CREDIT_TRANSFER, movement);
  }

  @Command(name = "whoami", description = "Show the acting identity's own client account.")
  void whoami() {
    JsonObject answer = session.evaluateObject(TransactionName.CREDIT_WHO_AM_I);
    session.print(answer, () -> JsonText.text(answer, "account") + "\n");
  }

  @Command(name = "treasury", description = "Show which organisations' admins may mint.")
  void treasury() {
    JsonObject treasury = session.evaluateObject(TransactionName.CREDIT_GET_TREASURY);
    session.print(
        treasury,
        () -> "treasury organisations: " + JsonText.text(treasury, "treasuryOrgs") + "\n");
  }

  /** A balance as one line: the account and what it holds. */
  static String describe(final JsonObject balance) {
    return JsonText.text(balance, "account") + " holds " + JsonText.text(balance, "balance") + "\n";
  }

  /** Submits {@code transaction} for a movement and prints the credited balance. */
  private void move(final TransactionName transaction, final Movement movement) {
    CreditTransfer transfer =
        new CreditTransfer(null, Arguments.account(movement.account), movement.amount);
    session.printCommitted(
        session.submit(transaction, Json.toJson(transfer)), CreditCommands::describe);
  }

  /** The {@code ACCOUNT AMOUNT} parameters of {@code mint} and {@code transfer}. */
  static final class Movement {
    @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The account credited.")
    String account;

    @Parameters(
        index = "1",
        paramLabel = "AMOUNT",
        converter = Arguments.Positive.class,
        description = "Minor units, at least 1.")
    Long amount;
  }
}
