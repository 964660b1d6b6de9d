package io.sfsbroker.simulator.ddra;

/**
 * One activity of a group over a run of consecutive slots of the whole horizon.
 *
 * @param activity the activity type
 * @param fromSlot the first slot, inclusive
 * @param toSlot the last slot, exclusive
 */
record ActivitySpell(int activity, int fromSlot, int toSlot) {

  /** Checks the range. */
  ActivitySpell {
    if (activity < 0 || fromSlot < 0 || toSlot <= fromSlot) {
      throw new IllegalArgumentException("bad activity spell " + activity + " " + fromSlot);
    }
  }

  /**
   * Returns how many slots of {@code [from, to)} this spell covers.
   *
   * @param from the first slot, inclusive
   * @param to the last slot, exclusive
   * @return the overlap in slots
   */
  int overlap(int from, int to) {
    return Math.max(0, Math.min(to, toSlot) - Math.max(from, fromSlot));
  }
}
