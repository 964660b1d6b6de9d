package io.sfsbroker.benchmarks.view;

import io.sfsbroker.benchmarks.support.BenchLedger;
import io.sfsbroker.benchmarks.support.Charts;
import io.sfsbroker.benchmarks.support.Machine;
import io.sfsbroker.benchmarks.support.Options;
import io.sfsbroker.benchmarks.support.Progress;
import io.sfsbroker.benchmarks.support.Stats;
import io.sfsbroker.view.OperatorView;
import io.sfsbroker.view.ViewConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator view with thousands of slices: puts {@code --slices N} slices on the running ledger
 * in six states ({@link SliceSeeder}), starts the view in this JVM (as {@code ./sfsbroker view up}
 * would, on a free loopback port), waits until it has read every block, and then loads every page
 * over HTTP: each page of the slices list, the first page of each state, one slice of each state,
 * blocks, escrow, tokens, health, auctions, multi-flow. Per page: the first load, the median and
 * max of the repeated loads, and the queries that reached the peer on each (the view's count).
 * Prints figures, asserts nothing.
 *
 * <p>Usage: {@code --view VIEW_JSON [--slices 2000] [--repeats 5] [--devices 8] [--parallel 32]
 * [--network FILE] [--out DIR]}; with {@code --slices 0} it seeds nothing and times the ledger as
 * it is.
 */
public final class ViewBenchmark {

  private static final List<String> STATES =
      List.of(
          "OFFERING", "AWARDED", "ACTIVE", "IN_SERVICE", "DECOMMISSIONED", "FAILED", "TIMED_OUT");

  private ViewBenchmark() {}

  /** Seeds, times and writes {@code view.csv}, {@code view.png} and {@code view-report.md}. */
  public static void main(final String[] args) throws Exception {
    Options options =
        Options.parse(
            args,
            Set.of("view", "slices", "repeats", "devices", "parallel", "network", "out"),
            Set.of());
    String viewFile = options.text("view", null);
    if (viewFile == null) {
      throw new IllegalArgumentException(
          "give --view VIEW_JSON (./sfsbroker bench view writes one from the running network)");
    }
    ViewConfig written = ViewConfig.load(Path.of(viewFile));
    int slices = "0".equals(options.text("slices", null)) ? 0 : options.integer("slices", 2000);
    int repeats = options.integer("repeats", 5);
    int devices = options.integer("devices", 8);
    int parallel = options.integer("parallel", 32);
    Path network = options.path("network", written.network());
    Path out = options.path("out", "benchmarks/target/bench/view");

    System.out.println(
        "Operator view with many slices: "
            + slices
            + " new slices, each page loaded once and "
            + repeats
            + " times again");
    System.out.println(Machine.describe());
    System.out.println("network: " + network.toAbsolutePath());
    Progress progress = new Progress();
    SliceSeeder.Seeded seeded;
    long height;
    try (BenchLedger ledger = BenchLedger.connect(network)) {
      if (slices > 0) {
        seeded = new SliceSeeder(ledger, parallel, progress).seed(slices, devices);
      } else {
        seeded = new SliceSeeder.Seeded(Map.of(), null, 0, 0, Map.of(), 0);
      }
      height = ledger.bridge().blockHeight();
    }
    System.out.printf(
        Locale.ROOT,
        "seeded: %d transactions committed in %.0f s (%d sent again after an MVCC conflict or ABORTED),"
            + " failed %s; ledger height %d%n",
        seeded.transactions(),
        seeded.seconds(),
        seeded.retried(),
        seeded.failures().isEmpty() ? "none" : seeded.failures(),
        height);

    List<PageTimer.Timed> timed = new ArrayList<>();
    double catchUp;
    try (OperatorView view = OperatorView.start(inProcess(written))) {
      long start = System.nanoTime();
      while (view.height() < height) {
        progress.show("the view reading the ledger's blocks", view.height(), height);
        Thread.sleep(200);
      }
      progress.done();
      catchUp = (System.nanoTime() - start) / 1e9;
      PageTimer timer = new PageTimer(view, repeats);
      timed.add(timer.time("health", "/health"));
      timed.add(timer.time("blocks", "/blocks"));
      timed.add(timer.time("blocks, page 10", "/blocks?page=9"));
      Optional<String> next = Optional.of("/slices");
      for (int page = 1; next.isPresent(); page++) {
        progress.show("the slices list, page by page", page, page + 1);
        PageTimer.Timed one = timer.time("slices, page " + page, next.get());
        timed.add(one);
        next = one.next();
      }
      progress.done();
      for (String state : STATES) {
        timed.add(timer.time("slices " + state, "/slices?state=" + state));
      }
      for (Map.Entry<String, String> slice : seeded.sample().entrySet()) {
        timed.add(timer.time("slice " + slice.getKey(), "/slice?id=" + slice.getValue()));
      }
      for (String state : List.of("IN_SERVICE", "ACTIVE", "AWARDED")) {
        timed.add(timer.time("escrow " + state, "/escrow?state=" + state));
      }
      timed.add(timer.time("tokens", "/tokens"));
      if (seeded.fog() != null) {
        timed.add(timer.time("tokens of a fog node", "/tokens?owner=" + seeded.fog().account()));
      }
      timed.add(timer.time("auctions", "/auctions"));
      timed.add(timer.time("multi-flow", "/applications"));
    }
    String report = report(timed, catchUp, height);
    System.out.println();
    System.out.print(report);
    write(timed, report, out);
    System.out.println(
        "\nwritten: "
            + out.resolve("view.csv")
            + ", "
            + out.resolve("view.png")
            + ", "
            + out.resolve("view-report.md"));
  }

  /** The written config on a free loopback port, plain HTTP: the bench's own view. */
  private static ViewConfig inProcess(final ViewConfig c) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return new ViewConfig(
        c.network(),
        c.org(),
        "127.0.0.1",
        port,
        c.orderers(),
        c.ordererTls(),
        c.peers(),
        c.chaincodeServers(),
        c.mqttAddress(),
        c.pidsDir(),
        null);
  }

  /** The table: the slices list's pages as one row, every other page as its own. */
  static String report(final List<PageTimer.Timed> timed, final double catchUp, final long height) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "the in-process view read %d blocks in %.1f s before the first page%n%n",
            height,
            catchUp));
    s.append(
        "| page | pages | first load (ms) | repeated: median (ms) | repeated: max (ms) |"
            + " peer queries, first load | peer queries, repeated | KiB |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    Map<String, List<PageTimer.Timed>> rows = new LinkedHashMap<>();
    for (PageTimer.Timed t : timed) {
      String row = t.label().startsWith("slices, page ") ? "slices (all), every page" : t.label();
      rows.computeIfAbsent(row, r -> new ArrayList<>()).add(t);
    }
    for (Map.Entry<String, List<PageTimer.Timed>> row : rows.entrySet()) {
      List<PageTimer.Timed> group = row.getValue();
      List<Double> firsts = new ArrayList<>();
      long firstQueries = 0;
      long repeatedQueries = 0;
      double kib = 0;
      for (PageTimer.Timed t : group) {
        firsts.add(t.firstMillis());
        firstQueries = Math.max(firstQueries, t.firstQueries());
        repeatedQueries = Math.max(repeatedQueries, t.repeatedQueries());
        kib = Math.max(kib, t.bytes() / 1024.0);
      }
      Stats first = Stats.of(firsts);
      double median =
          Stats.of(group.stream().map(t -> t.repeatedMillis().median()).toList()).median();
      double max = group.stream().mapToDouble(t -> t.repeatedMillis().max()).max().orElse(0);
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %.1f | %.1f | %s | %d | %.0f |%n",
              row.getKey(),
              group.size(),
              group.size() == 1
                  ? String.format(Locale.ROOT, "%.1f", first.max())
                  : String.format(
                      Locale.ROOT, "median %.1f, max %.1f", first.median(), first.max()),
              median,
              max,
              group.size() == 1 ? Long.toString(firstQueries) : "≤ " + firstQueries,
              repeatedQueries,
              kib));
    }
    return s.toString();
  }

  private static void write(final List<PageTimer.Timed> timed, final String report, final Path out)
      throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "page,path,first_ms,repeated_median_ms,repeated_max_ms,repeats,"
            + "peer_queries_first,peer_queries_repeated_max,bytes");
    List<String> labels = new ArrayList<>();
    List<Double> firsts = new ArrayList<>();
    List<Double> medians = new ArrayList<>();
    for (PageTimer.Timed t : timed) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s,\"%s\",%.2f,%.2f,%.2f,%d,%d,%d,%d",
              t.label(),
              t.path(),
              t.firstMillis(),
              t.repeatedMillis().median(),
              t.repeatedMillis().max(),
              t.repeatedMillis().count(),
              t.firstQueries(),
              t.repeatedQueries(),
              t.bytes()));
      labels.add(t.label());
      firsts.add(t.firstMillis());
      medians.add(t.repeatedMillis().median());
    }
    Charts.csv(out.resolve("view.csv"), lines);
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put("first load", firsts);
    series.put("repeated load (median)", medians);
    Charts.bars(
        out.resolve("view.png"), "Operator view: page load times", "milliseconds", labels, series);
    Files.writeString(
        out.resolve("view-report.md"),
        "# Operator view page times\n\n" + Machine.describe() + "\n\n" + report,
        StandardCharsets.UTF_8);
  }
}
