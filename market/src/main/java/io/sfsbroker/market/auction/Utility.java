package io.sfsbroker.market.auction;

/**
 * The group utility {@code U_i} with {@code U_i'(z) = (X_i/z)^α}, its inverse derivative and its
 * value.
 *
 * <p>The paper fixes only the derivative. The value is taken with the constant that makes {@code
 * U_i(X_i) = 0}: {@code U_i(z) = X_i·((z/X_i)^(1−α) − 1)/(1 − α)}, and {@code X_i·ln(z/X_i)} for
 * {@code α = 1}. Only differences of utilities enter any decision, so the constant changes no
 * outcome.
 */
public final class Utility {

  private static final double LOG_LIMIT = 1e-12;

  private Utility() {}

  /**
   * Returns {@code U_i'(z) = (X_i/z)^α}.
   *
   * @param totalData {@code X_i > 0}
   * @param alpha {@code α}
   * @param volume {@code z > 0}
   * @return the marginal utility
   */
  public static double marginal(double totalData, double alpha, double volume) {
    return StrictMath.pow(totalData / volume, alpha);
  }

  /**
   * Returns {@code U_i'^{-1}(f) = X_i·f^(−1/α)}, the volume at which the marginal utility is {@code
   * f}.
   *
   * @param totalData {@code X_i}
   * @param alpha {@code α}
   * @param marginalCost {@code f > 0}
   * @return the volume
   */
  public static double inverseMarginal(double totalData, double alpha, double marginalCost) {
    return totalData * StrictMath.pow(marginalCost, -1 / alpha);
  }

  /**
   * Returns {@code U_i(z)}, normalised to {@code U_i(X_i) = 0}.
   *
   * @param totalData {@code X_i > 0}
   * @param alpha {@code α}
   * @param volume {@code z}; zero gives negative infinity
   * @return the utility
   */
  public static double value(double totalData, double alpha, double volume) {
    if (volume <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double logRatio = StrictMath.log(volume / totalData);
    double exponent = 1 - alpha;
    if (StrictMath.abs(exponent) < LOG_LIMIT) {
      return totalData * logRatio;
    }
    return totalData * StrictMath.expm1(exponent * logRatio) / exponent;
  }
}
