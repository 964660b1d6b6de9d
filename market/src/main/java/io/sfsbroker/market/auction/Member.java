package io.sfsbroker.market.auction;

import java.util.List;
import java.util.Objects;

/**
 * One user {@code u} of a group, described by its network distances.
 *
 * @param id a name for reports
 * @param planetDistances {@code d_{u,j}}, the number of routers between this user and each Planet
 *     {@code j}, in Planet order
 */
public record Member(String id, List<Integer> planetDistances) {

  /** Checks the arguments and copies the distances. */
  public Member {
    Objects.requireNonNull(id, "id");
    planetDistances = List.copyOf(planetDistances);
    for (int distance : planetDistances) {
      if (distance < 0) {
        throw new IllegalArgumentException("member " + id + ": distances must not be negative");
      }
    }
  }
}
