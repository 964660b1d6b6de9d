package io.sfsbroker.market.auction;

/**
 * A group's task-migration requirement: an activity continues from the current period into the
 * next, and moving it off the Planet it runs on costs {@code d_{j',j}·m_i·β}.
 *
 * @param currentPlanet {@code j'}, the index of the Planet the group uses now
 * @param volume {@code m_i}, the amount of data to move, positive
 */
public record Migration(int currentPlanet, double volume) {

  /** Checks the arguments. */
  public Migration {
    if (currentPlanet < 0) {
      throw new IllegalArgumentException("currentPlanet must be an index, was " + currentPlanet);
    }
    if (!(volume > 0) || Double.isInfinite(volume)) {
      throw new IllegalArgumentException("migration volume must be positive, was " + volume);
    }
  }
}
