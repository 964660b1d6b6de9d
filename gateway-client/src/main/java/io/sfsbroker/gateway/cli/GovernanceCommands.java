package io.sfsbroker.gateway.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.governance.Setting;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code governance …}: changing a market-wide setting with the consortium. The admin of the
 * organisation {@code --org} names proposes or approves; a majority of the governing organisations
 * must approve before anyone applies.
 */
@Command(
    name = "governance",
    description =
        "Propose, approve and apply changes of the market-wide settings (a majority of the peer"
            + " organisations' admins must approve); list, show and trace them.")
final class GovernanceCommands {

  private static final String SETTINGS =
      Arrays.stream(Setting.values()).map(Setting::wireName).collect(Collectors.joining(", "));

  private final Session session;

  GovernanceCommands(final Session session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  @Command(
      name = "propose",
      description =
          "Propose a new value for a setting as the admin of --org (its organisation counts as"
              + " approving); prints the proposal id the other admins approve.")
  void propose(
      @Parameters(
              index = "0",
              paramLabel = "SETTING",
              description = "broker, service-class, envelope or treasury.")
          final String setting,
      @Parameters(
              index = "1",
              paramLabel = "VALUE_JSON",
              description =
                  "The new value, such as '{\"serviceConfirmationTimeoutSeconds\":600}' (broker),"
                      + " a whole service class, '{\"maxClockSkewSeconds\":300}' (envelope) or"
                      + " '{\"treasuryOrgs\":[\"BrokerMSP\"]}' (treasury).")
          final String value) {
    if (Setting.fromWireName(setting).isEmpty()) {
      throw new IllegalArgumentException(
          "unknown setting '" + setting + "'; use one of " + SETTINGS);
    }
    session.printCommitted(
        session.submit(TransactionName.GOVERNANCE_PROPOSE, setting, value),
        GovernanceCommands::describe);
  }

  @Command(name = "approve", description = "Approve a proposal as the admin of --org.")
  void approve(@Parameters(paramLabel = "PROPOSAL_ID") final String id) {
    session.printCommitted(
        session.submit(TransactionName.GOVERNANCE_APPROVE, id), GovernanceCommands::describe);
  }

  @Command(
      name = "apply",
      description = "Put a proposal that a majority approved into force (any member).")
  void apply(@Parameters(paramLabel = "PROPOSAL_ID") final String id) {
    session.printCommitted(
        session.submit(TransactionName.GOVERNANCE_APPLY, id), GovernanceCommands::describe);
  }

  @Command(
      name = "withdraw",
      description = "Withdraw an open proposal (an admin of the proposer's organisation).")
  void withdraw(@Parameters(paramLabel = "PROPOSAL_ID") final String id) {
    session.printCommitted(
        session.submit(TransactionName.GOVERNANCE_WITHDRAW, id), GovernanceCommands::describe);
  }

  @Command(name = "list", description = "List proposals, each as it stands now.")
  void list(@Mixin final PageOptions page) {
    session.printPage(
        TransactionName.GOVERNANCE_LIST_PROPOSALS, page.query(), GovernanceCommands::table);
  }

  @Command(name = "show", description = "Show one proposal: its value, approvals and state.")
  void show(@Parameters(paramLabel = "PROPOSAL_ID") final String id) {
    JsonObject proposal = session.evaluateObject(TransactionName.GOVERNANCE_GET_PROPOSAL, id);
    session.print(proposal, () -> describe(proposal));
  }

  @Command(name = "history", description = "Show every applied change of a setting, oldest first.")
  void history(
      @Parameters(
              paramLabel = "SUBJECT",
              description = "broker, envelope, treasury or service-class:<name>.")
          final String subject) {
    JsonArray history = session.evaluateArray(TransactionName.GOVERNANCE_GET_HISTORY, subject);
    session.print(history, () -> historyTable(history));
  }

  @Command(
      name = "orgs",
      description = "Show the governing organisations and how many approvals a change needs.")
  void orgs() {
    JsonObject orgs = session.evaluateObject(TransactionName.GOVERNANCE_GET_GOVERNING_ORGS);
    session.print(
        orgs,
        () ->
            "governing organisations: "
                + JsonText.text(orgs, "governingOrgs")
                + "; a change needs "
                + JsonText.text(orgs, "majority")
                + "\n");
  }

  /** One proposal as fields. */
  static String describe(final JsonObject proposal) {
    return Table.fields()
        .row("proposal", JsonText.text(proposal, "id"))
        .row("state", JsonText.text(proposal, "state"))
        .row("subject", JsonText.text(proposal, "subject"))
        .row("value", JsonText.text(proposal, "value"))
        .row("proposed by", JsonText.text(proposal, "proposedBy"))
        .row("approvals", JsonText.text(proposal, "approvals"))
        .row("governing", JsonText.text(proposal, "governingOrgs"))
        .row("proposed at", JsonText.text(proposal, "proposedAt"))
        .row("expires at", JsonText.text(proposal, "expiresAt"))
        .row("closed at", JsonText.text(proposal, "closedAt"))
        .row("revision", JsonText.text(proposal, "revision"))
        .render();
  }

  /** A page of proposals as a table. */
  static String table(final JsonObject page) {
    Table table =
        Table.withHeader("PROPOSAL", "STATE", "SUBJECT", "PROPOSED BY", "APPROVALS", "EXPIRES");
    for (JsonObject proposal : JsonText.objects(JsonText.array(page, "items"))) {
      table.row(
          JsonText.text(proposal, "id"),
          JsonText.text(proposal, "state"),
          JsonText.text(proposal, "subject"),
          JsonText.text(proposal, "proposedBy"),
          JsonText.text(proposal, "approvals"),
          JsonText.text(proposal, "expiresAt"));
    }
    return (table.isEmpty() ? "no proposals\n" : table.render()) + PageOptions.footer(page);
  }

  private static String historyTable(final JsonArray history) {
    Table table = Table.withHeader("REVISION", "PROPOSAL", "APPLIED", "APPROVALS", "VALUE");
    for (JsonObject proposal : JsonText.objects(history)) {
      table.row(
          JsonText.text(proposal, "revision"),
          JsonText.text(proposal, "id"),
          JsonText.text(proposal, "closedAt"),
          JsonText.text(proposal, "approvals"),
          JsonText.text(proposal, "value"));
    }
    return table.isEmpty() ? "never changed\n" : table.render();
  }
}
