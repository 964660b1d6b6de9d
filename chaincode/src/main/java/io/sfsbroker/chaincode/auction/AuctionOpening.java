package io.sfsbroker.chaincode.auction;

import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.AuctionParameters;
import io.sfsbroker.market.auction.AuctionState;
import io.sfsbroker.market.auction.AuctionType;
import io.sfsbroker.market.auction.Planet;
import io.sfsbroker.market.auction.ResourceVector;
import io.sfsbroker.market.auction.UserGroup;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The argument of {@code auction:openAuction}: one auction for one period, in the market library's
 * own records.
 *
 * @param period a label of the period the auction sells, 1 to 64 characters, such as {@code
 *     2025-03-01T10:00Z/p1}
 * @param instance the Planets (ids = registered {@code PLANET} participants, with capacities,
 *     consumptions and operating costs), the groups (ids = registered {@code USER_GROUP}
 *     participants, with members, distances, timetables and data), the Planet distances and the
 *     migration price
 * @param type the auction type; optional, and when given it must be the one the instance implies
 *     (Type 2 iff some group has a migration requirement)
 * @param startPrices the Planets' starting prices {@code p}; optional, default the reserve prices
 *     {@code q}
 * @param startAllocation {@code x̂} of the current period, indexed by group, then Planet; optional,
 *     default nothing allocated
 * @param parameters {@code γ}, {@code ε}, the most rounds (at most {@value #MAX_ROUNDS}) and the
 *     Planet-change limit
 * @param roundSeconds how long a round takes bids, 1 to {@value #MAX_ROUND_SECONDS}; optional,
 *     default {@value #DEFAULT_ROUND_SECONDS}
 * @param paymentScale how many credit minor units one unit of the auction's prices is worth, 1 to
 *     {@value #MAX_PAYMENT_SCALE}: a group's payment {@code Σ p̂·c·r·x̂} to a Planet, in price
 *     units, times this scale, rounded half up, is what its escrow locks; optional, default {@value
 *     #DEFAULT_PAYMENT_SCALE}
 * @param confirmationSeconds how long after settlement each allocation escrow waits for the group's
 *     confirmation (which pays the Planet) or the Planet's failure report (which refunds the
 *     group), 1 to {@value #MAX_CONFIRMATION_SECONDS}; after that anyone may settle it by {@code
 *     auction:expireAllocation}, which refunds the group; optional, default {@value
 *     #DEFAULT_CONFIRMATION_SECONDS}
 */
public record AuctionOpening(
    String period,
    AuctionInstance instance,
    AuctionType type,
    List<ResourceVector> startPrices,
    List<List<Double>> startAllocation,
    AuctionParameters parameters,
    Long roundSeconds,
    Long paymentScale,
    Long confirmationSeconds) {

  /** The most rounds an auction on chain may run. */
  public static final int MAX_ROUNDS = 10_000;

  /** The longest round. */
  public static final long MAX_ROUND_SECONDS = 86_400;

  /** The round length when none is given. */
  public static final long DEFAULT_ROUND_SECONDS = 60;

  /**
   * The payment scale when none is given: one price unit is a million credit minor units, so a
   * payment keeps six decimal places of the auction's prices.
   */
  public static final long DEFAULT_PAYMENT_SCALE = 1_000_000;

  /** The confirmation time when none is given: one day. */
  public static final long DEFAULT_CONFIRMATION_SECONDS = 86_400;

  /** The longest confirmation time: 30 days. */
  public static final long MAX_CONFIRMATION_SECONDS = 2_592_000;

  /** The largest payment scale. */
  public static final long MAX_PAYMENT_SCALE = 1_000_000_000_000L;

  /** Checks the values against each other, fills in the defaults and copies the lists. */
  public AuctionOpening {
    if (period == null || period.isBlank() || period.length() > 64) {
      throw new IllegalArgumentException("period must be 1 to 64 characters");
    }
    Objects.requireNonNull(instance, "instance is missing");
    Objects.requireNonNull(parameters, "parameters is missing");
    if (instance.groups().isEmpty()) {
      throw new IllegalArgumentException("an auction needs at least one user group");
    }
    if (type != null && type != instance.type()) {
      throw new IllegalArgumentException(
          "type " + type + " does not fit the groups: the instance is " + instance.type());
    }
    type = instance.type();
    if (parameters.maxRounds() > MAX_ROUNDS) {
      throw new IllegalArgumentException(
          "maxRounds must be at most " + MAX_ROUNDS + ", was " + parameters.maxRounds());
    }
    TreeSet<String> ids = new TreeSet<>();
    for (Planet planet : instance.planets()) {
      if (!ids.add(planet.id())) {
        throw new IllegalArgumentException("participant " + planet.id() + " is named twice");
      }
    }
    for (UserGroup group : instance.groups()) {
      if (!ids.add(group.id())) {
        throw new IllegalArgumentException("participant " + group.id() + " is named twice");
      }
    }
    int planets = instance.planets().size();
    startPrices = startPrices == null ? instance.reservePrices() : List.copyOf(startPrices);
    if (startAllocation == null) {
      startAllocation = AuctionState.initial(instance).actual();
    } else {
      startAllocation = startAllocation.stream().map(List::copyOf).toList();
    }
    if (startPrices.size() != planets) {
      throw new IllegalArgumentException("give start prices for all " + planets + " Planets");
    }
    if (startAllocation.size() != instance.groups().size()) {
      throw new IllegalArgumentException(
          "give a start allocation for each of " + instance.groups().size() + " groups");
    }
    AuctionState.start(startPrices, startAllocation); // validates prices and volumes
    if (roundSeconds == null) {
      roundSeconds = DEFAULT_ROUND_SECONDS;
    }
    if (roundSeconds < 1 || roundSeconds > MAX_ROUND_SECONDS) {
      throw new IllegalArgumentException(
          "roundSeconds must be 1 to " + MAX_ROUND_SECONDS + ", was " + roundSeconds);
    }
    if (paymentScale == null) {
      paymentScale = DEFAULT_PAYMENT_SCALE;
    }
    if (paymentScale < 1 || paymentScale > MAX_PAYMENT_SCALE) {
      throw new IllegalArgumentException(
          "paymentScale must be 1 to " + MAX_PAYMENT_SCALE + ", was " + paymentScale);
    }
    if (confirmationSeconds == null) {
      confirmationSeconds = DEFAULT_CONFIRMATION_SECONDS;
    }
    if (confirmationSeconds < 1 || confirmationSeconds > MAX_CONFIRMATION_SECONDS) {
      throw new IllegalArgumentException(
          "confirmationSeconds must be 1 to "
              + MAX_CONFIRMATION_SECONDS
              + ", was "
              + confirmationSeconds);
    }
  }

  /**
   * Returns the state the first round starts from.
   *
   * @return the start prices and allocation, no group's choice made yet
   */
  public AuctionState startState() {
    return AuctionState.start(startPrices, startAllocation);
  }
}
