package io.sfsbroker.simulator.ddra;

import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.Member;
import io.sfsbroker.market.auction.Migration;
import io.sfsbroker.market.auction.Timetable;
import io.sfsbroker.market.auction.UserGroup;
import java.util.ArrayList;
import java.util.List;

/** Cuts the scenario's horizon into one auction instance per period. */
final class PeriodAuctions {

  /** The share of an activity's data of the previous period that a migration moves. */
  static final double MIGRATED_SHARE = 0.1;

  private PeriodAuctions() {}

  /**
   * Builds the auction held before a period.
   *
   * @param scenario the world
   * @param period the period index, from 0
   * @param previousAllocation {@code x̂} of the previous period's auction, or {@code null} before
   *     the first period
   * @return the instance; Type 1 when no group continues an activity on a Planet
   */
  static AuctionInstance instance(
      Scenario scenario, int period, List<List<Double>> previousAllocation) {
    List<List<Integer>> planetDistances = new ArrayList<>();
    for (GridPoint from : scenario.planetSites()) {
      planetDistances.add(scenario.planetSites().stream().map(from::distanceTo).toList());
    }
    List<UserGroup> groups = new ArrayList<>();
    for (int i = 0; i < scenario.groups().size(); i++) {
      List<Double> previous = previousAllocation == null ? null : previousAllocation.get(i);
      groups.add(group(scenario, scenario.groups().get(i), period, previous));
    }
    return new AuctionInstance(
        scenario.planets(), groups, planetDistances, scenario.migrationCost());
  }

  private static UserGroup group(
      Scenario scenario, GroupProfile profile, int period, List<Double> previous) {
    int slots = scenario.slotsPerPeriod();
    int from = period * slots;
    int to = from + slots;
    int activities = scenario.dataRates().size();
    int size = profile.members().size();
    Timetable timetable = Timetable.idle(slots, activities);
    double[] data = new double[activities];
    Migration migration = null;
    for (ActivitySpell spell : profile.spells()) {
      int overlap = spell.overlap(from, to);
      if (overlap == 0) {
        continue;
      }
      timetable =
          timetable.with(
              spell.activity(),
              Math.max(spell.fromSlot(), from) - from,
              Math.min(spell.toSlot(), to) - from);
      double rate = size * scenario.dataRates().get(spell.activity());
      data[spell.activity()] += overlap * rate;
      int before = spell.overlap(from - slots, from);
      if (previous != null && spell.fromSlot() < from && before > 0) {
        int current = largest(previous);
        if (current >= 0) {
          migration = new Migration(current, MIGRATED_SHARE * before * rate);
        }
      }
    }
    double total = 0;
    for (double d : data) {
      total += d;
    }
    List<Double> shares = new ArrayList<>();
    for (double d : data) {
      shares.add(total > 0 ? d / total : 0.0);
    }
    List<Member> members = new ArrayList<>();
    for (int u = 0; u < size; u++) {
      GridPoint position = profile.members().get(u);
      members.add(
          new Member(
              profile.id() + "/user-" + (u + 1),
              scenario.planetSites().stream().map(position::distanceTo).toList()));
    }
    return new UserGroup(
        profile.id(),
        members,
        timetable,
        total,
        shares,
        profile.bandwidthCosts(),
        profile.alpha(),
        migration);
  }

  private static int largest(List<Double> volumes) {
    int best = -1;
    double max = 0;
    for (int j = 0; j < volumes.size(); j++) {
      if (volumes.get(j) > max) {
        max = volumes.get(j);
        best = j;
      }
    }
    return best;
  }
}
