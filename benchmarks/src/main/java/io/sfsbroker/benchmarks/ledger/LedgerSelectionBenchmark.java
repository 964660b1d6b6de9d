package io.sfsbroker.benchmarks.ledger;

import io.sfsbroker.benchmarks.RandomMarket;
import io.sfsbroker.benchmarks.support.BenchLedger;
import io.sfsbroker.benchmarks.support.Charts;
import io.sfsbroker.benchmarks.support.Device;
import io.sfsbroker.benchmarks.support.Machine;
import io.sfsbroker.benchmarks.support.Options;
import io.sfsbroker.benchmarks.support.Progress;
import io.sfsbroker.benchmarks.support.StateAccess;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.market.selection.CategoryOffer;
import io.sfsbroker.market.selection.CategoryRequest;
import io.sfsbroker.market.selection.RpOffer;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.client.Transaction;

/**
 * The paper's Figure 4b on the real network: for each RP count and number of categories N, every
 * RP's signed offer is stored on the ledger through the Gateway (as the bridge submits what RPs
 * send), then {@code selection:closeAndSelect} is submitted and timed until it is committed; the
 * state it read and wrote is read back from its block. Prints figures, asserts nothing.
 *
 * <p>Usage: {@code --network FILE [--rps 64,256,1024,2048] [--params 12,96,512] [--out DIR]
 * [--parallel 32]}.
 */
public final class LedgerSelectionBenchmark {

  private static final long FUNDS = 1_000_000_000_000_000L;

  private LedgerSelectionBenchmark() {}

  /** One measured point. */
  record Point(
      int rps,
      int categories,
      int offersStored,
      int offersFailed,
      double storeSeconds,
      double endorseMillis,
      double committedMillis,
      String status,
      int winners,
      StateAccess access) {}

  /** Runs the sweep and writes {@code selection-ledger.csv} and {@code .png} into {@code --out}. */
  public static void main(final String[] args) throws Exception {
    Options options =
        Options.parse(args, Set.of("network", "rps", "params", "out", "parallel"), Set.of());
    List<Integer> rpCounts = options.integers("rps", "64,256,1024,2048").stream().sorted().toList();
    List<Integer> params = options.integers("params", "12,96,512");
    Path out = options.path("out", "benchmarks/target/bench/selection-ledger");
    int parallel = options.integer("parallel", 32);
    Path network = options.path("network", ".runtime/network.json");

    System.out.println(
        "Selection on the ledger (Fig. 4b): offers stored, then closeAndSelect timed to commit");
    System.out.println(Machine.describe());
    System.out.println(
        "network: " + network.toAbsolutePath() + "; " + parallel + " offers in flight");
    int maxRps = rpCounts.get(rpCounts.size() - 1);
    String run = Long.toString(System.currentTimeMillis(), 36);
    List<Point> points = new ArrayList<>();
    Progress progress = new Progress();
    try (BenchLedger ledger = BenchLedger.connect(network)) {
      Device fog = Device.create("bench-" + run + "-fog", "FOG_NODE");
      List<Device> rps = new ArrayList<>();
      for (int i = 0; i < maxRps; i++) {
        rps.add(
            Device.create(
                String.format(Locale.ROOT, "bench-%s-rp-%05d", run, i), "RESOURCE_PROVIDER"));
      }
      List<Device> all = new ArrayList<>(rps);
      all.add(fog);
      ledger.register(all, parallel, progress);
      ledger.fund(fog, FUNDS);
      Map<Integer, Double> secondsPerOffer = new TreeMap<>();
      System.out.printf(
          Locale.ROOT,
          "%n%6s %5s %8s %9s %11s %12s %9s %8s %7s %10s %8s %12s %10s%n",
          "RPs",
          "N",
          "stored",
          "store s",
          "endorse ms",
          "committed ms",
          "status",
          "winners",
          "reads",
          "range keys",
          "writes",
          "written KiB",
          "tx KiB");
      for (int rpCount : rpCounts) {
        for (int n : params) {
          // The offer window must hold every offer: a guess at first, then what this N took.
          double guess = secondsPerOffer.getOrDefault(n, 0.02 * (1 + n / 32.0));
          Point point = measure(ledger, fog, rps.subList(0, rpCount), n, guess, parallel, progress);
          secondsPerOffer.put(
              n, Math.max(secondsPerOffer.getOrDefault(n, 0.0), point.storeSeconds() / rpCount));
          points.add(point);
          print(point);
        }
      }
    }
    write(points, out);
    System.out.println(
        "\nwritten: "
            + out.resolve("selection-ledger.csv")
            + ", "
            + out.resolve("selection-ledger.png"));
  }

  private static Point measure(
      final BenchLedger ledger,
      final Device fog,
      final List<Device> rps,
      final int categories,
      final double secondsPerOffer,
      final int parallel,
      final Progress progress) {
    RandomMarket.Instance market =
        RandomMarket.generate(new Random(31L * rps.size() + categories), rps.size(), categories);
    ChaincodeClient bridge = ledger.bridge();
    long window =
        Math.min(
            maxWindow(bridge),
            Math.max(5, (long) Math.ceil(rps.size() * secondsPerOffer * 1.5) + 3));
    Committed submitted =
        bridge.submit(
            TransactionName.REQUEST_SUBMIT_SLICE_REQUEST,
            fog.sign(MessageType.SLICE_REQUEST, request(market, window)));
    var blueprint = Json.parseObject(submitted.result());
    String id = blueprint.get("id").getAsString();
    Instant deadline = Instant.parse(blueprint.get("offerDeadline").getAsString());

    AtomicInteger failed = new AtomicInteger();
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < rps.size(); i++) {
      Device rp = rps.get(i);
      RpOffer offer = market.offers().get(i);
      tasks.add(
          () -> {
            try {
              bridge.submit(
                  TransactionName.OFFER_SUBMIT_OFFER,
                  rp.sign(MessageType.OFFER, offerBody(id, offer)));
            } catch (LedgerException e) {
              failed.incrementAndGet();
            }
          });
    }
    long start = System.nanoTime();
    BenchLedger.runAll(tasks, parallel, "offers " + rps.size() + " RPs x " + categories, progress);
    double storeSeconds = (System.nanoTime() - start) / 1e9;

    sleepUntil(deadline.plusMillis(1500), progress, "waiting for the window to end");
    long t0 = System.nanoTime();
    Transaction endorsed = bridge.endorse(TransactionName.SELECTION_CLOSE_AND_SELECT, id);
    long t1 = System.nanoTime();
    Committed committed = bridge.awaitCommit(bridge.submitEndorsed(endorsed), endorsed.getResult());
    long t2 = System.nanoTime();
    var record = Json.parseObject(committed.result());
    StateAccess access = StateAccess.of(ledger.bridgeNetwork(), committed.transactionId());
    return new Point(
        rps.size(),
        categories,
        rps.size() - failed.get(),
        failed.get(),
        storeSeconds,
        (t1 - t0) / 1e6,
        (t2 - t0) / 1e6,
        record.get("status").getAsString(),
        record.getAsJsonArray("winners").size(),
        access);
  }

  /** The longest offer window the broker allows ({@code catalog:getConfig}). */
  private static long maxWindow(final ChaincodeClient bridge) {
    return Json.parseObject(bridge.evaluate(TransactionName.CATALOG_GET_CONFIG))
        .get("maxOfferWindowSeconds")
        .getAsLong();
  }

  private static Map<String, Object> request(
      final RandomMarket.Instance market, final long window) {
    List<Map<String, Object>> categories = new ArrayList<>();
    long budget = 0;
    for (CategoryRequest c : market.blueprint().categories()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("category", c.category());
      line.put("amount", c.amount());
      line.put("maxUnitPrice", c.maxUnitPrice());
      categories.add(line);
      budget += c.budget();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("categories", categories);
    body.put("budget", budget);
    body.put("offerWindowSeconds", window);
    return body;
  }

  private static Map<String, Object> offerBody(final String blueprintId, final RpOffer offer) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (CategoryOffer c : offer.categories()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("category", c.category());
      line.put("unitPrice", c.unitPrice());
      line.put("available", c.available());
      line.put("reservePrice", c.reservePrice());
      lines.add(line);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("blueprintId", blueprintId);
    body.put("categories", lines);
    return body;
  }

  private static void sleepUntil(final Instant when, final Progress progress, final String what) {
    long total = Math.max(0, Duration.between(Instant.now(), when).toSeconds());
    while (Instant.now().isBefore(when)) {
      progress.show(
          what, total - Math.max(0, Duration.between(Instant.now(), when).toSeconds()), total + 1);
      try {
        Thread.sleep(Math.min(200, Math.max(1, Duration.between(Instant.now(), when).toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    progress.done();
  }

  private static void print(final Point p) {
    StateAccess a = p.access();
    System.out.printf(
        Locale.ROOT,
        "%6d %5d %8d %9.1f %11.0f %12.0f %9s %8d %7d %10s %8d %12.1f %10.1f%n",
        p.rps(),
        p.categories(),
        p.offersStored(),
        p.storeSeconds(),
        p.endorseMillis(),
        p.committedMillis(),
        p.status(),
        p.winners(),
        a.keysRead(),
        a.rangeSummarised() ? a.rangeKeysRead() + "+" : Integer.toString(a.rangeKeysRead()),
        a.keysWritten(),
        a.bytesWritten() / 1024.0,
        a.transactionBytes() / 1024.0);
  }

  private static void write(final List<Point> points, final Path out) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(
        "rps,categories,offers_stored,offers_failed,store_seconds,endorse_ms,committed_ms,status,winners,"
            + "keys_read,range_queries,range_keys_read,range_summarised,keys_written,bytes_written,tx_bytes");
    Map<String, List<List<Double>>> series = new TreeMap<>();
    for (Point p : points) {
      StateAccess a = p.access();
      lines.add(
          String.format(
              Locale.ROOT,
              "%d,%d,%d,%d,%.3f,%.1f,%.1f,%s,%d,%d,%d,%d,%b,%d,%d,%d",
              p.rps(),
              p.categories(),
              p.offersStored(),
              p.offersFailed(),
              p.storeSeconds(),
              p.endorseMillis(),
              p.committedMillis(),
              p.status(),
              p.winners(),
              a.keysRead(),
              a.rangeQueries(),
              a.rangeKeysRead(),
              a.rangeSummarised(),
              a.keysWritten(),
              a.bytesWritten(),
              a.transactionBytes()));
      List<List<Double>> s =
          series.computeIfAbsent(
              String.format(Locale.ROOT, "N = %3d", p.categories()),
              k -> List.of(new ArrayList<>(), new ArrayList<>()));
      s.get(0).add((double) p.rps());
      s.get(1).add(p.committedMillis() / 1000.0);
    }
    Charts.csv(out.resolve("selection-ledger.csv"), lines);
    Charts.lines(
        out.resolve("selection-ledger.png"),
        "Fig. 4b on the ledger: closeAndSelect committed (1 s blocks)",
        "RPs",
        "seconds",
        series);
  }
}
