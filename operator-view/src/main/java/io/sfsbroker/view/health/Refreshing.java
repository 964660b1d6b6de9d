package io.sfsbroker.view.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A value read in the background and kept for a while: a reader gets the kept value at once, and
 * when it is older than {@code keep} one new read starts in the background (however many readers
 * ask) while they still get the older value. Only the very first reader waits, for the first read.
 * So a page never waits on slow probes, and the probes run at most once per {@code keep}, and only
 * while someone looks.
 *
 * @param <T> what is read
 */
final class Refreshing<T> {

  private final Supplier<T> read;
  private final Duration keep;
  private final Clock clock;
  private final Executor executor;
  private T value;
  private Instant readAt;
  private CompletableFuture<T> pending;

  Refreshing(
      final Supplier<T> read, final Duration keep, final Clock clock, final Executor executor) {
    this.read = Objects.requireNonNull(read, "read");
    this.keep = Objects.requireNonNull(keep, "keep");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** The kept value, starting a new read when it is stale; waits only for the first read. */
  T get() {
    CompletableFuture<T> first;
    synchronized (this) {
      if (value != null) {
        if (!readAt.plus(keep).isAfter(clock.instant())) {
          start();
        }
        return value;
      }
      first = start();
    }
    try {
      return first.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Starts a read unless one runs; the read under way. */
  synchronized CompletableFuture<T> start() {
    if (pending == null) {
      Instant startedAt = clock.instant();
      CompletableFuture<T> next = CompletableFuture.supplyAsync(read, executor);
      pending = next;
      next.whenComplete(
          (result, failure) -> {
            synchronized (this) {
              if (result != null) {
                value = result;
                readAt = startedAt;
              }
              pending = null;
            }
          });
      return next;
    }
    return pending;
  }
}
