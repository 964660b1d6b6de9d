/**
 * Multi-flow application selection (paper 000, §III.C–D): per flow and time interval, the bid of
 * highest utility {@code u(q, p) = µ(q − qmin) + (1 − µ)(pmax − p)}, with the integral quality
 * {@code q = R·β(R) + T·β(T) + L·β(L)} over normalised throughput, latency and packet loss. Plain
 * Java in fixed point (millionths), so that every endorsing peer computes identical results; see
 * docs/tokens.md for the normalisation.
 */
package io.sfsbroker.market.multiflow;
