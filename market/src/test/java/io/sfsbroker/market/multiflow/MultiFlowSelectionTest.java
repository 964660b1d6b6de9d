package io.sfsbroker.market.multiflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.protocol.multiflow.FlowBid;
import io.sfsbroker.protocol.multiflow.FlowOutcome;
import io.sfsbroker.protocol.multiflow.FlowRequirement;
import io.sfsbroker.protocol.multiflow.ScoredBid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases for the paper's three borderline flow types over one set of bids. References:
 * 100,000 kbit/s, 10,000 µs, 10,000 ppm; µ = 0.5, qmin = 0.5, pmax = 1000.
 *
 * <pre>
 *        R (kbit/s)  T (µs)  p     R̂          T̂
 *   x    20,000      1,000   600   200,000    900,000   low latency, low throughput
 *   y    100,000     8,000   600   1,000,000  200,000   high throughput, high latency
 *   z    60,000      4,000   500   600,000    600,000   in between, cheaper
 * </pre>
 */
class MultiFlowSelectionTest {

  private static final List<FlowBid> BIDS =
      List.of(
          new FlowBid("x", "f", "i1", 20_000, 1_000, 0, 600),
          new FlowBid("y", "f", "i1", 100_000, 8_000, 0, 600),
          new FlowBid("z", "f", "i1", 60_000, 4_000, 0, 500));

  private static FlowRequirement flow(final long betaR, final long betaT, final long betaL) {
    return new FlowRequirement(
        "f", betaR, betaT, betaL, 500_000, 500_000, 1000, 100_000, 10_000, 10_000, List.of("i1"));
  }

  private static ScoredBid scoreOf(final FlowRequirement flow, final String bidder) {
    return MultiFlowSelection.score(
        flow, BIDS.stream().filter(b -> b.bidderId().equals(bidder)).findFirst().orElseThrow());
  }

  @Test
  void latencySensitiveFlow_picksTheLowLatencyBid() {
    FlowRequirement flow = flow(0, 1_000_000, 0);

    MultiFlowResult result = MultiFlowSelection.select(List.of(flow), BIDS);

    // q_x = 900,000: u = 0.5e6·(900,000 − 500,000) + 0.5e6·(1000 − 600)
    assertThat(scoreOf(flow, "x").utility()).isEqualTo(200_200_000_000L);
    // q_y = 200,000 < qmin: not acceptable however cheap
    assertThat(scoreOf(flow, "y").acceptable()).isFalse();
    // q_z = 600,000: u = 0.5e6·100,000 + 0.5e6·500
    assertThat(scoreOf(flow, "z").utility()).isEqualTo(50_250_000_000L);
    assertThat(result.outcomes()).singleElement().satisfies(o -> assertWinner(o, "x", 900_000));
    assertThat(result.totalPrice()).isEqualTo(600);
  }

  @Test
  void throughputSensitiveFlow_picksTheHighThroughputBid() {
    FlowRequirement flow = flow(1_000_000, 0, 0);

    MultiFlowResult result = MultiFlowSelection.select(List.of(flow), BIDS);

    assertThat(scoreOf(flow, "x").acceptable()).isFalse();
    // q_y = 1,000,000: u = 0.5e6·500,000 + 0.5e6·400
    assertThat(scoreOf(flow, "y").utility()).isEqualTo(250_200_000_000L);
    assertThat(scoreOf(flow, "z").utility()).isEqualTo(50_250_000_000L);
    assertThat(result.outcomes()).singleElement().satisfies(o -> assertWinner(o, "y", 1_000_000));
  }

  @Test
  void balancedFlow_picksTheCheaperOfTheEqualQualities() {
    FlowRequirement flow = flow(500_000, 500_000, 0);

    MultiFlowResult result = MultiFlowSelection.select(List.of(flow), BIDS);

    // q_x = (200,000 + 900,000) / 2 = 550,000: u = 0.5e6·50,000 + 0.5e6·400
    assertThat(scoreOf(flow, "x").utility()).isEqualTo(25_200_000_000L);
    // q_y = q_z = 600,000; z asks 100 less
    assertThat(scoreOf(flow, "y").utility()).isEqualTo(50_200_000_000L);
    assertThat(scoreOf(flow, "z").utility()).isEqualTo(50_250_000_000L);
    assertThat(result.outcomes()).singleElement().satisfies(o -> assertWinner(o, "z", 600_000));
    assertThat(result.totalPrice()).isEqualTo(500);
  }

  @Test
  void lossIsInvertedAgainstItsReference() {
    FlowRequirement flow =
        new FlowRequirement(
            "f", 0, 0, 1_000_000, 500_000, 0, 1000, 100_000, 10_000, 10_000, List.of("i1"));

    ScoredBid bid = MultiFlowSelection.score(flow, new FlowBid("a", "f", "i1", 0, 0, 2_500, 0));

    assertThat(bid.lossScore()).isEqualTo(750_000);
    assertThat(bid.quality()).isEqualTo(750_000);
  }

  @Test
  void flowWithOnlyTooExpensiveOrTooPoorBids_isReportedUnserved() {
    FlowRequirement flow =
        new FlowRequirement(
            "f", 0, 1_000_000, 0, 500_000, 950_000, 550, 100_000, 10_000, 10_000, List.of("i1"));

    MultiFlowResult result = MultiFlowSelection.select(List.of(flow), BIDS);

    assertThat(result.served()).isEmpty();
    assertThat(result.unserved())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.bidCount()).isEqualTo(3);
              assertThat(o.reason()).contains("q >= 950000", "p <= 550", "best q was 900000");
            });
    assertThat(result.totalPrice()).isZero();
  }

  @Test
  void intervalsAreSelectedSeparately_andIntervalWithoutBidsIsReported() {
    FlowRequirement flow =
        new FlowRequirement(
            "f",
            0,
            1_000_000,
            0,
            500_000,
            500_000,
            1000,
            100_000,
            10_000,
            10_000,
            List.of("i1", "i2"));
    List<FlowBid> bids = new ArrayList<>(BIDS);
    bids.add(new FlowBid("y", "f", "i9", 1, 1, 0, 1));

    MultiFlowResult result = MultiFlowSelection.select(List.of(flow), bids);

    assertThat(result.outcomes()).extracting(FlowOutcome::interval).containsExactly("i1", "i2");
    assertThat(result.outcomes().get(1).reason()).isEqualTo("no bid");
  }

  @Test
  void equalBids_goToTheSmallerBidderId_whateverTheOrder() {
    FlowRequirement flow = flow(0, 1_000_000, 0);
    List<FlowBid> bids = new ArrayList<>();
    for (String bidder : List.of("rp-c", "rp-a", "rp-b")) {
      bids.add(new FlowBid(bidder, "f", "i1", 50_000, 2_000, 0, 700));
    }
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(bids, random);

      MultiFlowResult result = MultiFlowSelection.select(List.of(flow), bids);

      assertThat(result.outcomes().get(0).winner().bid().bidderId()).isEqualTo("rp-a");
    }
  }

  @Test
  void weightsNotSummingToOne_areRefused() {
    assertThatThrownBy(() -> flow(500_000, 400_000, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be 1000000");
  }

  @Test
  void preferenceAtTheBounds_isRefused() {
    assertThatThrownBy(
            () ->
                new FlowRequirement("f", 0, 1_000_000, 0, 1_000_000, 0, 1, 1, 1, 1, List.of("i1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mu");
  }

  private static void assertWinner(final FlowOutcome o, final String bidder, final long q) {
    assertThat(o.isServed()).isTrue();
    assertThat(o.winner().bid().bidderId()).isEqualTo(bidder);
    assertThat(o.winner().quality()).isEqualTo(q);
  }
}
