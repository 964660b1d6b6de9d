package io.sfsbroker.demo;

import com.github.dockerjava.api.DockerClient;
import io.sfsbroker.device.ConsoleLog;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.testbed.Testbed;
import io.sfsbroker.rp.SliceContainers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The scenario of {@code ./sfsbroker demo}, which starts and stops the processes and calls this
 * twice (docs/operations.md):
 *
 * <pre>
 * DemoMain prepare SCENARIO   register the devices, fund the fog nodes, write the agents' files
 * DemoMain run SCENARIO       the requests, the checks, the decommissions, the report
 * DemoMain report SCENARIO    the report of the steps so far (when a process would not start)
 * </pre>
 *
 * Exit codes: 0 every step succeeded, 1 one failed, 2 bad usage or scenario.
 */
public final class DemoMain {

  private DemoMain() {}

  /** Runs one command; see the class comment. */
  public static void main(final String[] args) {
    // As the CLI: the ledger's expected refusals (NOT_FOUND while looking) are not news.
    ConsoleLog.configure(System.Logger.Level.ERROR);
    if (args.length != 2 || !List.of("prepare", "run", "report").contains(args[0])) {
      System.err.println("usage: DemoMain prepare|run|report SCENARIO.json");
      System.exit(2);
    }
    PrintStream out = System.out;
    try {
      Scenario scenario = Scenario.load(Path.of(args[1]));
      Settings settings = Settings.fromSystemProperties();
      System.exit(run(args[0], scenario, settings, out));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    } catch (IOException | RuntimeException e) {
      System.err.println("error: " + e);
      System.exit(1);
    }
  }

  private static int run(
      final String command, final Scenario scenario, final Settings settings, final PrintStream out)
      throws IOException {
    Steps steps = new Steps(settings.steps(), out);
    String logs = System.getProperty("sfsbroker.demo.logs", "the runtime's logs/");
    switch (command) {
      case "prepare" -> {
        try (Testbed testbed = Testbed.connect(NetworkProfile.load(settings.network()))) {
          new Participants(scenario, settings, out).prepare(testbed);
        }
        return 0;
      }
      case "run" -> {
        List<Outcome> outcomes;
        try (Testbed testbed = Testbed.connect(NetworkProfile.load(settings.network()));
            DockerClient docker =
                SliceContainers.dockerClient(settings.dockerHost(), Duration.ofSeconds(60))) {
          outcomes = new ScenarioRun(scenario, settings, testbed.reader(), docker, steps).run();
        }
        new Report(out).print(outcomes, steps.read(), logs);
        return steps.failed() || outcomes.stream().anyMatch(o -> !o.problems.isEmpty()) ? 1 : 0;
      }
      default -> {
        new Report(out).print(List.of(), steps.read(), logs);
        return 0;
      }
    }
  }
}
