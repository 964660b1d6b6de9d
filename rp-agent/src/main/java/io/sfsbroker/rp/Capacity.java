package io.sfsbroker.rp;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An RP's capacity accounting: per category, its capacity less what its slices hold and what its
 * open offers reserve. Thread-safe.
 *
 * <ul>
 *   <li>A <b>hold</b> is what a slice was awarded; it lasts until the slice ends ({@link
 *       #release}).
 *   <li>A <b>reservation</b> is what an offer made available; it lasts until the award turns it
 *       into a hold, the offer is refused, or its time runs out (the award went elsewhere: losers
 *       hear nothing).
 * </ul>
 *
 * <p>Blueprint and slice share their id, so an award finds its offer's reservation by the slice id.
 * Nothing here is ever more than the capacity unless {@link #adopt} takes over slices that already
 * run (after a restart, or when the configuration shrank).
 */
final class Capacity {

  private record Reservation(Map<String, Long> amounts, Instant until) {}

  private final SortedMap<String, Long> capacity;
  private final Map<String, Map<String, Long>> holds = new HashMap<>();
  private final Map<String, Reservation> reservations = new HashMap<>();

  /** Accounting for the given capacity per category; other categories have none. */
  Capacity(final Map<String, Long> capacity) {
    this.capacity = new TreeMap<>(Objects.requireNonNull(capacity, "capacity"));
  }

  /** What is free in {@code category} at {@code now}: capacity less holds and live reservations. */
  synchronized long free(final String category, final Instant now) {
    expire(now);
    return capacity.getOrDefault(category, 0L) - used(category, null);
  }

  /** Per category what is in use (held or reserved) at {@code now}. */
  synchronized SortedMap<String, Long> used(final Instant now) {
    expire(now);
    SortedMap<String, Long> used = new TreeMap<>();
    for (String category : capacity.keySet()) {
      used.put(category, used(category, null));
    }
    return used;
  }

  /**
   * Reserves {@code amounts} for the offer on blueprint {@code id} until {@code until}, replacing
   * an earlier reservation of the same blueprint.
   *
   * @return false, reserving nothing, when some amount is more than is free
   */
  synchronized boolean reserve(
      final String id, final Map<String, Long> amounts, final Instant until, final Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(until, "until");
    expire(now);
    if (!fits(amounts, id)) {
      return false;
    }
    reservations.put(id, new Reservation(copy(amounts), until));
    return true;
  }

  /**
   * Holds {@code amounts} for slice {@code id}, in place of its reservation and of an earlier hold
   * of the same slice (an award heard twice).
   *
   * @return false when some amount is more than is free; then the slice holds nothing and its
   *     reservation is gone
   */
  synchronized boolean hold(final String id, final Map<String, Long> amounts, final Instant now) {
    Objects.requireNonNull(id, "id");
    expire(now);
    reservations.remove(id);
    holds.remove(id);
    if (!fits(amounts, null)) {
      return false;
    }
    holds.put(id, copy(amounts));
    return true;
  }

  /**
   * Holds {@code amounts} for a slice that already runs, even beyond the capacity: the container
   * exists, so its resources are taken whatever the configuration says.
   */
  synchronized void adopt(final String id, final Map<String, Long> amounts) {
    Objects.requireNonNull(id, "id");
    reservations.remove(id);
    holds.put(id, copy(amounts));
  }

  /** Drops the offer reservation of blueprint {@code id}, if there is one; holds stay. */
  synchronized void cancelReservation(final String id) {
    reservations.remove(id);
  }

  /** Frees everything slice or blueprint {@code id} holds or reserves. */
  synchronized void release(final String id) {
    reservations.remove(id);
    holds.remove(id);
  }

  /** What slice {@code id} holds; empty when nothing. */
  synchronized Map<String, Long> held(final String id) {
    Map<String, Long> amounts = holds.get(id);
    return amounts == null ? Map.of() : amounts;
  }

  private boolean fits(final Map<String, Long> amounts, final String replacing) {
    for (Map.Entry<String, Long> entry : amounts.entrySet()) {
      long amount = entry.getValue();
      if (amount < 0) {
        throw new IllegalArgumentException(
            "category " + entry.getKey() + ": amount must not be negative, was " + amount);
      }
      long free = capacity.getOrDefault(entry.getKey(), 0L) - used(entry.getKey(), replacing);
      if (amount > free) {
        return false;
      }
    }
    return true;
  }

  private long used(final String category, final String exceptReservation) {
    long used = 0;
    for (Map<String, Long> held : holds.values()) {
      used = Math.addExact(used, held.getOrDefault(category, 0L));
    }
    for (Map.Entry<String, Reservation> entry : reservations.entrySet()) {
      if (!entry.getKey().equals(exceptReservation)) {
        used = Math.addExact(used, entry.getValue().amounts().getOrDefault(category, 0L));
      }
    }
    return used;
  }

  private void expire(final Instant now) {
    Objects.requireNonNull(now, "now");
    Iterator<Reservation> it = reservations.values().iterator();
    while (it.hasNext()) {
      if (now.isAfter(it.next().until())) {
        it.remove();
      }
    }
  }

  private static Map<String, Long> copy(final Map<String, Long> amounts) {
    Objects.requireNonNull(amounts, "amounts");
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(amounts));
  }
}
