package io.sfsbroker.simulator.ddra;

/**
 * A point of the simulation grid; network distance is the Manhattan distance.
 *
 * @param x the column
 * @param y the row
 */
record GridPoint(int x, int y) {

  /** Rejects negative coordinates. */
  GridPoint {
    if (x < 0 || y < 0) {
      throw new IllegalArgumentException("grid coordinates must be >= 0");
    }
  }

  /**
   * Returns the Manhattan distance, the paper's router count.
   *
   * @param other the other point
   * @return {@code |Δx| + |Δy|}
   */
  int distanceTo(GridPoint other) {
    return Math.abs(x - other.x) + Math.abs(y - other.y);
  }
}
