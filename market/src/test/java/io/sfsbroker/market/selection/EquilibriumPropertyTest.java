package io.sfsbroker.market.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The equilibrium conditions of {@link StackelbergSelection}, checked numerically on seeded random
 * games against oracles written here from the definitions (brute force over prices, a grid over
 * amounts), not from the code under test; and both sides' limits for every strategy.
 */
class EquilibriumPropertyTest {

  private static final int GAMES = 400;

  /** One RP facing the tenant in one category. */
  private record Game(
      long q, long maxAmount, long maxPrice, long ask, long available, long reserve, long budget) {
    long s() {
      return budget / maxPrice - q;
    }

    long w() {
      return maxPrice * (q + s());
    }

    long ceiling() {
      return Math.min(ask, maxPrice);
    }

    boolean feasible() {
      return available >= q && reserve <= maxPrice;
    }

    /** What the tenant can take at most: the offer's amount, capped at what it allowed. */
    long cap() {
      return Math.min(available, maxAmount);
    }

    SliceBlueprint blueprint() {
      return new SliceBlueprint(
          "bp", List.of(new CategoryRequest("c", q, maxAmount, maxPrice, budget)));
    }

    RpOffer offer() {
      return new RpOffer("rp", List.of(new CategoryOffer("c", ask, available, reserve)));
    }

    /**
     * Largest whole amount u ≤ min(A, maxAmount) whose marginal utility w/(s + u) is at least the
     * price.
     */
    long demandOracle(long price) {
      if (price == 0) {
        return cap();
      }
      long low = 0;
      long high = cap();
      while (low < high) {
        long mid = low + (high - low + 1) / 2;
        if (w() >= price * (s() + mid)) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      return low;
    }

    double utility(double amount, double price) {
      return w() * StrictMath.log(s() + amount) - price * amount;
    }

    double continuousProfit(double price) {
      double wanted = price <= 0 ? cap() : Math.max(0, w() / price - s());
      return (price - reserve) * Math.min(cap(), wanted);
    }
  }

  private static List<Game> games(long seed) {
    Random random = new Random(seed);
    List<Game> games = new ArrayList<>();
    while (games.size() < GAMES) {
      long q = 1 + random.nextInt(60);
      long maxPrice = 1 + random.nextInt(2000);
      long reserve = random.nextInt((int) maxPrice + 1);
      long ask = reserve + random.nextInt((int) (2 * maxPrice) + 1);
      long available = random.nextInt(10) == 0 ? 1_000_000 : q + random.nextInt((int) (5 * q) + 1);
      // Budgets from exactly the requested amount's cost (no room to buy more) to three times it.
      long cost = maxPrice * q;
      long budget =
          switch (random.nextInt(3)) {
            case 0 -> cost;
            case 1 -> 2 * cost;
            default -> cost + random.nextInt((int) (2 * cost) + 1);
          };
      // Exact requests (maxAmount = q), tenants that allow a little more, and tenants that allow
      // anything the offer has.
      long maxAmount =
          switch (random.nextInt(3)) {
            case 0 -> q;
            case 1 -> q + random.nextInt((int) (2 * q) + 1);
            default -> 1_000_000;
          };
      games.add(new Game(q, maxAmount, maxPrice, ask, available, reserve, budget));
    }
    return games;
  }

  private static EquilibriumCell play(Game game) {
    SelectionResult result =
        new StackelbergSelection().select(game.blueprint(), List.of(game.offer()));
    return result.table().cell(0, 0);
  }

  @Test
  void equilibrium_noLeaderGainsByAnyOtherWholePriceInItsRange() {
    int checked = 0;
    for (Game game : games(1)) {
      EquilibriumCell cell = play(game);
      if (!game.feasible()) {
        assertThat(cell.isPriced()).isFalse();
        continue;
      }
      assertThat(cell.isPriced()).isTrue();
      for (long price = game.reserve(); price <= game.ceiling(); price++) {
        long profit = (price - game.reserve()) * game.demandOracle(price);
        assertThat(profit)
            .as("deviation to %d in %s", price, game)
            .isLessThanOrEqualTo(cell.profit());
        if (profit == cell.profit()) {
          assertThat(price)
              .as("ties go to the lower price")
              .isGreaterThanOrEqualTo(cell.unitPrice());
        }
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(GAMES / 2);
  }

  @Test
  void equilibrium_followerTakesItsBestResponseInWholeUnits() {
    for (Game game : games(2)) {
      if (!game.feasible()) {
        continue;
      }
      EquilibriumCell cell = play(game);
      long price = cell.unitPrice();
      assertThat(price).isBetween(game.reserve(), game.ceiling());
      assertThat(cell.demand()).isEqualTo(game.demandOracle(price));
      assertThat(cell.demand()).isBetween(game.q(), game.cap());
      assertThat(cell.profit()).isEqualTo((price - game.reserve()) * cell.demand());
      if (price == 0) {
        continue;
      }
      assertThat(price * cell.demand())
          .as("spend within budget in %s", game)
          .isLessThanOrEqualTo(game.budget());
      // The continuous best response x = w/v − s maximises U on a fine grid, and the tenant takes
      // ⌊x⌋ whole units (or everything available, if less).
      double best = (double) game.w() / price - game.s();
      for (int i = 0; i <= 2000; i++) {
        double amount = 3 * best * i / 2000;
        assertThat(game.utility(amount, price))
            .isLessThanOrEqualTo(game.utility(best, price) + 1e-9);
      }
      assertThat((double) cell.demand()).isLessThanOrEqualTo(best);
      if (cell.demand() < game.cap()) {
        assertThat(cell.demand() + 1.0).isGreaterThan(best);
      }
    }
  }

  @Test
  void relaxation_newtonSearchReachesTheClosedFormOptimum() {
    for (Game game : games(3)) {
      if (!game.feasible()) {
        continue;
      }
      StackelbergGame.LeaderOptimum optimum = relax(game, SelectionParameters.DEFAULTS);
      double interior =
          game.s() == 0
              ? Double.POSITIVE_INFINITY
              : StrictMath.sqrt((double) game.reserve() * game.w() / game.s());
      double sellOut = (double) game.w() / (game.s() + game.cap());
      double expected =
          Math.max(game.reserve(), Math.min(game.ceiling(), Math.max(interior, sellOut)));
      assertThat(optimum.converged()).isTrue();
      assertThat(optimum.iterations())
          .isLessThanOrEqualTo(SelectionParameters.DEFAULTS.maxIterations());
      assertThat(optimum.price()).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
      // ... and no price on a fine grid of the leader's range earns more in the relaxation.
      for (int i = 0; i <= 1000; i++) {
        double price = game.reserve() + (game.ceiling() - game.reserve()) * i / 1000.0;
        assertThat(game.continuousProfit(price))
            .isLessThanOrEqualTo(game.continuousProfit(optimum.price()) * (1 + 1e-12) + 1e-9);
      }
    }
  }

  @Test
  void relaxation_withDamping_reachesTheSameOptimumInMoreRounds() {
    // c = 8, w = 2000, s = 10: the optimum √(8 · 2000 / 10) = 40 lies inside [8, 90].
    Game game = new Game(10, 1000, 100, 90, 1000, 8, 2000);
    StackelbergGame.LeaderOptimum undamped = relax(game, SelectionParameters.DEFAULTS);
    StackelbergGame.LeaderOptimum damped = relax(game, new SelectionParameters(0.5, 1e-12, 200));

    assertThat(undamped.price()).isCloseTo(40, within(1e-9));
    assertThat(damped.price()).isCloseTo(40, within(1e-9));
    assertThat(damped.converged()).isTrue();
    assertThat(damped.iterations()).isGreaterThan(undamped.iterations());
  }

  @Test
  void relaxation_tooFewRounds_isReportedAsNotConverged() {
    Game game = new Game(10, 1000, 100, 90, 1000, 8, 2000);
    SliceBlueprint blueprint = game.blueprint();

    SelectionResult result =
        new StackelbergSelection(new SelectionParameters(1.0, 1e-12, 1))
            .select(blueprint, List.of(game.offer()));

    assertThat(result.converged()).isFalse();
    assertThat(result.iterations()).isEqualTo(1);
    // The whole-price search still certifies the best price around wherever the loop stopped.
    assertThat(result.winners().get(0).unitPrice()).isEqualTo(40);
  }

  static List<SelectionStrategy> strategies() {
    return List.of(
        new StackelbergSelection(), new ProportionalShareSelection(), new LowestOfferSelection());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void select_randomMarket_everyPricedCellRespectsBothSidesLimits(SelectionStrategy strategy) {
    Random random = new Random(4);
    List<CategoryRequest> requests = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long amount = 1 + random.nextInt(100);
      long maxPrice = 100 + random.nextInt(9000);
      // Even categories ask for exact amounts; odd ones allow up to 4× the amount within a
      // spending limit of up to 3× its cost.
      requests.add(
          i % 2 == 0
              ? new CategoryRequest("c" + i, amount, maxPrice)
              : new CategoryRequest(
                  "c" + i,
                  amount,
                  4 * amount,
                  maxPrice,
                  amount * maxPrice * (1 + random.nextInt(3))));
    }
    List<RpOffer> offers = new ArrayList<>();
    for (int j = 0; j < 20; j++) {
      List<CategoryOffer> categories = new ArrayList<>();
      for (CategoryRequest request : requests) {
        long reserve = random.nextInt(8000);
        categories.add(
            new CategoryOffer(
                request.category(),
                reserve + random.nextInt(5000),
                request.amount() / 2 + random.nextInt((int) request.amount() * 4),
                reserve));
      }
      // A few RPs offer one category only (the proportional-share game has no equilibrium there).
      offers.add(new RpOffer("rp-" + j, j % 7 == 0 ? categories.subList(0, 1) : categories));
    }
    SliceBlueprint blueprint = new SliceBlueprint("bp", requests);

    SelectionResult result = strategy.select(blueprint, offers);
    EquilibriumTable table = result.table();

    int priced = 0;
    for (int row = 0; row < table.rpCount(); row++) {
      RpOffer offer = offers.get(Integer.parseInt(table.rpIds().get(row).substring(3)));
      for (int column = 0; column < table.categoryCount(); column++) {
        EquilibriumCell cell = table.cell(row, column);
        CategoryRequest request = requests.get(column);
        if (column >= offer.categories().size()) {
          assertThat(cell.state()).isEqualTo(CellState.NOT_OFFERED);
          continue;
        }
        CategoryOffer terms = offer.categories().get(column);
        if (!cell.isPriced()) {
          assertThat(cell.unitPrice()).isZero();
          assertThat(cell.demand()).isZero();
          if (terms.available() < request.amount()) {
            assertThat(cell.state()).isEqualTo(CellState.INSUFFICIENT_AMOUNT);
          }
          continue;
        }
        priced++;
        assertThat(terms.available()).isGreaterThanOrEqualTo(request.amount());
        assertThat(cell.unitPrice())
            .isBetween(terms.reservePrice(), Math.min(terms.unitPrice(), request.maxUnitPrice()));
        assertThat(cell.demand())
            .isBetween(request.amount(), Math.min(request.maxAmount(), terms.available()));
        assertThat(cell.unitPrice() * cell.demand()).isLessThanOrEqualTo(request.budget());
        if (request.maxAmount() == request.amount()) {
          assertThat(cell.demand())
              .as("an exact request gets its amount")
              .isEqualTo(request.amount());
        }
        assertThat(cell.profit())
            .isEqualTo((cell.unitPrice() - terms.reservePrice()) * cell.demand());
      }
    }
    assertThat(priced).isGreaterThan(20);
    if (result.isSelected()) {
      long total = 0;
      for (Allocation winner : result.winners()) {
        total += winner.price();
      }
      assertThat(result.totalPrice()).isEqualTo(total);
    }
  }

  private static StackelbergGame.LeaderOptimum relax(Game game, SelectionParameters params) {
    return StackelbergGame.solveRelaxation(
        game.w(), game.s(), game.cap(), game.reserve(), game.ceiling(), params);
  }
}
