package io.sfsbroker.market.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The paper's eqs. (1), (2) and Table 1 as written ({@link ProportionalShareSelection}): the
 * followers' Nash equilibrium, the leader's learned price, and where the model degenerates
 * (docs/selection.md, <i>The paper's model as written</i>).
 */
class ProportionalShareSelectionTest {

  private final ProportionalShareSelection selection = new ProportionalShareSelection();

  private static CategoryOffer offer(String category, long ask, long available, long reserve) {
    return new CategoryOffer(category, ask, available, reserve);
  }

  /** Follower i's utility, eq. (2): P·u_i/Σu − v·u_i, the others at {@code others} in total. */
  private static double followerUtility(double reward, double own, double others, double price) {
    return reward * own / (own + others) - price * own;
  }

  @Test
  void followers_atTheClosedFormDemand_noneGainsByAnyOtherAmount() {
    // P = 12000, n = 3, v = 40: u* = P·(n − 1)/(n²·v) = 24000/360 = 66.67 per follower.
    double reward = 12_000;
    int n = 3;
    double price = 40;
    double star = reward * (n - 1) / (n * n * price);
    double others = (n - 1) * star;
    double best = followerUtility(reward, star, others, price);

    for (int i = 1; i <= 4000; i++) {
      double deviation = 4 * star * i / 4000;
      assertThat(followerUtility(reward, deviation, others, price))
          .as("deviation to %f", deviation)
          .isLessThanOrEqualTo(best + 1e-9);
    }
    assertThat(ProportionalShareGame.followerDemand(BigInteger.valueOf(12_000), n, 40))
        .isEqualTo(BigInteger.valueOf(66)); // ⌊66.67⌋
  }

  @Test
  void oneFollower_hasNoBestResponse_soTheGameHasNoEquilibrium() {
    // With one category P·u/u − v·u = P − v·u: every smaller positive amount is better, and u = 0
    // leaves the share P·0/0 undefined — there is no maximiser.
    double reward = 1_000;
    double previous = Double.NEGATIVE_INFINITY;
    for (double u = 100; u > 1e-6; u /= 2) {
      double utility = followerUtility(reward, u, 0, 5);
      assertThat(utility).isGreaterThan(previous);
      previous = utility;
    }
    assertThat(ProportionalShareGame.hasEquilibrium(1)).isFalse();
    assertThatThrownBy(
            () ->
                ProportionalShareGame.play(
                    BigInteger.TEN, new long[] {1}, 1, 10, SelectionParameters.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two followers");
  }

  @Test
  void select_rpServingOneCategoryOnly_isNotPricedAndTheReasonSaysWhy() {
    SliceBlueprint blueprint =
        new SliceBlueprint("bp", List.of(new CategoryRequest("cpu", 10, 100)));

    SelectionResult result =
        selection.select(blueprint, List.of(new RpOffer("rp-a", List.of(offer("cpu", 90, 20, 8)))));

    assertThat(result.isSelected()).isFalse();
    assertThat(result.table().cell(0, 0).state()).isEqualTo(CellState.NO_EQUILIBRIUM);
    assertThat(result.reason()).contains("no offer can serve category cpu", "no equilibrium");
  }

  @Test
  void leader_withPositiveCosts_learnsTheTopOfItsRange_theExactBestPrice() {
    // Profit (n·v − Σc)·P·(n − 1)/(n²·v) rises with v whenever Σc > 0: the model degenerates to
    // "charge the ceiling". Checked against brute force over every whole price of the range.
    Random random = new Random(7);
    for (int game = 0; game < 200; game++) {
      int n = 2 + random.nextInt(6);
      long[] reserves = new long[n];
      long low = 0;
      for (int k = 0; k < n; k++) {
        reserves[k] = 1 + random.nextInt(300);
        low = Math.max(low, reserves[k]);
      }
      long high = low + random.nextInt(400);
      BigInteger reward = BigInteger.valueOf(1 + random.nextInt(1_000_000));

      ProportionalShareGame.Equilibrium learned =
          ProportionalShareGame.play(reward, reserves, low, high, SelectionParameters.DEFAULTS);

      long best = low;
      for (long v = low; v <= high; v++) {
        if (compare(
                ProportionalShareGame.leaderProfit(reward, reserves, v),
                ProportionalShareGame.leaderProfit(reward, reserves, best))
            > 0) {
          best = v;
        }
      }
      assertThat(best).isEqualTo(high);
      assertThat(learned.unitPrice()).as("game %d", game).isEqualTo(best);
      assertThat(learned.converged()).isTrue();
      assertThat(learned.demand())
          .isEqualTo(ProportionalShareGame.followerDemand(reward, n, learned.unitPrice()));
    }
  }

  @Test
  void leader_withZeroCosts_earnsTheSameAtEveryPrice_andKeepsWhereItStarted() {
    // Σc = 0: profit P·(n − 1)/n at every price. The model cannot tell prices apart; the learner,
    // which moves only on a strict gain, stays at the lowest positive price.
    BigInteger reward = BigInteger.valueOf(9_000);
    long[] reserves = {0, 0, 0};
    for (long v = 1; v <= 50; v++) {
      BigInteger[] profit = ProportionalShareGame.leaderProfit(reward, reserves, v);
      assertThat(compare(profit, new BigInteger[] {BigInteger.valueOf(6_000), BigInteger.ONE}))
          .isZero();
    }

    ProportionalShareGame.Equilibrium learned =
        ProportionalShareGame.play(reward, reserves, 0, 50, SelectionParameters.DEFAULTS);

    assertThat(learned.unitPrice()).isEqualTo(1);
  }

  @Test
  void leader_learnsOverSeveralRounds_andReportsTooFewRoundsAsNotConverged() {
    long[] reserves = {10, 20};
    ProportionalShareGame.Equilibrium learned =
        ProportionalShareGame.play(
            BigInteger.valueOf(5_000), reserves, 20, 1_000, SelectionParameters.DEFAULTS);
    ProportionalShareGame.Equilibrium cut =
        ProportionalShareGame.play(
            BigInteger.valueOf(5_000), reserves, 20, 1_000, new SelectionParameters(1, 1e-12, 2));

    assertThat(learned.unitPrice()).isEqualTo(1_000);
    assertThat(learned.iterations()).isGreaterThan(2);
    assertThat(learned.converged()).isTrue();
    assertThat(cut.converged()).isFalse();
    assertThat(cut.iterations()).isEqualTo(2);
  }

  @Test
  void select_exactRequests_oneUnitPricePerRp_andExactlyTheRequestedAmounts() {
    // rp-a's ceilings are min(ask, p̄) = 90 (cpu) and 30 (mem): one price for both, at most 30;
    // its reserves 8 and 9 are below it, so it learns 30. rp-b's ceilings are 50 (cpu) and 45
    // (mem): 45. Table 1 has one price per row; each category takes its lowest.
    SliceBlueprint blueprint =
        new SliceBlueprint(
            "bp", List.of(new CategoryRequest("cpu", 10, 100), new CategoryRequest("mem", 20, 50)));
    RpOffer a = new RpOffer("rp-a", List.of(offer("cpu", 90, 100, 8), offer("mem", 30, 100, 9)));
    RpOffer b = new RpOffer("rp-b", List.of(offer("cpu", 50, 100, 5), offer("mem", 45, 100, 4)));

    SelectionResult result = selection.select(blueprint, List.of(a, b));

    assertThat(result.table().cell("rp-a", "cpu").orElseThrow().unitPrice()).isEqualTo(30);
    assertThat(result.table().cell("rp-a", "mem").orElseThrow().unitPrice()).isEqualTo(30);
    assertThat(result.table().cell("rp-b", "cpu").orElseThrow().unitPrice()).isEqualTo(45);
    assertThat(result.winners())
        .containsExactly(
            Allocation.of("cpu", "rp-a", 30, 10), Allocation.of("mem", "rp-a", 30, 20));
    assertThat(result.totalPrice()).isEqualTo(30 * 10 + 30 * 20);
    assertThat(result.strategy()).isEqualTo("PROPORTIONAL_SHARE");
  }

  @Test
  void select_categoryWhoseReserveIsAboveTheRowsOnePrice_isNotPriced() {
    // rp-a's one price is at most 30 (mem's ceiling); cpu's reserve 40 is above it.
    SliceBlueprint blueprint =
        new SliceBlueprint(
            "bp",
            List.of(
                new CategoryRequest("cpu", 10, 100),
                new CategoryRequest("mem", 20, 50),
                new CategoryRequest("disk", 5, 60)));
    RpOffer a =
        new RpOffer(
            "rp-a",
            List.of(offer("cpu", 90, 100, 40), offer("mem", 30, 100, 9), offer("disk", 60, 9, 2)));

    SelectionResult result = selection.select(blueprint, List.of(a));

    assertThat(result.table().cell(0, 0).state()).isEqualTo(CellState.ABOVE_MAX_PRICE);
    assertThat(result.table().cell(0, 1).state()).isEqualTo(CellState.PRICED);
    assertThat(result.table().cell(0, 2).state()).isEqualTo(CellState.PRICED);
  }

  @Test
  void select_elasticRequest_getsTheModelsDemandInsideWhatItAllowed() {
    // Two categories, budgets 2000 and 1000: P = 3000; rp-a's price 40 (mem's ceiling) gives
    // u = ⌊3000·1/(4·40)⌋ = 18 of each. cpu allowed 10..50 and the budget buys 2000/40 = 50: 18;
    // mem allowed exactly 20: 20.
    SliceBlueprint blueprint =
        new SliceBlueprint(
            "bp",
            List.of(
                new CategoryRequest("cpu", 10, 50, 100, 2000), new CategoryRequest("mem", 20, 50)));
    RpOffer a = new RpOffer("rp-a", List.of(offer("cpu", 90, 100, 8), offer("mem", 40, 100, 9)));

    SelectionResult result = selection.select(blueprint, List.of(a));

    assertThat(result.winners())
        .containsExactly(
            Allocation.of("cpu", "rp-a", 40, 18), Allocation.of("mem", "rp-a", 40, 20));
  }

  private static int compare(BigInteger[] a, BigInteger[] b) {
    return a[0].multiply(b[1]).compareTo(b[0].multiply(a[1]));
  }
}
