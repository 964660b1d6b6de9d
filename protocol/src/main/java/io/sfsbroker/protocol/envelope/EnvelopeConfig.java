package io.sfsbroker.protocol.envelope;

import java.time.Duration;
import java.time.Instant;

/**
 * The envelope settings, stored under {@code sfsb-config~envelope}.
 *
 * @param maxClockSkewSeconds how far an envelope's issued-at may lie from the transaction time,
 *     before or after it, in seconds: {@value #MIN_SKEW_SECONDS} to {@value #MAX_SKEW_SECONDS}
 * @param updatedBy the MSP id of the organisation that proposed it; {@code null} for the default
 * @param updatedAt the transaction time it was set; {@code null} for the default
 */
public record EnvelopeConfig(long maxClockSkewSeconds, String updatedBy, Instant updatedAt) {

  /** The skew allowed until the consortium sets another. */
  public static final long DEFAULT_SKEW_SECONDS = 120;

  /** The smallest skew that may be set. */
  public static final long MIN_SKEW_SECONDS = 5;

  /** The largest skew that may be set. */
  public static final long MAX_SKEW_SECONDS = 3600;

  /** The settings in force while none are stored. */
  public static final EnvelopeConfig DEFAULT = new EnvelopeConfig(DEFAULT_SKEW_SECONDS, null, null);

  /** Checks the bounds. */
  public EnvelopeConfig {
    if (maxClockSkewSeconds < MIN_SKEW_SECONDS || maxClockSkewSeconds > MAX_SKEW_SECONDS) {
      throw new IllegalArgumentException(
          "maxClockSkewSeconds must be "
              + MIN_SKEW_SECONDS
              + " to "
              + MAX_SKEW_SECONDS
              + ", was "
              + maxClockSkewSeconds);
    }
  }

  /** Returns the allowed skew. */
  public Duration maxClockSkew() {
    return Duration.ofSeconds(maxClockSkewSeconds);
  }
}
