package io.sfsbroker.simulator.ddra;

import io.sfsbroker.market.auction.Planet;
import java.util.List;

/**
 * A generated world for the DDRA evaluation.
 *
 * @param cloud the central cloud server's position (it stores user data; no cost depends on it)
 * @param planetSites the Planets' positions
 * @param planets the Planets: capacities, consumption and operating costs
 * @param groups the user groups over the whole horizon
 * @param dataRates the estimated data per user and slot of each activity type, in Mb
 * @param migrationCost {@code β}
 * @param periods the number of periods
 * @param slotsPerPeriod {@code Z}
 */
record Scenario(
    GridPoint cloud,
    List<GridPoint> planetSites,
    List<Planet> planets,
    List<GroupProfile> groups,
    List<Double> dataRates,
    double migrationCost,
    int periods,
    int slotsPerPeriod) {

  /** Copies the lists. */
  Scenario {
    planetSites = List.copyOf(planetSites);
    planets = List.copyOf(planets);
    groups = List.copyOf(groups);
    dataRates = List.copyOf(dataRates);
  }

  /**
   * Returns the horizon length.
   *
   * @return periods × slots per period
   */
  int totalSlots() {
    return periods * slotsPerPeriod;
  }
}
