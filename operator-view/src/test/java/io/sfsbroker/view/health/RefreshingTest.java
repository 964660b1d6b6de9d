package io.sfsbroker.view.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshingTest {

  /** A clock the test moves. */
  private static final class Hand extends Clock {
    Instant now = Instant.parse("2026-12-06T16:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final java.time.ZoneId zone) {
      return this;
    }
  }

  /** An executor that runs its tasks only when the test says so. */
  private static final class Held implements Executor {
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public synchronized void execute(final Runnable task) {
      tasks.add(task);
    }

    synchronized int runAll() {
      List<Runnable> now = new ArrayList<>(tasks);
      tasks.clear();
      now.forEach(Runnable::run);
      return now.size();
    }
  }

  @Test
  void get_first_waitsForTheFirstRead_thenKeepsItWithoutReadingAgain() {
    AtomicInteger reads = new AtomicInteger();
    Hand clock = new Hand();
    Refreshing<Integer> refreshing =
        new Refreshing<>(reads::incrementAndGet, Duration.ofSeconds(2), clock, Runnable::run);

    assertThat(refreshing.get()).isEqualTo(1);
    clock.now = clock.now.plusSeconds(1);
    assertThat(refreshing.get()).isEqualTo(1);
    assertThat(reads).hasValue(1);
  }

  @Test
  void get_whenStale_answersTheKeptValueAtOnce_andStartsOneReadForAllReaders() {
    AtomicInteger reads = new AtomicInteger();
    Hand clock = new Hand();
    Held executor = new Held();
    Refreshing<Integer> refreshing =
        new Refreshing<>(reads::incrementAndGet, Duration.ofSeconds(2), clock, executor);
    refreshing.start();
    executor.runAll();
    clock.now = clock.now.plusSeconds(3);

    // The read is held: every reader still gets the kept value, and only one read is queued.
    assertThat(refreshing.get()).isEqualTo(1);
    assertThat(refreshing.get()).isEqualTo(1);
    assertThat(refreshing.get()).isEqualTo(1);
    assertThat(executor.runAll()).isEqualTo(1);
    assertThat(refreshing.get()).isEqualTo(2);
  }

  @Test
  void get_aFailedRead_keepsTheOlderValue_andTriesAgainOnTheNextReader() {
    AtomicInteger reads = new AtomicInteger();
    Hand clock = new Hand();
    Held executor = new Held();
    Refreshing<Integer> refreshing =
        new Refreshing<>(
            () -> {
              int n = reads.incrementAndGet();
              if (n == 2) {
                throw new IllegalStateException("probe broke");
              }
              return n;
            },
            Duration.ofSeconds(2),
            clock,
            executor);
    refreshing.start();
    executor.runAll();
    clock.now = clock.now.plusSeconds(3);

    assertThat(refreshing.get()).isEqualTo(1);
    executor.runAll();
    assertThat(refreshing.get()).isEqualTo(1);
    executor.runAll();
    assertThat(refreshing.get()).isEqualTo(3);
  }
}
