package io.sfsbroker.gateway.cli;

import io.sfsbroker.device.ConsoleLog;
import io.sfsbroker.gateway.ledger.LedgerException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The operator CLI: {@code ./sfsbroker cli <command>}, or {@code java
 * io.sfsbroker.gateway.cli.SfsbCli <command>} with the gateway client's class path. Exit code 0 on
 * success, 1 when the ledger refuses or cannot be reached ({@code error: CODE: reason} on standard
 * error), 2 for a command line it cannot read.
 */
@Command(
    name = "sfsbroker cli",
    description = "Operates an SFSBroker network: participants, credits and what the ledger holds.",
    footer = {"", "See docs/cli.md for every command with an example."})
public final class SfsbCli {

  private final Session session;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "Show this help and exit.")
  private boolean help;

  private SfsbCli(final Session session) {
    this.session = session;
  }

  @Option(
      names = "--network",
      paramLabel = "PATH",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:SFSB_NETWORK:-.runtime/network.json}",
      description =
          "The network profile ./sfsbroker network up writes (default: $SFSB_NETWORK, else"
              + " .runtime/network.json).")
  void network(final Path file) {
    session.network(file);
  }

  @Option(
      names = "--org",
      paramLabel = "ORG",
      scope = ScopeType.INHERIT,
      defaultValue = "broker",
      description =
          "Whose identity acts: broker, providers or tenants, or an MSP id (default: ${DEFAULT-VALUE}).")
  void org(final String name) {
    session.org(name);
  }

  @Option(
      names = "--identity",
      paramLabel = "admin|user",
      scope = ScopeType.INHERIT,
      defaultValue = "admin",
      description = "The organisation's admin or its ordinary user (default: ${DEFAULT-VALUE}).")
  void identity(final ClientIdentity which) {
    session.identity(which);
  }

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print JSON for machines (one object per line) instead of tables.")
  void json(final boolean on) {
    session.json(on);
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show the client library's log messages on standard error.")
  void verbose(final boolean on) {
    session.verbose(on);
  }

  /**
   * Runs one command against the network and exits with its code.
   *
   * @param args the command line
   */
  public static void main(final String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    int code = run(GatewayChaincode::open, out, err, true, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command with the chaincode {@code opener} connects to; returns the exit code. */
  static int run(
      final Chaincode.Opener opener,
      final PrintWriter out,
      final PrintWriter err,
      final String... args) {
    return run(opener, out, err, false, args);
  }

  private static int run(
      final Chaincode.Opener opener,
      final PrintWriter out,
      final PrintWriter err,
      final boolean quietLogging,
      final String... args) {
    try (Session session = new Session(opener, out, err)) {
      CommandLine cli = commandLine(session);
      cli.setOut(out);
      cli.setErr(err);
      cli.setExecutionStrategy(parsed -> execute(parsed, session, quietLogging));
      cli.setExecutionExceptionHandler(SfsbCli::failure);
      int code = cli.execute(args);
      out.flush();
      err.flush();
      return code;
    }
  }

  /** The command tree, every command acting through {@code session}. */
  static CommandLine commandLine(final Session session) {
    CommandLine cli = new CommandLine(new SfsbCli(session));
    cli.addSubcommand(new ParticipantCommands(session));
    cli.addSubcommand(new RequestCommands(session));
    cli.addSubcommand(new OfferCommands(session));
    cli.addSubcommand(new SliceCommands(session));
    cli.addSubcommand(new EventCommands(session));
    cli.addSubcommand(new NftCommands(session));
    cli.addSubcommand(new CreditCommands(session));
    cli.addSubcommand(new EscrowCommands(session));
    cli.addSubcommand(new AuctionCommands(session));
    cli.addSubcommand(new GovernanceCommands(session));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /** {@code error: CODE: reason}, the code not repeated when the reason starts with it. */
  static String describe(final LedgerException e) {
    String reason = e.getMessage() == null ? "" : e.getMessage().strip();
    return "error: " + (reason.startsWith(e.code() + ":") ? reason : e.code() + ": " + reason);
  }

  private static int execute(
      final ParseResult parsed, final Session session, final boolean quietLogging) {
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      return help;
    }
    ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    CommandSpec spec = last.commandSpec();
    Object command = spec.userObject();
    if (!(command instanceof Method
        || command instanceof Runnable
        || command instanceof Callable)) {
      throw new ParameterException(
          spec.commandLine(),
          "missing command; choose one of " + String.join(", ", spec.subcommands().keySet()));
    }
    if (quietLogging && !session.verbose()) {
      ConsoleLog.configure(System.Logger.Level.ERROR);
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  private static int failure(
      final Exception e, final CommandLine commandLine, final ParseResult parsed) throws Exception {
    if (e instanceof LedgerException ledger) {
      commandLine.getErr().println(describe(ledger));
    } else if (e instanceof IllegalArgumentException) {
      commandLine.getErr().println("error: " + e.getMessage());
    } else {
      throw e;
    }
    commandLine.getErr().flush();
    return 1;
  }
}
