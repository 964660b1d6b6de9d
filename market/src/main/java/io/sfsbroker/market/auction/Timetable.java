package io.sfsbroker.market.auction;

import java.util.ArrayList;
import java.util.List;

/**
 * A group's activity plan for one period: {@code A_{i,t,s}}, whether the group engages in activity
 * type {@code s} in slot {@code t}.
 *
 * @param slotCount {@code Z}, the number of slots in the period
 * @param activeByActivity one list of {@code slotCount} flags per activity type
 */
public record Timetable(int slotCount, List<List<Boolean>> activeByActivity) {

  /** Checks the shape and copies the flags. */
  public Timetable {
    if (slotCount <= 0) {
      throw new IllegalArgumentException("slotCount must be positive, was " + slotCount);
    }
    List<List<Boolean>> copy = new ArrayList<>(activeByActivity.size());
    for (List<Boolean> flags : activeByActivity) {
      if (flags.size() != slotCount) {
        throw new IllegalArgumentException(
            "every activity needs " + slotCount + " slot flags, one had " + flags.size());
      }
      copy.add(List.copyOf(flags));
    }
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("give flags for at least one activity type");
    }
    activeByActivity = List.copyOf(copy);
  }

  /**
   * Returns an empty plan.
   *
   * @param slotCount {@code Z}
   * @param activityCount {@code |S|}
   * @return a timetable with no activity
   */
  public static Timetable idle(int slotCount, int activityCount) {
    List<List<Boolean>> flags = new ArrayList<>(activityCount);
    for (int s = 0; s < activityCount; s++) {
      flags.add(java.util.Collections.nCopies(slotCount, Boolean.FALSE));
    }
    return new Timetable(slotCount, flags);
  }

  /**
   * Returns this plan with an activity added over a range of slots.
   *
   * @param activity the activity type {@code s}
   * @param fromSlot the first slot, inclusive
   * @param toSlot the last slot, exclusive
   * @return the new timetable
   */
  public Timetable with(int activity, int fromSlot, int toSlot) {
    if (fromSlot < 0 || toSlot > slotCount || fromSlot >= toSlot) {
      throw new IllegalArgumentException(
          "slot range [" + fromSlot + ", " + toSlot + ") is not inside [0, " + slotCount + ")");
    }
    List<List<Boolean>> flags = new ArrayList<>(activeByActivity);
    List<Boolean> row = new ArrayList<>(flags.get(activity));
    for (int t = fromSlot; t < toSlot; t++) {
      row.set(t, Boolean.TRUE);
    }
    flags.set(activity, row);
    return new Timetable(slotCount, flags);
  }

  /**
   * Returns the number of activity types.
   *
   * @return {@code |S|}
   */
  public int activityCount() {
    return activeByActivity.size();
  }

  /**
   * Returns {@code A_{i,t,s}}.
   *
   * @param activity the activity type {@code s}
   * @param slot the slot {@code t}
   * @return whether the activity runs in the slot
   */
  public boolean isActive(int activity, int slot) {
    return activeByActivity.get(activity).get(slot);
  }

  /**
   * Returns {@code D_{i,s}}, the number of slots of this period in which the activity runs.
   *
   * @param activity the activity type {@code s}
   * @return the duration in slots
   */
  public int duration(int activity) {
    int duration = 0;
    for (boolean active : activeByActivity.get(activity)) {
      if (active) {
        duration++;
      }
    }
    return duration;
  }
}
