package io.sfsbroker.market.auction;

import java.util.List;

/**
 * What one group offers one Planet in a round: {@code w^s_{i,j,r} =
 * p_{j,r}·c^j_{s,r}·r_{i,s}·x_{i,j}} for every activity {@code s} and resource {@code r}.
 *
 * @param group the group index {@code i}
 * @param planet the Planet index {@code j}
 * @param volume {@code x_{i,j}}, the damped upload volume the payments are for
 * @param payments {@code w^s_{i,j,·}}, one vector per activity type
 */
public record Bid(int group, int planet, double volume, List<ResourceVector> payments) {

  /** Checks the arguments and copies the payments. */
  public Bid {
    payments = List.copyOf(payments);
    if (group < 0 || planet < 0) {
      throw new IllegalArgumentException("group and planet must be indices");
    }
    if (!(volume >= 0) || Double.isInfinite(volume)) {
      throw new IllegalArgumentException("volume must be finite and >= 0, was " + volume);
    }
  }

  /**
   * Returns {@code Σ_s w^s_{i,j,r}}.
   *
   * @param resource the resource {@code r}
   * @return the payment offered for that resource over all activities
   */
  public double payment(Resource resource) {
    double sum = 0;
    for (ResourceVector payment : payments) {
      sum += payment.get(resource);
    }
    return sum;
  }

  /**
   * Returns {@code Σ_{s,r} w^s_{i,j,r}}.
   *
   * @return the payment offered for all resources
   */
  public double totalPayment() {
    double sum = 0;
    for (Resource resource : Resource.values()) {
      sum += payment(resource);
    }
    return sum;
  }
}
