package io.sfsbroker.benchmarks.ledger;

import io.sfsbroker.benchmarks.support.BenchLedger;
import io.sfsbroker.benchmarks.support.Charts;
import io.sfsbroker.benchmarks.support.Device;
import io.sfsbroker.benchmarks.support.Machine;
import io.sfsbroker.benchmarks.support.Options;
import io.sfsbroker.benchmarks.support.ProcessSampler;
import io.sfsbroker.benchmarks.support.Progress;
import io.sfsbroker.benchmarks.support.StateAccess;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Caliper-style throughput rounds on the running network, through the Fabric Gateway as the bridge
 * submits: a round of signed slice requests ({@code request:submitSliceRequest}, fog nodes signing
 * as the agent does), then a round of signed offers on the blueprints the first round created
 * ({@code offer:submitOffer}, RPs signing as the RP agent does); at a fixed rate ({@code --rate N}
 * per second) or at the maximum rate ({@code --max}, {@code --parallel} in flight). Per round it
 * reports succeeded, failed by reason, send rate, throughput, latency and the CPU and memory of
 * each process of the network. Prints figures, asserts nothing.
 *
 * <p>Usage: {@code --network FILE [--rate 25 | --max] [--duration 20] [--parallel 128] [--devices
 * 8] [--pids DIR] [--out DIR]}.
 */
public final class ThroughputBenchmark {

  private static final long FUNDS = 1_000_000_000_000L;

  /** How many resource categories each request asks for ({@code category-0}, …). */
  public static final int CATEGORIES = 2;

  private ThroughputBenchmark() {}

  /**
   * A round's figures, what the processes used meanwhile, and what one of its transactions read and
   * wrote (null when none committed).
   */
  record Measured(
      LoadRound.Result result, Map<String, ProcessSampler.Usage> usage, StateAccess access) {}

  /** Runs the rounds and writes {@code throughput.csv}, {@code .png} and the report. */
  public static void main(final String[] args) throws Exception {
    Options options =
        Options.parse(
            args,
            Set.of("network", "rate", "duration", "parallel", "devices", "pids", "out"),
            Set.of("max"));
    boolean max = options.flag("max");
    if (max && options.text("rate", null) != null) {
      throw new IllegalArgumentException("give --rate N or --max, not both");
    }
    int rate = options.integer("rate", 25);
    int duration = options.integer("duration", 20);
    int parallel = options.integer("parallel", 128);
    int devices = options.integer("devices", 8);
    Path network = options.path("network", ".runtime/network.json");
    Path pidDirectory =
        options.path("pids", network.toAbsolutePath().getParent().resolve("pids").toString());
    Path out = options.path("out", "benchmarks/target/bench/throughput");
    LoadRound.Schedule schedule = new LoadRound.Schedule(max ? 0 : rate, parallel, duration);
    String mode = max ? "max rate" : rate + "/s";

    System.out.println(
        "Throughput (Caliper-style rounds): signed slice requests, then signed offers, " + mode);
    System.out.println(Machine.describe());
    Map<String, Long> pids = ProcessSampler.recorded(pidDirectory);
    System.out.println(
        "network: "
            + network.toAbsolutePath()
            + "; "
            + duration
            + " s per round, at most "
            + parallel
            + " in flight; sampling "
            + pids.size()
            + " processes from "
            + pidDirectory);
    pids.put("bench client", ProcessSampler.self());

    String run = Long.toString(System.currentTimeMillis(), 36);
    Progress progress = new Progress();
    List<Measured> rounds = new ArrayList<>();
    try (BenchLedger ledger = BenchLedger.connect(network)) {
      BenchLedger.Enrolled enrolled =
          ledger.enrol("tput-" + run, devices, FUNDS, parallel, progress);
      List<Device> fogs = enrolled.fogs();
      List<Device> rps = enrolled.rps();
      ChaincodeClient bridge = ledger.bridge();
      long window = window(bridge, duration);

      List<String> blueprints = new CopyOnWriteArrayList<>();
      rounds.add(
          measure(
              "request " + mode,
              schedule,
              Long.MAX_VALUE,
              n -> {
                Device fog = fogs.get((int) (n % fogs.size()));
                Committed committed =
                    bridge.submit(
                        TransactionName.REQUEST_SUBMIT_SLICE_REQUEST,
                        fog.sign(MessageType.SLICE_REQUEST, request(window)));
                blueprints.add(Json.parseObject(committed.result()).get("id").getAsString());
                return committed.transactionId();
              },
              ledger,
              pids,
              progress));
      List<String> open = List.copyOf(blueprints);
      if (open.isEmpty()) {
        throw new IllegalStateException(
            "no slice request was committed, so there is no blueprint to offer on");
      }
      rounds.add(
          measure(
              "offer " + mode,
              schedule,
              (long) open.size() * rps.size(),
              n -> {
                String blueprint = open.get((int) (n % open.size()));
                Device rp = rps.get((int) (n / open.size() % rps.size()));
                return bridge
                    .submit(
                        TransactionName.OFFER_SUBMIT_OFFER,
                        rp.sign(MessageType.OFFER, offer(blueprint)))
                    .transactionId();
              },
              ledger,
              pids,
              progress));
    }
    String report = report(rounds);
    System.out.println();
    System.out.print(report);
    write(rounds, report, out);
    System.out.println(
        "\nwritten: "
            + out.resolve("throughput.csv")
            + ", "
            + out.resolve("throughput-resources.csv")
            + ", "
            + out.resolve("throughput.png")
            + ", "
            + out.resolve("throughput-report.md"));
  }

  private static Measured measure(
      final String name,
      final LoadRound.Schedule schedule,
      final long limit,
      final LoadRound.Work work,
      final BenchLedger ledger,
      final Map<String, Long> pids,
      final Progress progress) {
    try (ProcessSampler sampler = ProcessSampler.start(pids, 1000)) {
      LoadRound.Result result = LoadRound.run(name, schedule, limit, work, progress);
      Map<String, ProcessSampler.Usage> usage = sampler.stop();
      String sample = result.sampleTransactionId();
      return new Measured(
          result, usage, sample == null ? null : StateAccess.of(ledger.bridgeNetwork(), sample));
    }
  }

  /**
   * An offer window that outlasts both rounds (the offers must arrive before it ends), within the
   * broker's bounds ({@code catalog:getConfig}).
   */
  private static long window(final ChaincodeClient bridge, final int duration) {
    var config = Json.parseObject(bridge.evaluate(TransactionName.CATALOG_GET_CONFIG));
    long wanted = 3L * duration + 60;
    return Math.max(
        config.get("minOfferWindowSeconds").getAsLong(),
        Math.min(config.get("maxOfferWindowSeconds").getAsLong(), wanted));
  }

  /**
   * The body of the signed slice request the rounds send: two categories of 4 units at most 8,000
   * each, with an offer window of {@code window} seconds. The view benchmark sends the same.
   */
  public static Map<String, Object> request(final long window) {
    List<Map<String, Object>> categories = new ArrayList<>();
    long budget = 0;
    for (int i = 0; i < CATEGORIES; i++) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("category", "category-" + i);
      line.put("amount", 4);
      line.put("maxUnitPrice", 8_000);
      categories.add(line);
      budget += 2L * 4 * 8_000;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("categories", categories);
    body.put("budget", budget);
    body.put("offerWindowSeconds", window);
    return body;
  }

  /**
   * The body of the signed offer the rounds send on {@code blueprintId}: 8 units of each category
   * at 5,000 (reserve 3,000), so it wins the request above. The view benchmark sends the same.
   */
  public static Map<String, Object> offer(final String blueprintId) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (int i = 0; i < CATEGORIES; i++) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("category", "category-" + i);
      line.put("unitPrice", 5_000);
      line.put("available", 8);
      line.put("reservePrice", 3_000);
      lines.add(line);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("blueprintId", blueprintId);
    body.put("categories", lines);
    return body;
  }

  /** Caliper's performance and resource tables, as Markdown, and the failures by reason. */
  static String report(final List<Measured> rounds) {
    StringBuilder s = new StringBuilder();
    s.append(
        "| Name | Succ | Fail | Send Rate (TPS) | Max Latency (s) | Min Latency (s) | Avg Latency (s)"
            + " | p95 Latency (s) | Throughput (TPS) |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Measured m : rounds) {
      LoadRound.Result r = m.result();
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %.1f |%n",
              r.name(),
              r.succeeded(),
              r.failed(),
              r.sendRate(),
              r.latencySeconds().max(),
              r.latencySeconds().min(),
              r.latencySeconds().mean(),
              r.latencySeconds().p95(),
              r.throughput()));
    }
    s.append('\n');
    for (Measured m : rounds) {
      StateAccess a = m.access();
      if (a != null) {
        s.append(
            String.format(
                Locale.ROOT,
                "one transaction of %s: %d keys read, %d range queries, %d keys written (%.1f KiB),"
                    + " %.1f KiB in its block%n",
                m.result().name(),
                a.keysRead(),
                a.rangeQueries(),
                a.keysWritten(),
                a.bytesWritten() / 1024.0,
                a.transactionBytes() / 1024.0));
      }
    }
    for (Measured m : rounds) {
      if (!m.result().failures().isEmpty()) {
        s.append("\nfailed in ").append(m.result().name()).append(":");
        new TreeMap<>(m.result().failures())
            .forEach((reason, count) -> s.append(" ").append(reason).append(" ×").append(count));
        s.append('\n');
      }
    }
    for (Measured m : rounds) {
      s.append("\nResources during ").append(m.result().name()).append(":\n\n");
      s.append(
          "| Process | PID | CPU% (max) | CPU% (avg) | Memory (max) [MiB] | Memory (avg) [MiB] |\n");
      s.append("|---|---:|---:|---:|---:|---:|\n");
      for (ProcessSampler.Usage u : m.usage().values()) {
        s.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n",
                u.name(),
                u.pid(),
                u.cpuMaxPercent(),
                u.cpuAvgPercent(),
                u.memoryMaxMib(),
                u.memoryAvgMib()));
      }
    }
    return s.toString();
  }

  private static void write(final List<Measured> rounds, final String report, final Path out)
      throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(
        "round,rate_per_s,in_flight,seconds,succeeded,failed,send_rate,throughput,"
            + "latency_min_s,latency_avg_s,latency_p95_s,latency_max_s,failures");
    List<String> resources = new ArrayList<>();
    resources.add(
        "round,process,pid,cpu_max_percent,cpu_avg_percent,memory_max_mib,memory_avg_mib");
    Map<String, List<List<Double>>> series = new LinkedHashMap<>();
    for (Measured m : rounds) {
      LoadRound.Result r = m.result();
      StringBuilder failures = new StringBuilder();
      new TreeMap<>(r.failures())
          .forEach(
              (reason, count) ->
                  failures
                      .append(failures.length() == 0 ? "" : ";")
                      .append(reason)
                      .append('=')
                      .append(count));
      lines.add(
          String.format(
              Locale.ROOT,
              "%s,%s,%d,%.0f,%d,%d,%.2f,%.2f,%.3f,%.3f,%.3f,%.3f,%s",
              r.name(),
              r.schedule().maximum()
                  ? "max"
                  : String.format(Locale.ROOT, "%.0f", r.schedule().ratePerSecond()),
              r.schedule().inFlight(),
              r.schedule().seconds(),
              r.succeeded(),
              r.failed(),
              r.sendRate(),
              r.throughput(),
              r.latencySeconds().min(),
              r.latencySeconds().mean(),
              r.latencySeconds().p95(),
              r.latencySeconds().max(),
              failures));
      for (ProcessSampler.Usage u : m.usage().values()) {
        resources.add(
            String.format(
                Locale.ROOT,
                "%s,%s,%d,%.1f,%.1f,%.1f,%.1f",
                r.name(),
                u.name(),
                u.pid(),
                u.cpuMaxPercent(),
                u.cpuAvgPercent(),
                u.memoryMaxMib(),
                u.memoryAvgMib()));
      }
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < r.committedPerSecond().size(); i++) {
        xs.add((double) i);
        ys.add((double) r.committedPerSecond().get(i));
      }
      series.put(r.name(), List.of(xs, ys));
    }
    Charts.csv(out.resolve("throughput.csv"), lines);
    Charts.csv(out.resolve("throughput-resources.csv"), resources);
    Charts.lines(
        out.resolve("throughput.png"),
        "Committed signed transactions per second, per round",
        "second of the round",
        "committed per second",
        series);
    Files.writeString(
        out.resolve("throughput-report.md"),
        "# Throughput\n\n" + Machine.describe() + "\n\n" + report,
        StandardCharsets.UTF_8);
  }
}
