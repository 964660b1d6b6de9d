package io.sfsbroker.protocol.catalog;

import io.sfsbroker.protocol.selection.SelectionRule;
import java.time.Instant;
import java.util.Objects;

/**
 * The broker's settings, stored under {@code sfsb-config~broker}; {@link #DEFAULT} is in force
 * while none are stored. All durations are whole seconds of transaction time.
 *
 * @param minOfferWindowSeconds the shortest offer window a request may ask for
 * @param maxOfferWindowSeconds the longest offer window a request may ask for
 * @param defaultOfferWindowSeconds the window of a request that names none
 * @param defaultStrategy the selection rule of a request that names none
 * @param instantiationTimeoutSeconds how long the winners have, from the award, to confirm
 * @param serviceConfirmationTimeoutSeconds how long the fog node has, from activation, to confirm
 * @param defaultValiditySeconds how long a slice is valid from activation, unless the request says
 * @param maxValiditySeconds the longest validity a request may ask for
 * @param updatedBy the MSP id of the organisation that proposed it; {@code null} for the default
 * @param updatedAt the transaction time it was set; {@code null} for the default
 */
public record BrokerConfig(
    long minOfferWindowSeconds,
    long maxOfferWindowSeconds,
    long defaultOfferWindowSeconds,
    SelectionRule defaultStrategy,
    long instantiationTimeoutSeconds,
    long serviceConfirmationTimeoutSeconds,
    long defaultValiditySeconds,
    long maxValiditySeconds,
    String updatedBy,
    Instant updatedAt) {

  /** The lower limit of every bound the consortium may set, in seconds. */
  public static final long MIN_SECONDS = 1;

  /** The upper limit of every bound the consortium may set: one year, in seconds. */
  public static final long MAX_SECONDS = 31_536_000;

  /** The settings in force while none are stored. */
  public static final BrokerConfig DEFAULT =
      new BrokerConfig(
          5, 600, 30, SelectionRule.STACKELBERG, 300, 300, 3600, 2_592_000, null, null);

  /** Checks every bound and that the defaults lie within their bounds. */
  public BrokerConfig {
    Objects.requireNonNull(defaultStrategy, "defaultStrategy");
    requireSeconds("minOfferWindowSeconds", minOfferWindowSeconds);
    requireSeconds("maxOfferWindowSeconds", maxOfferWindowSeconds);
    requireSeconds("defaultOfferWindowSeconds", defaultOfferWindowSeconds);
    requireSeconds("instantiationTimeoutSeconds", instantiationTimeoutSeconds);
    requireSeconds("serviceConfirmationTimeoutSeconds", serviceConfirmationTimeoutSeconds);
    requireSeconds("defaultValiditySeconds", defaultValiditySeconds);
    requireSeconds("maxValiditySeconds", maxValiditySeconds);
    if (minOfferWindowSeconds > maxOfferWindowSeconds) {
      throw new IllegalArgumentException(
          "minOfferWindowSeconds "
              + minOfferWindowSeconds
              + " is above maxOfferWindowSeconds "
              + maxOfferWindowSeconds);
    }
    if (defaultOfferWindowSeconds < minOfferWindowSeconds
        || defaultOfferWindowSeconds > maxOfferWindowSeconds) {
      throw new IllegalArgumentException(
          "defaultOfferWindowSeconds "
              + defaultOfferWindowSeconds
              + " is outside ["
              + minOfferWindowSeconds
              + ", "
              + maxOfferWindowSeconds
              + "]");
    }
    if (defaultValiditySeconds > maxValiditySeconds) {
      throw new IllegalArgumentException(
          "defaultValiditySeconds "
              + defaultValiditySeconds
              + " is above maxValiditySeconds "
              + maxValiditySeconds);
    }
  }

  /** Returns these settings with every non-null member of {@code update} applied. */
  public BrokerConfig with(final BrokerConfigUpdate update, final String by, final Instant at) {
    Objects.requireNonNull(update, "update");
    return new BrokerConfig(
        or(update.minOfferWindowSeconds(), minOfferWindowSeconds),
        or(update.maxOfferWindowSeconds(), maxOfferWindowSeconds),
        or(update.defaultOfferWindowSeconds(), defaultOfferWindowSeconds),
        update.defaultStrategy() == null ? defaultStrategy : update.defaultStrategy(),
        or(update.instantiationTimeoutSeconds(), instantiationTimeoutSeconds),
        or(update.serviceConfirmationTimeoutSeconds(), serviceConfirmationTimeoutSeconds),
        or(update.defaultValiditySeconds(), defaultValiditySeconds),
        or(update.maxValiditySeconds(), maxValiditySeconds),
        by,
        at);
  }

  private static long or(final Long value, final long fallback) {
    return value == null ? fallback : value;
  }

  private static void requireSeconds(final String name, final long value) {
    if (value < MIN_SECONDS || value > MAX_SECONDS) {
      throw new IllegalArgumentException(
          name + " must be " + MIN_SECONDS + " to " + MAX_SECONDS + " seconds, was " + value);
    }
  }
}
