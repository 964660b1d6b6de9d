package io.sfsbroker.market.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupBiddingTest {

  private static final double TOLERANCE = 1e-9;
  private static final AuctionParameters HALF_STEP = new AuctionParameters(0.5, 1, 100, 3);

  // Fixtures.twoPlanets at reserve prices 0.5, share r = 1, one member 10 routers from each
  // Planet, n = 0.1:
  //   f_A = Σ_r p·c·r + n·r·Σ_u d = 4 × 0.5 × 1 + 0.1 × 10 = 2 + 1 = 3
  //   f_B = 4 × 0.5 × 2 + 0.1 × 10 = 4 + 1 = 5
  // and with α = 2, U'(X) = 1 < f, so x* = X·f^(−1/2): x*_A = 100/√3, x*_B = 100/√5.

  @Test
  void accessCost_matchesHandComputation() {
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);

    assertThat(GroupBidding.accessCost(instance, 0, 0, Fixtures.HALF)).isCloseTo(3, within(1e-12));
    assertThat(GroupBidding.accessCost(instance, 0, 1, Fixtures.HALF)).isCloseTo(5, within(1e-12));
  }

  @Test
  void bestResponse_cheapestPlanet_isChosen() {
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);

    AccessChoice choice = GroupBidding.choosePlanet(instance, 0, instance.reservePrices());

    assertThat(choice.planet()).isZero();
    assertThat(choice.accessCost()).isCloseTo(3, within(TOLERANCE));
    assertThat(choice.volume()).isCloseTo(100 / StrictMath.sqrt(3), within(TOLERANCE));
  }

  @Test
  void bestResponse_cheaperSecondPlanet_isChosen() {
    // Raise A's prices to 2: f_A = 4 × 2 × 1 + 1 = 9 > f_B = 5, so B wins.
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);

    AccessChoice choice =
        GroupBidding.choosePlanet(instance, 0, List.of(Fixtures.uniform(2), Fixtures.HALF));

    assertThat(choice.planet()).isEqualTo(1);
    assertThat(choice.volume()).isCloseTo(100 / StrictMath.sqrt(5), within(TOLERANCE));
  }

  @Test
  void optimalVolume_costBelowMarginalAtFullData_uploadsEverything() {
    // U'(X) = (X/X)^α = 1; f = 0.75 < 1 gives x* = X.
    UserGroup group = Fixtures.group("g", 100, List.of(1), 1, List.of(0), null);

    assertThat(GroupBidding.optimalVolume(group, 0.75)).isEqualTo(100);
  }

  @Test
  void optimalVolume_costAboveOne_isInverseMarginal() {
    // α = 2, f = 4: x* = 100 × 4^(−1/2) = 50; at f = 1 both branches give X.
    UserGroup group = Fixtures.group("g", 100, List.of(1), 1, List.of(0), null);

    assertThat(GroupBidding.optimalVolume(group, 4)).isCloseTo(50, within(TOLERANCE));
    assertThat(GroupBidding.optimalVolume(group, 1)).isCloseTo(100, within(TOLERANCE));
  }

  // With migration from B (j' = 1), d_{B,A} = 100, m = 10. For α = 2 and f ≥ 1 the payoff at x*
  // is Π = X − 2·X·√f (U normalised to U(X) = 0), so
  //   Π_B = 100 − 200·√5 = −347.21 (no migration cost: j = j')
  //   Π_A = 100 − 200·√3 − 100·10·β = −246.41 − 1000·β.
  // A wins for β = 0.05 (−296.41), B wins for β = 0.2 (−446.41).

  @Test
  void choosePlanet_withCheapMigration_movesToCheaperPlanet() {
    AuctionInstance instance = Fixtures.twoPlanets(new Migration(1, 10), 0.05);

    AccessChoice choice = GroupBidding.choosePlanet(instance, 0, instance.reservePrices());

    assertThat(choice.planet()).isZero();
    assertThat(choice.payoff()).isCloseTo(100 - 200 * StrictMath.sqrt(3) - 50, within(1e-9));
  }

  @Test
  void choosePlanet_withCostlyMigration_staysOnCurrentPlanet() {
    AuctionInstance instance = Fixtures.twoPlanets(new Migration(1, 10), 0.2);

    AccessChoice choice = GroupBidding.choosePlanet(instance, 0, instance.reservePrices());

    assertThat(choice.planet()).isEqualTo(1);
    assertThat(choice.payoff()).isCloseTo(100 - 200 * StrictMath.sqrt(5), within(1e-9));
  }

  @Test
  void bestResponse_dampsTowardTheTarget() {
    // x_A = 0.5 × 100/√3 + 0.5 × 30; x_B = 0.5 × 0 + 0.5 × 20 (still bid on while it decays).
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);

    GroupResponse response =
        GroupBidding.bestResponse(
            instance,
            0,
            instance.reservePrices(),
            GroupState.start(List.of(30.0, 20.0)),
            HALF_STEP);

    assertThat(response.planet()).isZero();
    assertThat(response.volumes().get(0))
        .isCloseTo(0.5 * 100 / StrictMath.sqrt(3) + 15, within(TOLERANCE));
    assertThat(response.volumes().get(1)).isCloseTo(10, within(TOLERANCE));
    assertThat(response.bids()).extracting(Bid::planet).containsExactly(0, 1);
  }

  @Test
  void bestResponse_volumesAboveTotalData_areScaledToIt() {
    // x_A = 0.5 × 57.735 + 0.5 × 100 = 78.87, x_B = 50; the sum 128.87 > X = 100 is scaled down.
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);

    GroupResponse response =
        GroupBidding.bestResponse(
            instance,
            0,
            instance.reservePrices(),
            GroupState.start(List.of(100.0, 100.0)),
            HALF_STEP);

    double sum = response.volumes().get(0) + response.volumes().get(1);
    assertThat(sum).isCloseTo(100, within(TOLERANCE));
    assertThat(response.volumes().get(1) / response.volumes().get(0))
        .isCloseTo(50 / (0.5 * 100 / StrictMath.sqrt(3) + 50), within(TOLERANCE));
  }

  @Test
  void bestResponse_bidPaysPriceTimesConsumptionTimesShareTimesVolume() {
    // w_A,r = p·c·r·x = 0.5 × 1 × 1 × x_A for every resource.
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);

    GroupResponse response =
        GroupBidding.bestResponse(
            instance, 0, instance.reservePrices(), GroupState.start(List.of(0.0, 0.0)), HALF_STEP);

    Bid bid = response.bids().get(0);
    assertThat(bid.volume()).isCloseTo(50 / StrictMath.sqrt(3), within(TOLERANCE));
    assertThat(bid.payment(Resource.GPU)).isCloseTo(0.5 * bid.volume(), within(TOLERANCE));
    assertThat(bid.totalPayment()).isCloseTo(2 * bid.volume(), within(TOLERANCE));
  }

  @Test
  void bestResponse_afterMaxPlanetChanges_keepsItsPlanet() {
    // B is dearer (f = 5 > 3) but the group has used its changes, so it stays and takes x*_B.
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);

    GroupResponse response =
        GroupBidding.bestResponse(
            instance,
            0,
            instance.reservePrices(),
            new GroupState(List.of(0.0, 40.0), 1, 3),
            HALF_STEP);

    assertThat(response.planet()).isEqualTo(1);
    assertThat(response.targets().get(1)).isCloseTo(100 / StrictMath.sqrt(5), within(TOLERANCE));
    assertThat(response.planetChanges()).isEqualTo(3);
  }

  @Test
  void bestResponse_changingPlanet_countsTheChange() {
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);

    GroupResponse response =
        GroupBidding.bestResponse(
            instance,
            0,
            instance.reservePrices(),
            new GroupState(List.of(0.0, 40.0), 1, 1),
            HALF_STEP);

    assertThat(response.planet()).isZero();
    assertThat(response.planetChanges()).isEqualTo(2);
  }

  @Test
  void bestResponse_idleGroup_bidsNothing() {
    AuctionInstance instance =
        new AuctionInstance(
            List.of(Fixtures.planet("A", 10, 1)),
            List.of(Fixtures.group("idle", 0, List.of(3), 2, List.of(), null)),
            List.of(List.of(0)),
            0);

    GroupResponse response =
        GroupBidding.bestResponse(
            instance, 0, instance.reservePrices(), GroupState.start(List.of(5.0)), HALF_STEP);

    assertThat(response.planet()).isEqualTo(GroupResponse.NO_PLANET);
    assertThat(response.bids()).isEmpty();
    assertThat(response.volumes()).containsExactly(0.0);
  }

  @Test
  void actualVolume_scalesByTheLargestPriceRise() {
    // Prices rise by ×2 (CPU) and ×4 (GPU): x̂ = min(1/2, 1/4) × 40 = 10.
    Bid bid = new Bid(0, 0, 40, List.of(Fixtures.uniform(1)));

    double actual =
        GroupBidding.actualVolume(bid, Fixtures.uniform(1), new ResourceVector(2, 1, 4, 1));

    assertThat(actual).isEqualTo(10);
  }

  @Test
  void actualVolume_fallingPrices_neverExceedTheBidVolume() {
    Bid bid = new Bid(0, 0, 40, List.of(Fixtures.uniform(1)));

    assertThat(GroupBidding.actualVolume(bid, Fixtures.uniform(1), Fixtures.HALF)).isEqualTo(40);
  }

  @Test
  void bestResponse_nonPositivePrice_isRejected() {
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);

    assertThatThrownBy(
            () ->
                GroupBidding.bestResponse(
                    instance,
                    0,
                    List.of(ResourceVector.ZERO, Fixtures.HALF),
                    GroupState.start(List.of(0.0, 0.0)),
                    HALF_STEP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void payoff_sumsUtilityCostsAndMigration() {
    // x = (50, 0) with migration from B, β = 0.05: U(50) − f_A·50 − 100·10·0.05
    //   = 100·(1 − 100/50) − 3·50 − 50 = −100 − 150 − 50 = −300.
    AuctionInstance instance = Fixtures.twoPlanets(new Migration(1, 10), 0.05);

    double payoff = GroupBidding.payoff(instance, 0, instance.reservePrices(), List.of(50.0, 0.0));

    assertThat(payoff).isCloseTo(-300, within(1e-9));
  }
}
