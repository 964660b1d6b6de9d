package io.sfsbroker.market.selection;

/**
 * The game between one RP (leader) and the tenant (follower) in one category, and how its
 * equilibrium is found. {@code docs/selection.md} derives every formula used here.
 *
 * <ul>
 *   <li>Tenant: utility {@code U(u) = w·ln(s + u) − v·u} with {@code s = ⌊budget/p̄⌋ − q} (the
 *       extra units its budget buys at its maximum price) and {@code w = p̄·(q + s) ≤ budget}. In
 *       whole units it takes {@code D(v) = min(A, ⌊w/v⌋ − s)}: every unit whose marginal utility
 *       {@code w/(s + u)} covers the price, so {@code D(p̄) = q}, and it spends {@code v·D(v) ≤ w −
 *       s·v ≤ budget} at any price.
 *   <li>RP: profit {@code F(v) = (v − c)·D(v)} over whole minor units {@code v ∈ [c, min(ask,
 *       p̄)]}.
 * </ul>
 *
 * <p>{@code A} is the smaller of the RP's availability and the tenant's {@code maxAmount}: a tenant
 * that asked for an exact amount ({@code maxAmount = q}) takes {@code q} at every price up to
 * {@code p̄}, so the RP's best price is its ceiling and only the price is decided here.
 *
 * <p>The equilibrium price is found in two steps: a safeguarded, damped Newton search on the
 * marginal profit solves the continuous relaxation, then an exact integer search around it finds
 * the best whole price against the whole-unit demand. The result is certified by exact {@code long}
 * comparisons; floating point (only {@code + − × ÷} and {@link StrictMath}) merely steers the
 * search, and is bit-for-bit reproducible anyway.
 */
final class StackelbergGame {

  private StackelbergGame() {}

  /** One cell's equilibrium: price, demand and profit, and the Newton rounds it took. */
  record Outcome(long unitPrice, long demand, long profit, int iterations, boolean converged) {}

  /** The continuous relaxation's optimal price and the Newton rounds it took to find it. */
  record LeaderOptimum(double price, int iterations, boolean converged) {}

  /**
   * Plays the game of {@code request} against {@code offer}. The caller has checked that the offer
   * has at least the requested amount and a reserve at or below the tenant's maximum price.
   */
  static Outcome play(CategoryRequest request, CategoryOffer offer, SelectionParameters params) {
    long w = request.valuation();
    long s = request.scale();
    // The tenant never takes more than it allowed: the cap acts like the RP's availability.
    long available = Math.min(offer.available(), request.maxAmount());
    long reserve = offer.reservePrice();
    long ceiling = Math.min(offer.unitPrice(), request.maxUnitPrice());
    LeaderOptimum relaxed = solveRelaxation(w, s, available, reserve, ceiling, params);
    Best best = new Best(reserve);
    searchIntegerPrices(w, s, available, reserve, ceiling, relaxed.price(), best);
    return new Outcome(
        best.price, best.demand, best.profit, relaxed.iterations(), relaxed.converged());
  }

  /** The tenant's whole-unit demand {@code min(A, max(0, ⌊w/v⌋ − s))}; all of {@code A} at 0. */
  static long demand(long w, long s, long available, long price) {
    if (price == 0) {
      return available;
    }
    return Math.min(available, Math.max(0, w / price - s));
  }

  /**
   * Solves the continuous relaxation {@code max (v − c)·min(A, w/v − s)} on {@code [c, ceiling]}.
   * Below the sell-out price {@code v_A = w/(s + A)} demand is capped at {@code A} and profit
   * rises; above it profit is strictly concave (for {@code c > 0}) and the price is found by
   * safeguarded Newton steps on the marginal profit {@code c·w/v² − s}, starting from the ceiling.
   * The fixed point is {@code clamp(max(√(c·w/s), v_A), c, ceiling)}.
   */
  static LeaderOptimum solveRelaxation(
      long valuation,
      long scale,
      long available,
      long reserve,
      long ceiling,
      SelectionParameters params) {
    double w = valuation;
    double s = scale;
    double c = reserve;
    double sellOutPrice = w / (s + available);
    if (sellOutPrice >= ceiling) {
      return new LeaderOptimum(ceiling, 0, true); // demand capped at A throughout: charge the most
    }
    double left = Math.max(c, sellOutPrice);
    if (c <= 0 || marginalProfit(w, s, c, left) <= 0) {
      return new LeaderOptimum(left, 0, true);
    }
    double right = ceiling;
    if (marginalProfit(w, s, c, right) >= 0) {
      return new LeaderOptimum(right, 0, true);
    }
    double price = right;
    double tolerance = params.tolerance();
    for (int round = 1; round <= params.maxIterations(); round++) {
      double marginal = marginalProfit(w, s, c, price);
      double step = params.damping() * marginal * price * price * price / (2 * c * w);
      if (Math.abs(step) <= tolerance * Math.max(1.0, price)) {
        return new LeaderOptimum(price + step, round, true);
      }
      if (marginal > 0) {
        left = price;
      } else {
        right = price;
      }
      double next = price + step;
      if (!(next > left && next < right)) {
        next = 0.5 * (left + right); // the Newton step left the bracket: bisect instead
      }
      price = next;
      if (right - left <= tolerance * Math.max(1.0, price)) {
        return new LeaderOptimum(price, round, true);
      }
    }
    return new LeaderOptimum(price, params.maxIterations(), false);
  }

  private static double marginalProfit(double w, double s, double c, double price) {
    return c * w / (price * price) - s;
  }

  /**
   * Finds the whole price in {@code [reserve, ceiling]} with the highest profit {@code (v −
   * c)·D(v)} (the lower price on a tie). Only the highest price of each demand level, {@code P(d) =
   * ⌊w/(d + s)⌋}, can be optimal, so the search steps from level to level, outwards from the
   * relaxation's price, and stops in each direction once the bound {@code B(d) = (w/(d + s) − c)·d}
   * — strictly concave in {@code d}, peaking at {@code √(w·s/c) − s} — shows that no further level
   * can do better.
   */
  static void searchIntegerPrices(
      long w, long s, long available, long reserve, long ceiling, double relaxedPrice, Best best) {
    long start = Math.max(reserve, Math.min(ceiling, (long) StrictMath.floor(relaxedPrice)));
    long startLevel = demand(w, s, available, start);
    long origin = startLevel == 0 ? ceiling : Math.min(ceiling, levelPrice(w, s, startLevel));
    best.consider(origin, demand(w, s, available, origin));
    double peak =
        reserve == 0 ? Double.POSITIVE_INFINITY : StrictMath.sqrt((double) w * s / reserve) - s;

    // Towards lower prices: each step sells at least one more unit.
    long price = origin;
    while (price > reserve) {
      long current = demand(w, s, available, price);
      if (current >= available) {
        break; // demand is capped: a lower price only earns less
      }
      long level = current + 1;
      long next = levelPrice(w, s, level);
      if (next < reserve || level >= peak && bound(w, s, reserve, level) < best.profit) {
        break; // not strictly below: an equal profit at a lower price would still win the tie
      }
      best.consider(next, demand(w, s, available, next));
      price = next;
    }

    // Towards higher prices: each step sells fewer units.
    price = origin;
    while (price < ceiling) {
      long level = demand(w, s, available, price + 1);
      long next = level == 0 ? ceiling : Math.min(ceiling, levelPrice(w, s, level));
      if (level <= peak && bound(w, s, reserve, level) < best.profit + 1) {
        break;
      }
      best.consider(next, level);
      price = next;
    }
  }

  /** The highest price at which the tenant takes at least {@code level} units: ⌊w/(level + s)⌋. */
  private static long levelPrice(long w, long s, long level) {
    return level > w - s ? 0 : w / (level + s);
  }

  /**
   * An upper bound, with a margin for rounding, on the profit of any price at which the tenant
   * takes exactly {@code level} units.
   */
  private static double bound(long w, long s, long reserve, long level) {
    double value = ((double) w / ((double) level + s) - reserve) * level;
    return value + 1e-9 * Math.max(1.0, Math.abs(value));
  }

  /** The best whole price seen so far; ties go to the lower price. */
  static final class Best {
    private final long reserve;
    long price = -1;
    long demand;
    long profit = Long.MIN_VALUE;

    Best(long reserve) {
      this.reserve = reserve;
    }

    void consider(long candidatePrice, long candidateDemand) {
      long candidateProfit = Math.multiplyExact(candidatePrice - reserve, candidateDemand);
      if (candidateProfit > profit || candidateProfit == profit && candidatePrice < price) {
        price = candidatePrice;
        demand = candidateDemand;
        profit = candidateProfit;
      }
    }
  }
}
