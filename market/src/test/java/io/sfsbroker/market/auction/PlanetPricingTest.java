package io.sfsbroker.market.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanetPricingTest {

  /**
   * One Planet of the given capacity (consumption 1, reserve 0.5); group 0 active in slot 0 only (D
   * = 1), group 1 active in slots 0 and 1 (D = 2).
   */
  private static AuctionInstance peakInstance(double capacity) {
    return new AuctionInstance(
        List.of(Fixtures.planet("A", capacity, 1)),
        List.of(
            Fixtures.group("short", 10, List.of(1), 2, List.of(0), null),
            Fixtures.group("long", 10, List.of(1), 2, List.of(0, 1), null)),
        List.of(List.of(0)),
        0);
  }

  private static Bid bid(int group, double paymentPerResource) {
    return new Bid(group, 0, 1, List.of(Fixtures.uniform(paymentPerResource)));
  }

  @Test
  void reprice_busiestSlotPaymentOverCapacity_setsThePrice() {
    // Bids w = 6 (short, D = 1) and w = 8 (long, D = 2):
    //   slot 0: 6/1 + 8/2 = 10, slot 1: 8/2 = 4 → peak 10; C = 10 → p̂ = max(0.5, 10/10) = 1.
    ResourceVector price =
        PlanetPricing.reprice(peakInstance(10), 0, List.of(bid(0, 6), bid(1, 8)));

    assertThat(price).isEqualTo(Fixtures.uniform(1));
  }

  @Test
  void reprice_lowDemand_fallsBackToOperatingCost() {
    // Same bids, C = 40: 10/40 = 0.25 < q = 0.5 → p̂ = q.
    ResourceVector price =
        PlanetPricing.reprice(peakInstance(40), 0, List.of(bid(0, 6), bid(1, 8)));

    assertThat(price).isEqualTo(Fixtures.HALF);
  }

  @Test
  void reprice_noBids_isOperatingCost() {
    assertThat(PlanetPricing.reprice(peakInstance(10), 0, List.of())).isEqualTo(Fixtures.HALF);
  }

  @Test
  void reprice_theoremTwo_keepsTheRepricedAllocationWithinCapacity() {
    // Fixtures.twoPlanets: bid x = 50 on A at p = 0.5 → w = 0.5 × 1 × 1 × 50 = 25 per resource,
    // D = 2, so 12.5 per slot; C = 10 → p̂ = 1.25. Eq. (17): x̂ = (0.5/1.25) × 50 = 20, which uses
    // 20 × 1 / 2 = 10 = C in each slot: exactly full.
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);
    Bid bid = GroupBidding.bid(instance, 0, 0, Fixtures.HALF, 50);

    ResourceVector price = PlanetPricing.reprice(instance, 0, List.of(bid));
    double actual = GroupBidding.actualVolume(bid, Fixtures.HALF, price);
    CapacityReport report = CapacityCheck.check(instance, List.of(List.of(actual, 0.0)));

    assertThat(price).isEqualTo(Fixtures.uniform(1.25));
    assertThat(actual).isCloseTo(20, within(1e-12));
    assertThat(report.ratio(0, Resource.VRAM, 1)).isCloseTo(1, within(1e-12));
    assertThat(report.withinCapacity()).isTrue();
  }

  @Test
  void reprice_bidForAnotherPlanet_isRejected() {
    Bid foreign = new Bid(0, 1, 1, List.of(Fixtures.uniform(1)));

    assertThatThrownBy(
            () -> PlanetPricing.reprice(Fixtures.twoPlanets(null, 0), 0, List.of(foreign)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Planet 1");
  }

  @Test
  void payoff_isMarginOverOperatingCostTimesUse() {
    // p = 1.25, q = 0.5, c = 1, r = 1, x = 20: Σ_r 0.75 × 20 = 4 × 15 = 60.
    AuctionInstance instance = Fixtures.twoPlanets(null, 0);

    double payoff = PlanetPricing.payoff(instance, 0, Fixtures.uniform(1.25), List.of(20.0));

    assertThat(payoff).isCloseTo(60, within(1e-12));
  }
}
