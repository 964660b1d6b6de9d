package io.sfsbroker.benchmarks.e2e;

import io.sfsbroker.benchmarks.support.Charts;
import io.sfsbroker.benchmarks.support.Machine;
import io.sfsbroker.benchmarks.support.Options;
import io.sfsbroker.benchmarks.support.Progress;
import io.sfsbroker.device.ConsoleLog;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.testbed.Testbed;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Fig. 4a on the real stack: end-to-end slice creation latency (steps 1–11 of docs/flow.md, from
 * the fog node signing its request to the slice handed over) against block time, one curve per
 * concurrency. For each block time it sets BatchTimeout on the running channel ({@code --sfsbroker
 * PATH}: {@code PATH network up --batch-timeout}); for each concurrency it runs {@code --trials}
 * trials in which that many fog nodes ask at once. Per point it prints mean, median, p95, the 95 %
 * confidence interval, each step's own share, the offer window, the physical limit ({@link
 * PhysicalLimit}) and the ratio to it. Prints figures, asserts nothing.
 *
 * <p>Usage: {@code --network FILE --mqtt FILE --clients DIR [--block-times 1,2] [--concurrency
 * 1,10] [--trials 3] [--window S] [--sfsbroker PATH] [--image I] [--docker URL] [--port-base N]
 * [--subnets 10.211] [--state DIR] [--out DIR]}.
 */
public final class EndToEndBenchmark {

  private EndToEndBenchmark() {}

  /** Runs the sweep and writes {@code e2e.csv}, {@code e2e-samples.csv}, the PNG and the report. */
  public static void main(final String[] args) throws Exception {
    ConsoleLog.configure(System.Logger.Level.ERROR);
    Options options =
        Options.parse(
            args,
            Set.of(
                "network",
                "mqtt",
                "clients",
                "block-times",
                "concurrency",
                "trials",
                "window",
                "sfsbroker",
                "image",
                "docker",
                "port-base",
                "subnets",
                "state",
                "out"),
            Set.of());
    List<Double> blockTimes = options.decimals("block-times", "1,2");
    List<Integer> concurrency = options.integers("concurrency", "1,10");
    int trials = options.integer("trials", 3);
    Path network = options.path("network", ".runtime/network.json");
    Path mqtt = options.path("mqtt", ".runtime/mqtt.json");
    Path out = options.path("out", "benchmarks/target/bench/e2e");
    String sfsbroker = options.text("sfsbroker", null);
    if (sfsbroker == null && blockTimes.size() > 1) {
      throw new IllegalArgumentException(
          "without --sfsbroker the benchmark cannot change the channel's block time; give the one"
              + " it runs at as --block-times");
    }
    var mqttJson = Json.parseObject(Files.readString(mqtt));
    String run = Long.toString(System.currentTimeMillis(), 36);
    Stack.Settings settings =
        new Stack.Settings(
            mqttJson.get("url").getAsString(),
            Path.of(mqttJson.get("caFile").getAsString()),
            options.path(
                "clients", mqtt.toAbsolutePath().getParent().resolve("mqtt/clients").toString()),
            options.path("state", out.resolve("state").toString()).resolve(run),
            options.text("image", "sfsbroker/slice:1"),
            options.text("docker", "unix:///var/run/docker.sock"),
            options.integer("port-base", 20000),
            options.text("subnets", "10.211"));
    int fogs = Collections.max(concurrency);

    System.out.println("End-to-end slice creation (Fig. 4a) on the running stack");
    System.out.println(Machine.describe());
    NetworkProfile profile = NetworkProfile.load(network);
    List<Point> points = new ArrayList<>();
    List<String> samples = new ArrayList<>();
    samples.add(
        "block_seconds,concurrency,trial,"
            + String.join(",", Step.labels())
            + ",window_ms,end_to_end_ms");
    Progress progress = new Progress();
    try (Testbed testbed = Testbed.connect(profile);
        GatewayConnection listener =
            GatewayConnection.asUser(
                profile.org("tenants"), io.sfsbroker.gateway.connection.Deadlines.DEFAULT);
        EventClock events =
            new EventClock(listener.network(profile.channel()), profile.chaincode())) {
      long window =
          options.text("window", null) != null
              ? options.integer("window", 5)
              : Json.parseObject(testbed.ledger().evaluate(TransactionName.CATALOG_GET_CONFIG))
                  .get("minOfferWindowSeconds")
                  .getAsLong();
      double containerStart =
          ContainerProbe.medianStartSeconds(settings.dockerHost(), settings.image(), run);
      System.out.printf(
          Locale.ROOT,
          "network: %s; %d RPs, %d fog nodes (in-process agents over MQTT %s); offer window %d s;"
              + " one slice container starts in %.2f s (median of %d)%n",
          network.toAbsolutePath(),
          Stack.RPS,
          fogs,
          settings.mqttUrl(),
          window,
          containerStart,
          ContainerProbe.PROBES);
      System.out.println(
          "limit = "
              + PhysicalLimit.SEQUENTIAL_COMMITS
              + " sequential commits (request, selection, last confirmation) x block time +"
              + " window + container start; step columns are each step's own mean seconds");
      try (Stack stack = Stack.start(testbed, settings, fogs)) {
        Load load = new Load(stack, events, testbed.reader(), window);
        // One request before the sweep, so the first point does not pay for warming up.
        setBlockTime(sfsbroker, blockTimes.get(0));
        load.trial(1);
        System.out.println(Report.header());
        int total = blockTimes.size() * concurrency.size() * trials;
        int done = 0;
        for (double blockTime : blockTimes) {
          setBlockTime(sfsbroker, blockTime);
          for (int n : concurrency) {
            List<Timeline> timelines = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (int trial = 1; trial <= trials; trial++) {
              progress.show(
                  String.format(
                      Locale.ROOT, "block %.2f s, %d at once, trial %d", blockTime, n, trial),
                  done,
                  total);
              for (Load.Outcome outcome : load.trial(n)) {
                if (outcome.timeline() == null) {
                  failures.add(outcome.failure());
                  continue;
                }
                timelines.add(outcome.timeline());
                samples.add(sample(blockTime, n, trial, outcome.timeline()));
              }
              done++;
            }
            progress.done();
            double windowSeconds =
                timelines.stream()
                        .mapToLong(Timeline::windowMillis)
                        .average()
                        .orElse(window * 1000.0)
                    / 1000.0;
            Point point =
                new Point(
                    blockTime,
                    n,
                    trials,
                    timelines,
                    failures,
                    PhysicalLimit.of(blockTime, windowSeconds, containerStart));
            points.add(point);
            System.out.println(Report.row(point));
            for (String failure : failures.stream().distinct().limit(3).toList()) {
              System.out.println("  failed: " + failure);
            }
          }
        }
      }
    }
    List<String> targets = Report.targets(points);
    targets.forEach(System.out::println);
    write(out, points, samples, targets);
    System.out.println("written: " + out.resolve("e2e.csv") + ", e2e.png, e2e-report.md");
  }

  /** Sets BatchTimeout on the runtime's own channel; without the script, leaves it alone. */
  private static void setBlockTime(final String sfsbroker, final double seconds)
      throws IOException, InterruptedException {
    if (sfsbroker == null) {
      return;
    }
    String timeout = Math.round(seconds * 1000) + "ms";
    Process process =
        new ProcessBuilder(sfsbroker, "network", "up", "--batch-timeout", timeout)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("setting BatchTimeout " + timeout + " failed");
    }
  }

  private static String sample(
      final double blockTime, final int concurrency, final int trial, final Timeline timeline) {
    StringBuilder line =
        new StringBuilder(String.format(Locale.ROOT, "%.3f,%d,%d", blockTime, concurrency, trial));
    for (Step step : Step.values()) {
      line.append(',').append(timeline.reached().get(step));
    }
    return line.append(',')
        .append(timeline.windowMillis())
        .append(',')
        .append(timeline.endToEndMillis())
        .toString();
  }

  private static void write(
      final Path out,
      final List<Point> points,
      final List<String> samples,
      final List<String> targets)
      throws IOException {
    Charts.csv(out.resolve("e2e.csv"), Report.csv(points));
    Charts.csv(out.resolve("e2e-samples.csv"), samples);
    Charts.lines(
        out.resolve("e2e.png"),
        "End-to-end slice creation (Fig. 4a): mean with 95% CI",
        "block time (s)",
        "latency (s)",
        Report.series(points));
    List<String> report = new ArrayList<>();
    report.add("# bench e2e");
    report.add("");
    report.add(Machine.describe());
    report.add("");
    report.add("```");
    report.add(Report.header());
    points.forEach(p -> report.add(Report.row(p)));
    report.add("```");
    report.add("");
    targets.forEach(t -> report.add("- " + t));
    Files.write(out.resolve("e2e-report.md"), report, StandardCharsets.UTF_8);
  }
}
