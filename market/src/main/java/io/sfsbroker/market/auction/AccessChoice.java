package io.sfsbroker.market.auction;

/**
 * A group's choice by Theorem 1: the Planet to access and how much to upload there.
 *
 * @param planet the index of the chosen Planet {@code j}
 * @param accessCost {@code f_{i,j}}, the cost of one unit of data on that Planet
 * @param volume {@code x*_{i,j}} by eq. (6)
 * @param payoff the group's payoff {@code Π^ug_i} at that choice by eq. (8), migration cost
 *     included
 */
public record AccessChoice(int planet, double accessCost, double volume, double payoff) {

  /** Checks the arguments. */
  public AccessChoice {
    if (planet < 0) {
      throw new IllegalArgumentException("planet must be an index, was " + planet);
    }
    if (!(volume >= 0)) {
      throw new IllegalArgumentException("volume must be >= 0, was " + volume);
    }
  }
}
