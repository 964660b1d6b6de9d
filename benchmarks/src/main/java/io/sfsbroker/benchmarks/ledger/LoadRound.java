package io.sfsbroker.benchmarks.ledger;

import io.sfsbroker.benchmarks.support.Progress;
import io.sfsbroker.benchmarks.support.Stats;
import io.sfsbroker.gateway.ledger.LedgerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * One Caliper-style round: transactions sent at a fixed rate (open loop: the schedule does not wait
 * for commits) or at the maximum rate (closed loop: a fixed number in flight, the next sent as one
 * commits) for a fixed time, each timed from its send to its commit status.
 */
final class LoadRound {

  /**
   * How a round sends.
   *
   * @param ratePerSecond transactions started per second, or 0 for the maximum rate
   * @param inFlight the most transactions outstanding at once (the client's threads)
   * @param seconds how long the round sends
   */
  record Schedule(double ratePerSecond, int inFlight, double seconds) {

    Schedule {
      if (ratePerSecond < 0 || inFlight < 1 || !(seconds > 0)) {
        throw new IllegalArgumentException(
            "a schedule needs rate >= 0, inFlight >= 1, seconds > 0");
      }
    }

    boolean maximum() {
      return ratePerSecond == 0;
    }
  }

  /**
   * What a round measured.
   *
   * @param name the round's name
   * @param schedule how it sent
   * @param succeeded transactions committed as valid
   * @param failures failed transactions by reason (stage and code)
   * @param sendSeconds from the first send to the last
   * @param spanSeconds from the first send to the last commit status
   * @param latencySeconds the latency of the succeeded transactions
   * @param committedPerSecond succeeded transactions per second of the round, for the plot
   * @param sampleTransactionId the id of one committed transaction, or null when none committed
   */
  record Result(
      String name,
      Schedule schedule,
      int succeeded,
      Map<String, Integer> failures,
      double sendSeconds,
      double spanSeconds,
      Stats latencySeconds,
      List<Integer> committedPerSecond,
      String sampleTransactionId) {

    Result {
      failures = Map.copyOf(failures);
      committedPerSecond = List.copyOf(committedPerSecond);
    }

    int failed() {
      return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Transactions sent per second (Caliper's send rate). */
    double sendRate() {
      int sent = succeeded + failed();
      return sendSeconds > 0 ? (sent - 1) / sendSeconds : sent;
    }

    /** Valid commits per second over the round (Caliper's throughput). */
    double throughput() {
      return spanSeconds > 0 ? succeeded / spanSeconds : 0;
    }
  }

  /**
   * One transaction of the round.
   *
   * <p>{@code send} sends transaction number {@code n} and returns its id once it is committed; it
   * throws a {@link LedgerException} when it fails.
   */
  interface Work {
    String send(long n);
  }

  private LoadRound() {}

  /**
   * Runs {@code work} on {@code schedule}.
   *
   * @param limit the most transactions the round may send (the work has no more)
   */
  static Result run(
      final String name,
      final Schedule schedule,
      final long limit,
      final Work work,
      final Progress progress) {
    Objects.requireNonNull(work, "work");
    ExecutorService pool = Executors.newFixedThreadPool(schedule.inFlight());
    Semaphore slots = new Semaphore(schedule.inFlight());
    List<Double> latencies = new ArrayList<>();
    Map<String, Integer> failures = new TreeMap<>();
    List<Integer> perSecond = new ArrayList<>();
    AtomicLong lastDone = new AtomicLong();
    AtomicReference<String> sample = new AtomicReference<>();
    long start = System.nanoTime();
    long end = start + (long) (schedule.seconds() * 1e9);
    long lastSend = start;
    LongConsumer committedAt =
        at -> {
          int second = (int) ((at - start) / 1_000_000_000L);
          while (perSecond.size() <= second) {
            perSecond.add(0);
          }
          perSecond.set(second, perSecond.get(second) + 1);
        };
    long sent = 0;
    try {
      while (sent < limit) {
        long due =
            schedule.maximum()
                ? System.nanoTime()
                : start + (long) (sent * 1e9 / schedule.ratePerSecond());
        if (due >= end) {
          break;
        }
        sleepUntil(due);
        slots.acquireUninterruptibly();
        if (System.nanoTime() >= end) {
          slots.release();
          break;
        }
        long n = sent++;
        lastSend = System.nanoTime();
        long sentAt = lastSend;
        pool.execute(
            () -> {
              String failure = null;
              try {
                sample.compareAndSet(null, work.send(n));
              } catch (LedgerException e) {
                failure = e.stage() + " " + e.code();
              } catch (RuntimeException e) {
                failure = "CLIENT " + e.getClass().getSimpleName();
              } finally {
                long done = System.nanoTime();
                synchronized (latencies) {
                  if (failure == null) {
                    latencies.add((done - sentAt) / 1e9);
                    committedAt.accept(done);
                  } else {
                    failures.merge(failure, 1, Integer::sum);
                  }
                  lastDone.accumulateAndGet(done, Math::max);
                }
                slots.release();
              }
            });
        synchronized (latencies) {
          progress.show(
              name + " (" + latencies.size() + " committed)",
              (System.nanoTime() - start) / 1_000_000_000L,
              (long) schedule.seconds());
        }
      }
      pool.shutdown();
      while (!pool.awaitTermination(200, TimeUnit.MILLISECONDS)) {
        synchronized (latencies) {
          progress.show(
              name + " draining (" + latencies.size() + " committed)",
              (long) schedule.seconds(),
              (long) schedule.seconds());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during round " + name, e);
    } finally {
      pool.shutdownNow();
      progress.done();
    }
    synchronized (latencies) {
      return new Result(
          name,
          schedule,
          latencies.size(),
          failures,
          (lastSend - start) / 1e9,
          (Math.max(lastDone.get(), lastSend) - start) / 1e9,
          Stats.of(latencies),
          perSecond,
          sample.get());
    }
  }

  private static void sleepUntil(final long due) {
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
