package io.sfsbroker.market.selection;

import java.math.BigInteger;

/**
 * The paper's model as written (paper 002, eqs. (1) and (2) and Table 1, after Yao et al. 2019) for
 * one RP: the RP (leader) quotes one unit price {@code v} for every category it serves; the
 * tenant's categories (followers) share a reward {@code P} in proportion to their demands and pay
 * for them, eq. (2): {@code P_i = P·u_i/Σ_k u_k − v·u_i}; the RP earns eq. (1): {@code Σ_i (v −
 * c_i)·u_i}. {@code docs/selection.md} derives the equilibrium used here.
 *
 * <ul>
 *   <li>Followers: for {@code n ≥ 2} categories at one price the Nash equilibrium of the
 *       proportional-share game is {@code u_i = P·(n − 1)/(n²·v)} for every {@code i}. For {@code n
 *       = 1} there is none: the utility {@code P − v·u} grows as {@code u} falls towards 0 and has
 *       no maximiser with {@code u > 0} ({@link #hasEquilibrium}).
 *   <li>Leader: it learns its price by trial and error over whole prices in {@code [low, high]}
 *       (never 0: the paper's prices are positive), starting from {@code low}: it tries a price,
 *       observes the followers' response and its profit, keeps the price if it earns strictly more,
 *       doubles its step after a success and halves and reverses it after a failure, until the step
 *       is 0. It knows nothing of the followers' model; it only observes profits.
 * </ul>
 *
 * <p>Exact: the profit is compared as a fraction of {@link BigInteger}s, so no rounding can make
 * two equal profits differ and every peer takes the same steps. No floating point is used.
 */
final class ProportionalShareGame {

  private ProportionalShareGame() {}

  /**
   * The equilibrium of one row of Table 1.
   *
   * @param unitPrice the learned unit price, in {@code [max(low, 1), high]}
   * @param demand the followers' equilibrium demand per category (equal for all), rounded down
   * @param iterations the leader's learning rounds
   * @param converged whether the step reached 0 within the allowed rounds
   */
  record Equilibrium(long unitPrice, BigInteger demand, int iterations, boolean converged) {}

  /** Whether the followers' game has an equilibrium: it needs at least two followers. */
  static boolean hasEquilibrium(int followers) {
    return followers >= 2;
  }

  /**
   * The followers' equilibrium demand per category at the common unit price {@code price ≥ 1},
   * rounded down: {@code ⌊P·(n − 1)/(n²·v)⌋}.
   */
  static BigInteger followerDemand(BigInteger reward, int followers, long price) {
    requireFollowers(followers);
    BigInteger n = BigInteger.valueOf(followers);
    return reward
        .multiply(n.subtract(BigInteger.ONE))
        .divide(n.multiply(n).multiply(BigInteger.valueOf(price)));
  }

  /**
   * The leader's profit, eq. (1), at the followers' equilibrium: {@code Σ_i (v − c_i)·u = (n·v −
   * Σc)·P·(n − 1)/(n²·v)}, as an exact fraction {@code {numerator, denominator}}.
   */
  static BigInteger[] leaderProfit(BigInteger reward, long[] reserves, long price) {
    return leaderProfit(reward, reserves.length, total(reserves), price);
  }

  private static BigInteger[] leaderProfit(
      BigInteger reward, int followers, BigInteger totalReserve, long price) {
    requireFollowers(followers);
    BigInteger n = BigInteger.valueOf(followers);
    BigInteger margin = n.multiply(BigInteger.valueOf(price)).subtract(totalReserve);
    return new BigInteger[] {
      margin.multiply(reward).multiply(n.subtract(BigInteger.ONE)),
      n.multiply(n).multiply(BigInteger.valueOf(price))
    };
  }

  /**
   * Plays the game of one RP: {@code reward} is the followers' {@code P}, {@code reserves} the RP's
   * unit costs of the categories in play (the paper's {@code c}, here per category; at least two),
   * and {@code [low, high]} the whole prices it may quote ({@code 1 ≤ high}, {@code low ≤ high}).
   */
  static Equilibrium play(
      BigInteger reward, long[] reserves, long low, long high, SelectionParameters params) {
    requireFollowers(reserves.length);
    if (high < 1 || low > high) {
      throw new IllegalArgumentException("price range [" + low + ", " + high + "] is empty");
    }
    long floor = Math.max(low, 1);
    long price = floor;
    int n = reserves.length;
    BigInteger totalReserve = total(reserves);
    BigInteger[] profit = leaderProfit(reward, n, totalReserve, price);
    long step = high - price;
    int round = 0;
    while (step != 0 && round < params.maxIterations()) {
      round++;
      long candidate = clamp(price, step, floor, high);
      BigInteger[] observed = leaderProfit(reward, n, totalReserve, candidate);
      if (candidate != price && greater(observed, profit)) {
        price = candidate;
        profit = observed;
        step = Math.abs(step) > Long.MAX_VALUE / 4 ? step : 2 * step;
      } else {
        step = -step / 2;
      }
    }
    return new Equilibrium(price, followerDemand(reward, reserves.length, price), round, step == 0);
  }

  private static BigInteger total(long[] reserves) {
    BigInteger total = BigInteger.ZERO;
    for (long reserve : reserves) {
      total = total.add(BigInteger.valueOf(reserve));
    }
    return total;
  }

  private static long clamp(long price, long step, long floor, long high) {
    // price + step may overflow only when the step points past a bound it is clamped to anyway.
    if (step > 0) {
      return step > high - price ? high : price + step;
    }
    return step < floor - price ? floor : price + step;
  }

  /** Whether {@code a[0]/a[1] > b[0]/b[1]} for positive denominators. */
  private static boolean greater(BigInteger[] a, BigInteger[] b) {
    return a[0].multiply(b[1]).compareTo(b[0].multiply(a[1])) > 0;
  }

  private static void requireFollowers(int followers) {
    if (!hasEquilibrium(followers)) {
      throw new IllegalArgumentException(
          "the proportional-share game needs at least two followers, had " + followers);
    }
  }
}
