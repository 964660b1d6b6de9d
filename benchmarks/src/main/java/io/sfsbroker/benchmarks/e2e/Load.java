package io.sfsbroker.benchmarks.e2e;

import com.google.gson.JsonObject;
import io.sfsbroker.fog.FogNodeAgent;
import io.sfsbroker.fog.SliceReport;
import io.sfsbroker.gateway.testbed.LedgerReader;
import io.sfsbroker.protocol.request.RequestedCategory;
import io.sfsbroker.protocol.request.SliceRequestBody;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One trial: {@code n} fog nodes ask for a slice at the same moment, each through its own agent,
 * and follow it to the handover; then each releases its slice. The request is two explicit
 * categories, so every RP can serve it and the selection chooses among four offers per category.
 */
final class Load {

  static final String CPU = "cpu-millicores";
  static final String MEMORY = "memory-mib";

  private static final long BUDGET = 1_000_000L;
  private static final Duration EVENT_WAIT = Duration.ofSeconds(10);

  /** A request's outcome: its timeline, or why it has none. */
  record Outcome(Timeline timeline, String failure) {}

  private final Stack stack;
  private final EventClock events;
  private final LedgerReader ledger;
  private final long windowSeconds;

  Load(
      final Stack stack,
      final EventClock events,
      final LedgerReader ledger,
      final long windowSeconds) {
    this.stack = stack;
    this.events = events;
    this.ledger = ledger;
    this.windowSeconds = windowSeconds;
  }

  /** The request every fog node makes. */
  SliceRequestBody request() {
    return SliceRequestBody.ofCategories(
            List.of(
                new RequestedCategory(CPU, 100L, null, null),
                new RequestedCategory(MEMORY, 64L, null, null)),
            BUDGET)
        .withOfferWindow(windowSeconds);
  }

  /** Runs one trial of {@code concurrency} requests at once. */
  List<Outcome> trial(final int concurrency) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        FogNodeAgent fog = stack.fog(i);
        futures.add(pool.submit(() -> one(fog)));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        try {
          outcomes.add(future.get());
        } catch (ExecutionException e) {
          outcomes.add(new Outcome(null, String.valueOf(e.getCause())));
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome one(final FogNodeAgent fog) throws InterruptedException {
    long start = System.nanoTime();
    SliceReport report;
    try {
      report = fog.requestSlice(request(), false);
    } catch (RuntimeException e) {
      return new Outcome(null, e.getMessage());
    }
    String slice = report.sliceId();
    try {
      SliceReport.Timings timings = report.timings();
      Map<Step, Long> reached = new EnumMap<>(Step.class);
      reached.put(Step.RECEIPT, timings.receipt());
      reached.put(Step.AWARD, timings.award());
      reached.put(Step.HANDOVER, timings.handover());
      long deadline = System.nanoTime() + EVENT_WAIT.toNanos();
      while ((events.lastOffer(slice).isEmpty()
              || events.awarded(slice).isEmpty()
              || events.ready(slice).isEmpty())
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      events.lastOffer(slice).ifPresent(at -> reached.put(Step.OFFERS_IN, millis(start, at)));
      events
          .awarded(slice)
          .ifPresent(at -> reached.put(Step.SELECTION_COMMITTED, millis(start, at)));
      events.ready(slice).ifPresent(at -> reached.put(Step.CONTAINERS_UP, millis(start, at)));
      if (reached.containsValue(null) || reached.size() < Step.values().length) {
        return new Outcome(null, "slice " + slice + ": a step was not observed: " + reached);
      }
      JsonObject blueprint = ledger.read(TransactionName.REQUEST_GET_BLUEPRINT, slice);
      long window =
          Duration.between(
                  Instant.parse(blueprint.get("openedAt").getAsString()),
                  Instant.parse(blueprint.get("offerDeadline").getAsString()))
              .toMillis();
      return new Outcome(new Timeline(reached, window), null);
    } finally {
      events.forget(slice);
      try {
        fog.decommission(slice);
      } catch (RuntimeException e) {
        // The slice then ends at its confirmation deadline; the figures are not affected.
        System.err.println("warning: could not release " + slice + ": " + e.getMessage());
      }
    }
  }

  private static long millis(final long start, final long at) {
    return Math.max(0, (at - start) / 1_000_000);
  }
}
