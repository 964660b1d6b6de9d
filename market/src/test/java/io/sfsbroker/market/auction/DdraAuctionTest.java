package io.sfsbroker.market.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DdraAuctionTest {

  @Test
  void run_singleGroupOverCapacity_convergesToTheCapacity() {
    // Planet A alone (C = 10, c = 1, q = 0.5); the group (X = 100, α = 2, 10 routers, n = 0.1,
    // both of 2 slots). At reserve prices it wants 100/√3 = 57.7, i.e. 28.9 per slot > C = 10.
    // The fixed point uses exactly 10 per slot, x = 20: f = (X/x)^2 = 25 = 4·p·1 + 1, so p = 6.
    AuctionInstance instance =
        new AuctionInstance(
            List.of(Fixtures.planet("A", 10, 1)),
            List.of(Fixtures.group("g", 100, List.of(10), 2, List.of(0, 1), null)),
            List.of(List.of(0)),
            0);

    AuctionResult result =
        DdraAuction.run(
            instance, AuctionState.initial(instance), new AuctionParameters(0.5, 1e-6, 500, 3));

    assertThat(result.converged()).isTrue();
    assertThat(result.rounds()).isLessThan(500);
    assertThat(result.type()).isEqualTo(AuctionType.TYPE_1);
    assertThat(result.allocation().get(0).get(0)).isCloseTo(20, within(1e-5));
    assertThat(result.prices().get(0).cpu()).isCloseTo(6, within(1e-5));
    assertThat(CapacityCheck.check(instance, result.allocation()).maxRatio())
        .isCloseTo(1, within(1e-6));
  }

  @Test
  void run_noPureEquilibrium_groupIsHeldAfterItsPlanetChanges() {
    // The same group with Planets A and B. Alone on A it needs p_A = 6 (f_A = 25, see above), but
    // then B at reserve prices is cheaper (f_B = 5). Alone on B (c = 2, so x ≤ 10) it needs
    // f_B = (100/10)^2 = 100 = 4·p·2 + 1, p_B = 12.375, and then A at p_A = 0.5 (f_A = 3) is
    // cheaper. No Planet choice is stable: the group flips A → B → A → B, uses its 3 changes and
    // is held on B, where the auction then converges.
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);

    AuctionResult result =
        DdraAuction.run(
            instance, AuctionState.initial(instance), new AuctionParameters(0.5, 1e-6, 500, 3));

    GroupResponse last = result.lastRound().responses().get(0);
    assertThat(result.converged()).isTrue();
    assertThat(last.planetChanges()).isEqualTo(3);
    assertThat(last.planet()).isEqualTo(1);
    assertThat(result.allocation().get(0).get(1)).isCloseTo(10, within(1e-5));
    assertThat(result.prices().get(1).gpu()).isCloseTo(12.375, within(1e-5));
    assertThat(CapacityCheck.check(instance, result.allocation()).withinCapacity()).isTrue();
  }

  @Test
  void run_unreachableEpsilon_stopsAtMaxRoundsUnconverged() {
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);

    AuctionResult result =
        DdraAuction.run(
            instance, AuctionState.initial(instance), new AuctionParameters(0.5, 1e-300, 7, 3));

    assertThat(result.rounds()).isEqualTo(7);
    assertThat(result.converged()).isFalse();
  }

  @Test
  void run_randomInstances_convergeWithinTheRoundLimit() {
    Random random = new Random(2024);
    AuctionParameters parameters = new AuctionParameters(0.9, 1e-3, 20_000, 5);
    for (int n = 0; n < 30; n++) {
      AuctionInstance instance = CapacityPropertyTest.randomInstance(random);

      AuctionResult result = DdraAuction.run(instance, AuctionState.initial(instance), parameters);

      assertThat(result.converged()).as("instance %d after %d rounds", n, result.rounds()).isTrue();
    }
  }

  @Test
  void run_singleGroupOverCapacity_endsClearedAtThePricesItsLastBidWasMadeAt() {
    // The first instance above: with ε = 1e-6 the round that meets ε still raised p a little (the
    // group rises towards x = 20 from below), so its x̂ is short of its bid x. Clearing re-bids x̂
    // at p̂: that load is within capacity, so no price rises and the bid gets all of it.
    AuctionInstance instance =
        new AuctionInstance(
            List.of(Fixtures.planet("A", 10, 1)),
            List.of(Fixtures.group("g", 100, List.of(10), 2, List.of(0, 1), null)),
            List.of(List.of(0)),
            0);
    AuctionParameters parameters = new AuctionParameters(0.5, 1e-6, 500, 3);
    AuctionState state = AuctionState.initial(instance);
    Round algorithmOne;
    do {
      algorithmOne = DdraAuction.round(instance, state, parameters);
      state = algorithmOne.next();
    } while (!DdraAuction.hasConverged(algorithmOne.distance(), parameters.epsilon()));

    AuctionResult result = DdraAuction.run(instance, AuctionState.initial(instance), parameters);

    assertThat(DdraAuction.rationed(algorithmOne)).isTrue();
    assertThat(result.clearingRounds()).isPositive();
    assertThat(result.cleared()).isTrue();
    Round last = result.lastRound();
    assertThat(last.actual().get(0).get(0)).isEqualTo(last.responses().get(0).volumes().get(0));
    assertThat(last.newPrices().get(0).cpu()).isLessThanOrEqualTo(last.prices().get(0).cpu());
    assertThat(result.allocation().get(0).get(0))
        .isCloseTo(algorithmOne.actual().get(0).get(0), within(1e-12));
    assertThat(CapacityCheck.check(instance, result.allocation()).withinCapacity()).isTrue();
  }

  @Test
  void clear_roundThatRationedNoBid_isReturnedAsItIs() {
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);
    Round first =
        DdraAuction.round(
            instance, AuctionState.initial(instance), new AuctionParameters(0.5, 1, 10, 3));
    Round cleared = DdraAuction.clear(instance, first);

    assertThat(DdraAuction.rationed(cleared)).isFalse();
    assertThat(DdraAuction.clear(instance, cleared)).isSameAs(cleared);
  }

  @Test
  void clear_randomInstances_everyRoundClearsWithinTheLimit_andStaysWithinCapacity() {
    Random random = new Random(99);
    AuctionParameters parameters = new AuctionParameters(0.9, 1e-3, 200, 5);
    int rationed = 0;
    for (int n = 0; n < 20; n++) {
      AuctionInstance instance = CapacityPropertyTest.randomInstance(random);
      AuctionState state = AuctionState.initial(instance);
      for (int k = 0; k < 40; k++) {
        Round round = DdraAuction.round(instance, state, parameters);
        if (DdraAuction.rationed(round)) {
          rationed++;
        }

        Round cleared = DdraAuction.clear(instance, round);

        assertThat(DdraAuction.rationed(cleared)).as("instance %d, round %d", n, k).isFalse();
        assertThat(CapacityCheck.check(instance, cleared.actual()).withinCapacity()).isTrue();
        state = round.next();
      }
    }
    // Clearing had work to do: prices rationed bids in many rounds.
    assertThat(rationed).isGreaterThan(100);
  }

  @Test
  void round_distance_isEuclideanOverGroupsAndPlanets() {
    double distance =
        DdraAuction.distance(
            List.of(List.of(3.0, 0.0), List.of(1.0, 1.0)),
            List.of(List.of(0.0, 0.0), List.of(1.0, 5.0)));

    assertThat(distance).isEqualTo(5.0);
    assertThat(DdraAuction.hasConverged(5.0, 5.0)).isTrue();
    assertThat(DdraAuction.hasConverged(5.0000001, 5.0)).isFalse();
  }

  @Test
  void type_groupWithMigration_makesTypeTwo() {
    assertThat(Fixtures.twoPlanets(new Migration(1, 10), 0.1).type()).isEqualTo(AuctionType.TYPE_2);
  }

  @Test
  void close_everyGroupBoundAndBidding_equalsRoundBitForBit() {
    Random random = new Random(7);
    AuctionParameters parameters = new AuctionParameters(0.9, 1e-3, 50, 5);
    AuctionInstance instance = CapacityPropertyTest.randomInstance(random);
    AuctionState state = AuctionState.initial(instance);
    for (int n = 0; n < 20; n++) {
      List<GroupResponse> responses = DdraAuction.respond(instance, state, parameters);
      SortedMap<Integer, GroupResponse> submitted = new TreeMap<>();
      Set<Integer> bound = new TreeSet<>();
      for (GroupResponse response : responses) {
        submitted.put(response.group(), response);
        bound.add(response.group());
      }

      Round expected = DdraAuction.round(instance, state, parameters);
      Round closed = DdraAuction.close(instance, state, submitted, bound);

      assertThat(closed).isEqualTo(expected);
      state = closed.next();
    }
  }

  @Test
  void close_silentBoundGroupKeepsItsStandingBid_unboundGroupBidsNothing() {
    // Two groups on Planet A from a start allocation of 10 each: group 0 is bound but silent,
    // group 1 is not bound. Prices stay at reserve (load 5 + 0 per slot < C = 100).
    AuctionInstance instance =
        new AuctionInstance(
            List.of(Fixtures.planet("A", 100, 1)),
            List.of(
                Fixtures.group("g0", 100, List.of(10), 2, List.of(0, 1), null),
                Fixtures.group("g1", 100, List.of(10), 2, List.of(0, 1), null)),
            List.of(List.of(0)),
            0);
    AuctionState state =
        AuctionState.start(instance.reservePrices(), List.of(List.of(10.0), List.of(10.0)));

    Round round = DdraAuction.close(instance, state, new TreeMap<>(), Set.of(0));

    assertThat(round.actual()).containsExactly(List.of(10.0), List.of(0.0));
    assertThat(round.responses().get(0).bids()).hasSize(1);
    assertThat(round.responses().get(1).bids()).isEmpty();
    assertThat(round.responses().get(1).planet()).isEqualTo(GroupResponse.NO_PLANET);
    assertThat(round.distance()).isZero();
  }

  @Test
  void close_bidFromAGroupThatIsNotBound_isRejected() {
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);
    AuctionState state = AuctionState.initial(instance);
    GroupResponse bid =
        GroupBidding.bestResponse(
            instance, 0, state.prices(), state.groups().get(0), AuctionParameters.DEFAULT);

    assertThatThrownBy(
            () -> DdraAuction.close(instance, state, new TreeMap<>(Map.of(0, bid)), Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not take part");
  }
}
