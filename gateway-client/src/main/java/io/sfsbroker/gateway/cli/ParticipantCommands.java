package io.sfsbroker.gateway.cli;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.participant.ParticipantRole;
import io.sfsbroker.protocol.participant.Registration;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code participant register|revoke|list|show}: the participant registry. */
@Command(
    name = "participant",
    description = "Register, revoke, list and show participants (fog nodes, RPs, Planets, groups).")
final class ParticipantCommands {

  private final Session session;

  ParticipantCommands(final Session session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  @Command(
      name = "register",
      description =
          "Register a participant of the acting organisation with its P-256 key (an org admin"
              + " only).")
  void register(
      @Option(
              names = "--id",
              required = true,
              paramLabel = "ID",
              description = "Its id: 1 to 64 letters, digits, '.', '_' or '-'.")
          final String id,
      @Option(
              names = "--role",
              required = true,
              paramLabel = "ROLE",
              description = "FOG_NODE, RESOURCE_PROVIDER, PLANET or USER_GROUP.")
          final String role,
      @Option(
              names = "--cert",
              required = true,
              paramLabel = "PEM_FILE",
              description = "Its X.509 certificate or PUBLIC KEY block, PEM.")
          final Path pemFile) {
    Registration registration =
        new Registration(
            id, Arguments.oneOf(ParticipantRole.class, role), null, Arguments.readText(pemFile));
    session.printCommitted(
        session.submit(TransactionName.PARTICIPANT_REGISTER, Json.toJson(registration)),
        ParticipantCommands::describe);
  }

  @Command(
      name = "revoke",
      description =
          "Revoke a participant: nothing it signs is accepted any more, and its MQTT access is"
              + " taken at once (final).")
  int revoke(@Parameters(paramLabel = "ID", description = "The participant.") final String id) {
    session.printCommitted(
        session.submit(TransactionName.PARTICIPANT_REVOKE, id), ParticipantCommands::describe);
    // The ledger first: it is what every org trusts; the broker follows it.
    return MqttAccess.revoke(session.networkFile(), id, session.err()) ? 0 : 1;
  }

  @Command(name = "list", description = "List participants in id order, one page at a time.")
  void list(
      @Option(names = "--role", paramLabel = "ROLE", description = "Only those of this role.")
          final String role,
      @Mixin final PageOptions page) {
    Map<String, Object> query = page.query();
    if (role != null) {
      query.put("role", Arguments.constant(role));
    }
    session.printPage(TransactionName.PARTICIPANT_LIST, query, ParticipantCommands::table);
  }

  @Command(name = "show", description = "Show a participant with its public key.")
  void show(@Parameters(paramLabel = "ID", description = "The participant.") final String id) {
    JsonObject participant = session.evaluateObject(TransactionName.PARTICIPANT_GET, id);
    session.print(participant, () -> describe(participant));
  }

  /** A page of participants as a table. */
  static String table(final JsonObject page) {
    Table table = Table.withHeader("ID", "ROLE", "ORG", "STATUS", "REGISTERED");
    for (JsonObject p : JsonText.objects(JsonText.array(page, "items"))) {
      table.row(
          JsonText.text(p, "id"),
          JsonText.text(p, "role"),
          JsonText.text(p, "org"),
          JsonText.text(p, "status"),
          JsonText.text(p, "registeredAt"));
    }
    return (table.isEmpty() ? "no participants\n" : table.render()) + PageOptions.footer(page);
  }

  /** One participant: its fields, its account and its key. */
  static String describe(final JsonObject participant) {
    Table fields =
        Table.fields()
            .row("id", JsonText.text(participant, "id"))
            .row("role", JsonText.text(participant, "role"))
            .row("org", JsonText.text(participant, "org"))
            .row("status", JsonText.text(participant, "status"))
            .row("account", Arguments.account(JsonText.text(participant, "id")))
            .row("registered", JsonText.text(participant, "registeredAt"));
    if (participant.has("revokedAt")) {
      fields.row("revoked", JsonText.text(participant, "revokedAt"));
    }
    String key = JsonText.text(participant, "publicKeyPem");
    return fields.render() + (key.equals("-") ? "" : key.strip() + "\n");
  }
}
