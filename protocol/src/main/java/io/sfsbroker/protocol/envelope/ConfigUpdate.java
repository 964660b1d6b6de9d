package io.sfsbroker.protocol.envelope;

/**
 * The value of a governance proposal of setting {@code envelope}.
 *
 * @param maxClockSkewSeconds the new allowed skew in seconds, 5 to 3600
 */
public record ConfigUpdate(Long maxClockSkewSeconds) {}
