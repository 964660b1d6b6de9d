package io.sfsbroker.protocol.offer;

/**
 * What an RP guarantees for its part in one category of an offer (docs/selection.md, <i>QoE</i>). A
 * term left out is not guaranteed; an offer without any cannot meet a blueprint's QoE need for it.
 *
 * @param latencyMicros the most latency from the tenant to the part's services, in microseconds: 0
 *     to {@value OfferBody#MAX_QOE}
 * @param bandwidthMbps the least bandwidth to and from the part, in Mbit/s: 1 to {@value
 *     OfferBody#MAX_QOE}
 */
public record OfferedQoe(Long latencyMicros, Long bandwidthMbps) {

  /** Checks the ranges. */
  public OfferedQoe {
    if (latencyMicros != null && (latencyMicros < 0 || latencyMicros > OfferBody.MAX_QOE)) {
      throw new IllegalArgumentException(
          "qoe.latencyMicros must be 0 to " + OfferBody.MAX_QOE + " µs, was " + latencyMicros);
    }
    if (bandwidthMbps != null && (bandwidthMbps < 1 || bandwidthMbps > OfferBody.MAX_QOE)) {
      throw new IllegalArgumentException(
          "qoe.bandwidthMbps must be 1 to " + OfferBody.MAX_QOE + " Mbit/s, was " + bandwidthMbps);
    }
    if (latencyMicros == null && bandwidthMbps == null) {
      throw new IllegalArgumentException(
          "qoe names neither latencyMicros nor bandwidthMbps; leave qoe out to guarantee nothing");
    }
  }
}
