package io.sfsbroker.protocol.envelope;

/**
 * The argument of {@code envelope:configure}.
 *
 * @param maxClockSkewSeconds the new allowed skew in seconds, 5 to 3600
 */
public record ConfigUpdate(Long maxClockSkewSeconds) {}
