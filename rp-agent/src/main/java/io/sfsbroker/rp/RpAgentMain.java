package io.sfsbroker.rp;

import io.sfsbroker.device.ConsoleLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The RP agent's command line (docs/rp-agent.md):
 *
 * <pre>
 * java -jar rp-agent/target/rp-agent-0.1.0-SNAPSHOT-all.jar run --config rp-1.json
 * java -jar rp-agent/target/rp-agent-0.1.0-SNAPSHOT-all.jar containers --config rp-1.json
 * </pre>
 *
 * Exit codes: 0 done, 1 failed, 2 bad configuration or usage.
 */
@Command(
    name = "rp-agent",
    mixinStandardHelpOptions = true,
    version = "rp-agent 0.1.0",
    description = "The SFSBroker resource-provider agent: offers, Docker slices, confirmations.",
    subcommands = {RpAgentMain.Run.class, RpAgentMain.Containers.class})
public final class RpAgentMain implements Runnable {

  @Spec private CommandSpec spec;

  /** Runs the command line {@code args}. */
  public static void main(final String[] args) {
    // One line per record from INFO on: the scripts wait for "<rp>: reconciled".
    ConsoleLog.configure(System.Logger.Level.INFO);
    System.exit(commandLine().execute(args));
  }

  /** The command line, with configuration errors reported as one line and exit code 2. */
  static CommandLine commandLine() {
    CommandLine line = new CommandLine(new RpAgentMain());
    line.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof IllegalArgumentException) {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
          }
          if (e instanceof IllegalStateException) {
            cmd.getErr().println("error: " + e.getMessage());
            return 1;
          }
          throw e;
        });
    return line;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command: run or containers");
  }

  /** {@code run}: the agent, until SIGTERM or SIGINT. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Run the agent until SIGTERM: offer for blueprints, run awarded slices as containers,"
              + " remove them when they end. The slices keep running when the agent stops.")
  static final class Run implements Callable<Integer> {

    @Option(
        names = {"-c", "--config"},
        required = true,
        paramLabel = "FILE",
        description = "the agent's configuration (JSON)")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
      RpAgent agent = new RpAgent(RpConfig.load(config), Clock.systemUTC());
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    agent.close();
                    stopped.countDown();
                  },
                  "rp-agent-stop"));
      agent.start();
      stopped.await();
      return 0;
    }
  }

  /** {@code containers}: the agent's slice containers as the engine has them. */
  @Command(
      name = "containers",
      mixinStandardHelpOptions = true,
      description =
          "List this RP's slice containers (slice, state, container, network, amounts, ports).")
  static final class Containers implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(
        names = {"-c", "--config"},
        required = true,
        paramLabel = "FILE",
        description = "the agent's configuration (JSON)")
    private Path config;

    @Override
    public Integer call() {
      RpConfig rp = RpConfig.load(config);
      PrintWriter out = spec.commandLine().getOut();
      try (SliceContainers containers = SliceContainers.open(rp)) {
        List<RunningSlice> slices = containers.list();
        out.printf(
            "%-28s %-8s %-40s %-24s %-40s %s%n",
            "SLICE", "STATE", "CONTAINER", "NETWORK", "AMOUNTS", "PORTS");
        for (RunningSlice slice : slices) {
          out.printf(
              "%-28s %-8s %-40s %-24s %-40s %s%n",
              slice.sliceId(),
              slice.running() ? "running" : "stopped",
              slice.name(),
              slice.network(),
              SliceContainers.encodeAmounts(slice.amounts()),
              slice.publishedPorts());
        }
        out.printf("%d container(s) of %s%n", slices.size(), rp.rpId());
      }
      return 0;
    }
  }
}
