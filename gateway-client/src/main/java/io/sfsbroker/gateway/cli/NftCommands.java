package io.sfsbroker.gateway.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nft list|show}: the resource tokens (slice bundles, applications, flows). */
@Command(
    name = "nft",
    description = "List an account's resource tokens (ERC-721) and show one with its metadata.")
final class NftCommands {

  private final Session session;

  NftCommands(final Session session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  @Command(name = "list", description = "List the tokens an account owns.")
  void list(
      @Option(
              names = "--owner",
              required = true,
              paramLabel = "ACCOUNT",
              description =
                  "device:<participant id>, client:<msp id>:<x509 id>, or a bare participant id.")
          final String owner,
      @Mixin final PageOptions page) {
    Map<String, Object> query = page.query();
    query.put("owner", Arguments.account(owner));
    session.printPage(TransactionName.NFT_LIST_BY_OWNER, query, NftCommands::table);
  }

  @Command(name = "show", description = "Show a token: kind, owner, approval and metadata.")
  void show(
      @Parameters(paramLabel = "TOKEN_ID", description = "Such as bundle:<slice id>:<category>.")
          final String tokenId) {
    JsonObject token = session.evaluateObject(TransactionName.NFT_GET_TOKEN, tokenId);
    session.print(token, () -> describe(token));
  }

  /** A page of tokens as a table. */
  static String table(final JsonObject page) {
    Table table = Table.withHeader("TOKEN", "KIND", "OWNER", "MINTED");
    for (JsonObject token : JsonText.objects(JsonText.array(page, "items"))) {
      table.row(
          JsonText.text(token, "id"),
          JsonText.text(token, "kind"),
          JsonText.text(token, "owner"),
          JsonText.text(token, "mintedAt"));
    }
    return (table.isEmpty() ? "no tokens\n" : table.render()) + PageOptions.footer(page);
  }

  /** One token: its fields, then its metadata in name order. */
  static String describe(final JsonObject token) {
    Table fields =
        Table.fields()
            .row("token", JsonText.text(token, "id"))
            .row("kind", JsonText.text(token, "kind"))
            .row("owner", JsonText.text(token, "owner"))
            .row("approved", JsonText.text(token, "approved"))
            .row("minted", JsonText.text(token, "mintedAt"))
            .row("minted by", JsonText.text(token, "mintedTx"));
    for (Map.Entry<String, JsonElement> entry : JsonText.object(token, "metadata").entrySet()) {
      fields.row(entry.getKey(), JsonText.text(entry.getValue()));
    }
    return fields.render();
  }
}
