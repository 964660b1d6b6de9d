package io.sfsbroker.benchmarks.view;

import io.sfsbroker.benchmarks.ledger.ThroughputBenchmark;
import io.sfsbroker.benchmarks.support.BenchLedger;
import io.sfsbroker.benchmarks.support.Device;
import io.sfsbroker.benchmarks.support.Progress;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Puts slices on the running ledger the honest way, through the Gateway as the bridge submits: fog
 * nodes' signed requests and RPs' signed offers (the throughput benchmark's bodies), {@code
 * closeAndSelect} once the windows have ended, the RPs' signed instantiation confirmations and the
 * fog nodes' signed service confirmations. Slice {@code i} ends in a state by {@code i % 6}: 0
 * stays {@code OFFERING} (window over, never closed), 1 is closed without offers ({@code FAILED}),
 * 2 and 3 are {@code AWARDED}, 4 {@code ACTIVE}, 5 {@code IN_SERVICE}.
 */
final class SliceSeeder {

  private static final long FUNDS = 1_000_000_000_000L;
  private static final int RETRIES = 8;
  private static final Set<String> AGAIN = Set.of("MVCC_READ_CONFLICT", "ABORTED");
  private static final List<String> ENDS =
      List.of("OFFERING", "FAILED", "AWARDED", "AWARDED", "ACTIVE", "IN_SERVICE");

  /**
   * What seeding did.
   *
   * @param sample one slice id per state it aimed at
   * @param fog a fog node that holds tokens and credits
   * @param transactions transactions committed
   * @param retried transactions sent again after an MVCC read conflict
   * @param failures failed transactions by stage and code
   * @param seconds how long it took
   */
  record Seeded(
      Map<String, String> sample,
      Device fog,
      int transactions,
      int retried,
      Map<String, Integer> failures,
      double seconds) {}

  private final BenchLedger ledger;
  private final int parallel;
  private final Progress progress;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final AtomicInteger committed = new AtomicInteger();
  private final AtomicInteger retried = new AtomicInteger();

  SliceSeeder(final BenchLedger ledger, final int parallel, final Progress progress) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.parallel = parallel;
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** Seeds {@code slices} slices with {@code devices} fog nodes and RPs. */
  Seeded seed(final int slices, final int devices) {
    long start = System.nanoTime();
    String run = Long.toString(System.currentTimeMillis(), 36);
    BenchLedger.Enrolled enrolled = ledger.enrol("view-" + run, devices, FUNDS, parallel, progress);
    List<Device> fogs = enrolled.fogs();
    List<Device> rps = enrolled.rps();
    ChaincodeClient bridge = ledger.bridge();
    long window = window(bridge);

    // 1: each slice's request, and its offer at once (so the window need only cover the pair).
    String[] ids = new String[slices];
    AtomicReference<Instant> lastDeadline = new AtomicReference<>(Instant.EPOCH);
    List<Runnable> requests = new ArrayList<>();
    for (int i = 0; i < slices; i++) {
      int n = i;
      requests.add(
          () -> {
            Device fog = fogs.get(n % fogs.size());
            String result =
                attempt(
                    () ->
                        bridge
                            .submit(
                                TransactionName.REQUEST_SUBMIT_SLICE_REQUEST,
                                fog.sign(
                                    MessageType.SLICE_REQUEST, ThroughputBenchmark.request(window)))
                            .result());
            if (result == null) {
              return;
            }
            var blueprint = Json.parseObject(result);
            ids[n] = blueprint.get("id").getAsString();
            Instant deadline = Instant.parse(blueprint.get("offerDeadline").getAsString());
            lastDeadline.accumulateAndGet(deadline, (a, b) -> a.isAfter(b) ? a : b);
            if (n % 6 >= 2) {
              Device rp = rps.get(n % rps.size());
              attempt(
                  () ->
                      bridge
                          .submit(
                              TransactionName.OFFER_SUBMIT_OFFER,
                              rp.sign(MessageType.OFFER, ThroughputBenchmark.offer(ids[n])))
                          .transactionId());
            }
          });
    }
    BenchLedger.runAll(requests, parallel, "requests and offers", progress);

    // 2: once every window has ended, close all but the first kind.
    waitUntil(lastDeadline.get().plusSeconds(2), "waiting for the offer windows to end");
    run(
        slices,
        ids,
        n -> n % 6 >= 1,
        (n, id) -> bridge.submit(TransactionName.SELECTION_CLOSE_AND_SELECT, id).transactionId(),
        "closeAndSelect");

    // 3: the winner's parts (ACTIVE), then the tenant's service confirmation (IN_SERVICE).
    run(
        slices,
        ids,
        n -> n % 6 >= 4,
        (n, id) -> {
          Device rp = rps.get(n % rps.size());
          return bridge
              .submit(
                  TransactionName.SLICE_CONFIRM_INSTANTIATION,
                  rp.sign(MessageType.INSTANTIATION_CONFIRMATION, parts(id)))
              .transactionId();
        },
        "confirming instantiations");
    run(
        slices,
        ids,
        n -> n % 6 == 5,
        (n, id) -> {
          Device fog = fogs.get(n % fogs.size());
          return bridge
              .submit(
                  TransactionName.SLICE_CONFIRM_SERVICE,
                  fog.sign(
                      MessageType.SERVICE_CONFIRMATION,
                      Map.of("sliceId", id, "status", "RECEIVED")))
              .transactionId();
        },
        "confirming service");

    Map<String, String> sample = new TreeMap<>();
    for (int i = 0; i < slices; i++) {
      if (ids[i] != null) {
        sample.putIfAbsent(ENDS.get(i % 6), ids[i]);
      }
    }
    return new Seeded(
        sample,
        fogs.get(0),
        committed.get(),
        retried.get(),
        new TreeMap<>(failures),
        (System.nanoTime() - start) / 1e9);
  }

  private interface Step {
    String apply(int n, String id);
  }

  private void run(
      final int slices,
      final String[] ids,
      final IntPredicate which,
      final Step step,
      final String what) {
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < slices; i++) {
      String id = ids[i];
      int n = i;
      if (id != null && which.test(i)) {
        tasks.add(() -> attempt(() -> step.apply(n, id)));
      }
    }
    BenchLedger.runAll(tasks, parallel, what, progress);
  }

  /**
   * Runs one transaction, again (as the bridge's retry policy does) when it lost an MVCC read
   * conflict to another that touched the same account, or its endorsement was {@code ABORTED}
   * (endorsing peers at different heights); a failure is counted by its stage and code, not thrown.
   */
  private String attempt(final Supplier<String> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        String result = transaction.get();
        committed.incrementAndGet();
        return result;
      } catch (LedgerException e) {
        if (AGAIN.contains(e.code()) && attempt < RETRIES) {
          retried.incrementAndGet();
          continue;
        }
        failures.merge(e.stage() + " " + e.code(), 1, Integer::sum);
        return null;
      }
    }
  }

  /** The instantiation confirmation of the one winner of both categories. */
  private static Map<String, Object> parts(final String id) {
    List<Map<String, Object>> parts = new ArrayList<>();
    for (int c = 0; c < ThroughputBenchmark.CATEGORIES; c++) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("category", "category-" + c);
      part.put("host", "127.0.0.1");
      part.put("ports", List.of(21999));
      part.put("instanceId", "bench-view-" + id + "-" + c);
      parts.add(part);
    }
    return Map.of("sliceId", id, "parts", parts);
  }

  /** The shortest offer window the broker allows, at least 20 s (a request and its offer). */
  private static long window(final ChaincodeClient bridge) {
    var config = Json.parseObject(bridge.evaluate(TransactionName.CATALOG_GET_CONFIG));
    return Math.min(
        config.get("maxOfferWindowSeconds").getAsLong(),
        Math.max(config.get("minOfferWindowSeconds").getAsLong(), 20));
  }

  private void waitUntil(final Instant when, final String what) {
    long total = Math.max(1, Duration.between(Instant.now(), when).toSeconds());
    while (Instant.now().isBefore(when)) {
      progress.show(what, total - Duration.between(Instant.now(), when).toSeconds(), total);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while " + what, e);
      }
    }
    progress.done();
  }
}
