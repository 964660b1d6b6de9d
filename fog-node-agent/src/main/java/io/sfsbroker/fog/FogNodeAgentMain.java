package io.sfsbroker.fog;

import io.sfsbroker.device.ConsoleLog;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.multiflow.ApplicationRequestBody;
import io.sfsbroker.protocol.request.RequestedCategory;
import io.sfsbroker.protocol.request.SliceRequestBody;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The fog-node agent's command line: {@code fog-node-agent request|confirm|decommission|application
 * |confirm-application|release-application|transfer|status --config FILE …}
 * (docs/fog-node-agent.md). The report goes to standard output (a table, or one JSON object with
 * {@code --json}); progress and errors go to standard error. Exit code 0 on success, 1 when a
 * request was rejected or ended without a usable slice ({@code error: CODE: reason}), 2 for a
 * command line or configuration it cannot use.
 */
@Command(
    name = "fog-node-agent",
    mixinStandardHelpOptions = true,
    version = "fog-node-agent 0.1.0",
    description = "Asks the SFSBroker for network slices over MQTT and checks what it gets.",
    subcommands = {
      FogNodeAgentMain.Request.class,
      FogNodeAgentMain.Confirm.class,
      FogNodeAgentMain.Decommission.class,
      FogNodeAgentMain.Application.class,
      FogNodeAgentMain.ConfirmApplication.class,
      FogNodeAgentMain.ReleaseApplication.class,
      FogNodeAgentMain.Transfer.class,
      FogNodeAgentMain.Status.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "See docs/fog-node-agent.md."})
public final class FogNodeAgentMain implements Callable<Integer> {

  /** Exit code of a request that was rejected or did not end in a usable slice. */
  public static final int FAILED = 1;

  /** Exit code of a command line or configuration the agent cannot use. */
  public static final int USAGE = 2;

  private final PrintWriter out;
  private final PrintWriter err;
  private final Function<FogConfig, FogNodeAgent> agents;

  @Spec private CommandLine.Model.CommandSpec spec;

  private FogNodeAgentMain(
      final PrintWriter out,
      final PrintWriter err,
      final Function<FogConfig, FogNodeAgent> agents) {
    this.out = out;
    this.err = err;
    this.agents = agents;
  }

  /**
   * Runs one command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(final String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    int code = run(out, err, config -> new FogNodeAgent(config, Clock.systemUTC()), args);
    System.exit(code);
  }

  /**
   * Runs one command with agents made by {@code agents}; returns the exit code. Tests pass agents
   * on an in-process link.
   */
  static int run(
      final PrintWriter out,
      final PrintWriter err,
      final Function<FogConfig, FogNodeAgent> agents,
      final String... args) {
    CommandLine cli = new CommandLine(new FogNodeAgentMain(out, err, agents));
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          if (e instanceof AgentException failure) {
            commandLine.getErr().println("error: " + failure.describe());
            return FAILED;
          }
          if (e instanceof IllegalArgumentException) {
            commandLine.getErr().println("error: " + e.getMessage());
            return USAGE;
          }
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            commandLine.getErr().println("error: " + AgentError.INTERRUPTED + ": stopped");
            return FAILED;
          }
          throw e;
        });
    cli.setParameterExceptionHandler(
        (e, args2) -> {
          CommandLine command = e.getCommandLine();
          command.getErr().println("error: " + e.getMessage());
          command
              .getErr()
              .println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "missing command; choose one of request, confirm, decommission, application,"
            + " confirm-application, release-application, transfer, status");
  }

  /** The options every command takes. */
  static final class Common {
    @Option(
        names = {"-c", "--config"},
        required = true,
        paramLabel = "FILE",
        description = "The agent's configuration (JSON: device id, key, certificate, broker, CA).")
    Path config;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(
        names = "--timeout",
        paramLabel = "TIME",
        description =
            "How long to wait for each answer, e.g. 90s or 10m (default: requestTimeoutSeconds"
                + " of the configuration, else 600 s).")
    String timeout;

    @Option(names = "--verbose", description = "Show the MQTT link's log on standard error.")
    boolean verbose;

    @Option(names = "--quiet", description = "Do not print progress on standard error.")
    boolean quiet;
  }

  /** Opens the agent of {@code common}, with its progress on standard error unless quiet. */
  private FogNodeAgent open(final Common common) {
    ConsoleLog.configure(common.verbose ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING);
    FogConfig config = FogConfig.load(common.config);
    if (common.timeout != null) {
      config = config.withRequestTimeout(Duration.ofSeconds(RequestText.seconds(common.timeout)));
    }
    FogNodeAgent agent = agents.apply(config);
    if (!common.quiet) {
      long start = System.nanoTime();
      agent.onProgress(
          line -> {
            err.printf("[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9, line);
            err.flush();
          });
    }
    return agent;
  }

  private void print(final Common common, final Object report, final String text) {
    out.print(common.json ? Json.toJson(report) + System.lineSeparator() : text);
    out.flush();
  }

  /** {@code request}: ask for a slice, wait for it, check it, confirm it. */
  @Command(
      name = "request",
      description = {
        "Asks for a slice by service class or explicit amounts, waits for its receipt and its"
            + " handover, checks that every service port answers, confirms service and prints the"
            + " slice.",
        "A request made while the broker cannot be reached waits in the outbox and is sent once,"
            + " on reconnect."
      },
      mixinStandardHelpOptions = true)
  static final class Request implements Callable<Integer> {
    @ParentCommand FogNodeAgentMain main;
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin Common common;

    @Option(names = "--class", paramLabel = "NAME", description = "A service class: ar-vr, …")
    String serviceClass;

    @Option(names = "--scale", paramLabel = "N", description = "Instances of the class (1).")
    Integer scale;

    @Option(
        names = "--amount",
        paramLabel = "CATEGORY=N[@PRICE]",
        description =
            "An explicit amount, optionally with its maximum unit price, e.g."
                + " cpu-millicores=500@3; repeat for each category.")
    List<String> amounts = new ArrayList<>();

    @Option(
        names = "--max-amount",
        paramLabel = "CATEGORY=N",
        description =
            "With --amount: opt into up to N of that category when prices fall (the default is"
                + " exactly the amount); repeatable.")
    List<String> maxAmounts = new ArrayList<>();

    @Option(
        names = "--max-price",
        paramLabel = "CATEGORY=N",
        description = "With --class: the most paid per unit of a category; repeatable.")
    List<String> maxPrices = new ArrayList<>();

    @Option(
        names = "--budget",
        paramLabel = "N",
        description = "The most paid for the slice, in minor units.")
    Long budget;

    @Option(
        names = "--qoe",
        paramLabel = "METRIC=N",
        description = "A QoE need, e.g. maxLatencyMicros=1000; repeatable.")
    List<String> qoe = new ArrayList<>();

    @Option(
        names = "--window",
        paramLabel = "TIME",
        description = "The offer window, e.g. 20s (default: the broker's).")
    String window;

    @Option(
        names = "--validity",
        paramLabel = "TIME",
        description = "How long the slice is valid once active, e.g. 3600, 30m, 2h, 1d.")
    String validity;

    @Option(
        names = "--strategy",
        paramLabel = "RULE",
        description = "STACKELBERG, LOWEST_OFFER or PROPORTIONAL_SHARE (default: the broker's).")
    String strategy;

    @Option(
        names = "--no-confirm",
        description = "Check the slice but do not confirm service (confirm later with confirm).")
    boolean noConfirm;

    @Override
    public Integer call() throws InterruptedException {
      SliceRequestBody request = spec();
      try (FogNodeAgent agent = main.open(common)) {
        SliceReport report = agent.requestSlice(request, !noConfirm);
        main.print(common, report, TextReports.slice(report));
        if (report.outcome() == SliceReport.Outcome.UNREACHABLE) {
          SliceReport.PortCheck first = report.unreached().get(0);
          main.err.println(
              "error: "
                  + AgentError.UNREACHABLE
                  + ": "
                  + first.host()
                  + ":"
                  + first.port()
                  + " ("
                  + first.category()
                  + ", "
                  + first.rpId()
                  + ") does not answer"
                  + (first.detail() == null ? "" : ": " + first.detail())
                  + "; service was not confirmed. Confirm it with 'confirm' once it answers, or"
                  + " release it with 'decommission "
                  + report.sliceId()
                  + "'");
          return FAILED;
        }
        return 0;
      }
    }

    /** The request the options describe; a usage error when they do not make one. */
    SliceRequestBody spec() {
      try {
        List<RequestedCategory> categories = null;
        if (!amounts.isEmpty()) {
          categories =
              RequestText.withMaxAmounts(
                  amounts.stream().map(RequestText::category).toList(),
                  pairs("--max-amount", maxAmounts));
        } else if (!maxAmounts.isEmpty()) {
          throw new IllegalArgumentException("--max-amount goes with --amount CATEGORY=N");
        }
        return RequestText.requirePayable(
            new SliceRequestBody(
                serviceClass,
                scale,
                categories,
                pairs("--max-price", maxPrices),
                budget,
                pairs("--qoe", qoe),
                window == null ? null : RequestText.seconds(window),
                strategy == null ? null : RequestText.strategy(strategy),
                validity == null ? null : RequestText.seconds(validity)));
      } catch (IllegalArgumentException e) {
        String message = e.getMessage();
        if (serviceClass == null && amounts.isEmpty()) {
          message = "give --class NAME or --amount CATEGORY=N";
        } else if (serviceClass != null && !amounts.isEmpty()) {
          message = "give --class or --amount, not both";
        }
        throw new ParameterException(spec.commandLine(), message, e);
      }
    }

    private static SortedMap<String, Long> pairs(final String option, final List<String> texts) {
      if (texts.isEmpty()) {
        return null;
      }
      SortedMap<String, Long> map = new TreeMap<>();
      for (String text : texts) {
        Map.Entry<String, Long> pair = RequestText.pair(option, text);
        if (map.put(pair.getKey(), pair.getValue()) != null) {
          throw new IllegalArgumentException(option + " names " + pair.getKey() + " twice");
        }
      }
      return map;
    }
  }

  /** {@code confirm}: confirm service of a slice handed over earlier. */
  @Command(
      name = "confirm",
      description = "Confirms service of a slice handed over earlier (this pays its RPs).",
      mixinStandardHelpOptions = true)
  static final class Confirm extends SliceStep {
    @Override
    StepReport run(final FogNodeAgent agent, final String sliceId) throws InterruptedException {
      return agent.confirmService(sliceId);
    }
  }

  /** {@code decommission}: release a slice. */
  @Command(
      name = "decommission",
      description = "Releases a slice: its RPs stop its parts; an unpaid escrow is refunded.",
      mixinStandardHelpOptions = true)
  static final class Decommission extends SliceStep {
    @Override
    StepReport run(final FogNodeAgent agent, final String sliceId) throws InterruptedException {
      return agent.decommission(sliceId);
    }
  }

  /** What {@code confirm} and {@code decommission} share: one step on a slice, then its report. */
  abstract static class SliceStep implements Callable<Integer> {
    @ParentCommand FogNodeAgentMain main;
    @Mixin Common common;

    @Parameters(paramLabel = "SLICE_ID", description = "The slice, s-…")
    String sliceId;

    /** Takes the step on the slice. */
    abstract StepReport run(FogNodeAgent agent, String sliceId) throws InterruptedException;

    @Override
    public final Integer call() throws InterruptedException {
      try (FogNodeAgent agent = main.open(common)) {
        StepReport report = run(agent, sliceId);
        main.print(common, report, TextReports.step(report));
        return 0;
      }
    }
  }

  /** {@code application}: ask for a multi-flow application. */
  @Command(
      name = "application",
      description =
          "Asks for a multi-flow application, waits for the operators' selection and confirms"
              + " service.",
      mixinStandardHelpOptions = true)
  static final class Application implements Callable<Integer> {
    @ParentCommand FogNodeAgentMain main;
    @Mixin Common common;

    @Option(
        names = "--flows",
        required = true,
        paramLabel = "FILE",
        description =
            "The flows (JSON): {\"flows\":[{\"flowId\",\"betaR\",…,\"intervals\"}],"
                + "\"bidWindowSeconds\":N} or just the list.")
    Path flows;

    @Option(
        names = "--bid-window",
        paramLabel = "TIME",
        description = "How long operators may bid (overrides the file's bidWindowSeconds).")
    String bidWindow;

    @Option(names = "--no-confirm", description = "Do not confirm service.")
    boolean noConfirm;

    @Override
    public Integer call() throws InterruptedException {
      ApplicationRequestBody request = ApplicationFile.load(flows);
      if (bidWindow != null) {
        request = ApplicationFile.withWindow(request, RequestText.seconds(bidWindow));
      }
      try (FogNodeAgent agent = main.open(common)) {
        ApplicationReport report = agent.requestApplication(request, !noConfirm);
        main.print(common, report, TextReports.application(report));
        return 0;
      }
    }
  }

  /** {@code confirm-application}: confirm service of an application this fog node holds. */
  @Command(
      name = "confirm-application",
      description =
          "Confirms that the flows of an application whose token this fog node holds are served"
              + " (this pays its operators).",
      mixinStandardHelpOptions = true)
  static final class ConfirmApplication extends ApplicationCommand {
    @Override
    ApplicationStep run(final FogNodeAgent agent, final String applicationId)
        throws InterruptedException {
      return agent.confirmApplication(applicationId);
    }
  }

  /** {@code release-application}: release an application this fog node holds. */
  @Command(
      name = "release-application",
      description =
          "Releases an application whose token this fog node holds: its tokens are burned; an"
              + " unpaid escrow is refunded.",
      mixinStandardHelpOptions = true)
  static final class ReleaseApplication extends ApplicationCommand {
    @Override
    ApplicationStep run(final FogNodeAgent agent, final String applicationId)
        throws InterruptedException {
      return agent.releaseApplication(applicationId);
    }
  }

  /** What the application commands share: one step on an application, then its report. */
  abstract static class ApplicationCommand implements Callable<Integer> {
    @ParentCommand FogNodeAgentMain main;
    @Mixin Common common;

    @Parameters(paramLabel = "APPLICATION_ID", description = "The application, m-…")
    String applicationId;

    /** Takes the step on the application. */
    abstract ApplicationStep run(FogNodeAgent agent, String applicationId)
        throws InterruptedException;

    @Override
    public final Integer call() throws InterruptedException {
      try (FogNodeAgent agent = main.open(common)) {
        ApplicationStep report = run(agent, applicationId);
        main.print(common, report, TextReports.applicationStep(report));
        return 0;
      }
    }
  }

  /** {@code transfer}: hand a slice or tokens over to another fog node. */
  @Command(
      name = "transfer",
      description = {
        "Transfers tokens to another fog node, which then holds what they stand for: a slice id"
            + " stands for all its bundle tokens (found from its endpoints, so the slice must be"
            + " active), any other id is a token id (bundle:s-…:CATEGORY, app:m-…).",
        "The new holder may then confirm, query and decommission the slice (or confirm and"
            + " release the application); this fog node may not."
      },
      mixinStandardHelpOptions = true)
  static final class Transfer implements Callable<Integer> {
    @ParentCommand FogNodeAgentMain main;
    @Mixin Common common;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "DEVICE_ID",
        description = "The fog node to hand over to (its participant id).")
    String to;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "Slice ids or token ids.")
    List<String> ids = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
      try (FogNodeAgent agent = main.open(common)) {
        List<String> tokens = new ArrayList<>();
        for (String id : ids) {
          if (io.sfsbroker.protocol.id.Ids.isSliceId(id)) {
            tokens.addAll(agent.bundleTokens(id));
          } else {
            tokens.add(id);
          }
        }
        List<TokenTransfer> report = agent.transfer(tokens, to);
        main.print(common, report, TextReports.transfers(report));
        return 0;
      }
    }
  }

  /** {@code status}: the link, the outbox and, if named, slices' ledger states. */
  @Command(
      name = "status",
      description =
          "Shows whether the broker can be reached, how many messages wait in the outbox (they"
              + " are sent now if it can), the ledger state of the slices named and the endpoints"
              + " of those this fog node holds.",
      mixinStandardHelpOptions = true)
  static final class Status implements Callable<Integer> {
    @ParentCommand FogNodeAgentMain main;
    @Mixin Common common;

    @Parameters(arity = "0..*", paramLabel = "SLICE_ID", description = "Slices to ask about.")
    List<String> sliceIds = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
      try (FogNodeAgent agent = main.open(common)) {
        AgentStatus status = agent.status(sliceIds);
        main.print(common, status, TextReports.status(status));
        return 0;
      }
    }
  }
}
