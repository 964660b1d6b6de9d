package io.sfsbroker.market.multiflow;

import io.sfsbroker.protocol.multiflow.FlowBid;
import io.sfsbroker.protocol.multiflow.FlowOutcome;
import io.sfsbroker.protocol.multiflow.FlowRequirement;
import io.sfsbroker.protocol.multiflow.ScoredBid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Picks, per flow and interval, the bid of highest utility (paper 000, eq. 11–13), in integer
 * arithmetic only.
 *
 * <p>Normalisation, each to 0 … {@link #ONE} with higher better: throughput {@code R̂ = min(R,
 * Rref)·ONE / Rref}; latency {@code T̂ = max(0, Tref − T)·ONE / Tref}; packet loss {@code L̂ =
 * max(0, Lref − L)·ONE / Lref}, where the references are the flow's. Then {@code q = ⌊(R̂·β(R) +
 * T̂·β(T) + L̂·β(L)) / ONE⌋} and the utility scaled by {@code ONE} is {@code µ·(q − qmin) + (ONE −
 * µ)·(pmax − p)}. A bid is acceptable when {@code q ≥ qmin} and {@code p ≤ pmax}. Ties on utility
 * go to the lower price, then the higher quality, then the smaller bidder id.
 */
public final class MultiFlowSelection {

  /** 1.0 in the fixed point of weights, preference, scores and quality. */
  public static final long ONE = FlowRequirement.ONE;

  /** The order of preference among bids: utility down, price up, quality down, bidder id up. */
  static final Comparator<ScoredBid> PREFERENCE =
      Comparator.comparingLong(ScoredBid::utility)
          .reversed()
          .thenComparingLong(s -> s.bid().price())
          .thenComparing(Comparator.comparingLong(ScoredBid::quality).reversed())
          .thenComparing(s -> s.bid().bidderId());

  private MultiFlowSelection() {}

  /**
   * Scores {@code bid} against {@code flow}.
   *
   * @throws IllegalArgumentException when the bid is for another flow
   */
  public static ScoredBid score(final FlowRequirement flow, final FlowBid bid) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(bid, "bid");
    if (!flow.flowId().equals(bid.flowId())) {
      throw new IllegalArgumentException(
          "bid for flow " + bid.flowId() + " scored against flow " + flow.flowId());
    }
    long r =
        Math.multiplyExact(Math.min(bid.throughputKbps(), flow.refThroughputKbps()), ONE)
            / flow.refThroughputKbps();
    long t =
        Math.multiplyExact(Math.max(0, flow.refLatencyMicros() - bid.latencyMicros()), ONE)
            / flow.refLatencyMicros();
    long l =
        Math.multiplyExact(Math.max(0, flow.refLossPpm() - bid.lossPpm()), ONE) / flow.refLossPpm();
    long q =
        Math.addExact(
                Math.addExact(
                    Math.multiplyExact(r, flow.betaR()), Math.multiplyExact(t, flow.betaT())),
                Math.multiplyExact(l, flow.betaL()))
            / ONE;
    long utility =
        Math.addExact(
            Math.multiplyExact(flow.mu(), q - flow.qMin()),
            Math.multiplyExact(ONE - flow.mu(), flow.pMax() - bid.price()));
    boolean acceptable = q >= flow.qMin() && bid.price() <= flow.pMax();
    return new ScoredBid(bid, r, t, l, q, utility, acceptable);
  }

  /**
   * Selects a winner for every flow and interval of {@code flows} among {@code bids}. Bids for
   * flows or intervals that are not asked for are ignored; so is all but the first bid of a bidder
   * for the same flow and interval.
   *
   * @throws IllegalArgumentException when two flows share an id
   */
  public static MultiFlowResult select(
      final List<FlowRequirement> flows, final List<FlowBid> bids) {
    Objects.requireNonNull(flows, "flows");
    Objects.requireNonNull(bids, "bids");
    TreeMap<String, FlowRequirement> byId = new TreeMap<>();
    for (FlowRequirement flow : flows) {
      if (byId.put(flow.flowId(), flow) != null) {
        throw new IllegalArgumentException("flow " + flow.flowId() + " is listed twice");
      }
    }
    TreeMap<String, TreeMap<String, ScoredBid>> scored = new TreeMap<>();
    for (FlowBid bid : bids) {
      FlowRequirement flow = byId.get(bid.flowId());
      if (flow == null || !flow.intervals().contains(bid.interval())) {
        continue;
      }
      scored
          .computeIfAbsent(bid.flowId() + '\u0000' + bid.interval(), k -> new TreeMap<>())
          .putIfAbsent(bid.bidderId(), score(flow, bid));
    }
    List<FlowOutcome> outcomes = new ArrayList<>();
    long total = 0;
    for (FlowRequirement flow : flows) {
      for (String interval : flow.intervals()) {
        List<ScoredBid> candidates =
            new ArrayList<>(
                scored.getOrDefault(flow.flowId() + '\u0000' + interval, new TreeMap<>()).values());
        List<ScoredBid> acceptable =
            candidates.stream().filter(ScoredBid::acceptable).sorted(PREFERENCE).toList();
        if (acceptable.isEmpty()) {
          outcomes.add(
              new FlowOutcome(
                  flow.flowId(), interval, null, candidates.size(), reason(flow, candidates)));
        } else {
          ScoredBid winner = acceptable.get(0);
          total = Math.addExact(total, winner.bid().price());
          outcomes.add(new FlowOutcome(flow.flowId(), interval, winner, candidates.size(), null));
        }
      }
    }
    return new MultiFlowResult(outcomes, total);
  }

  private static String reason(final FlowRequirement flow, final List<ScoredBid> candidates) {
    if (candidates.isEmpty()) {
      return "no bid";
    }
    long bestQ = candidates.stream().mapToLong(ScoredBid::quality).max().orElse(0);
    long lowestP = candidates.stream().mapToLong(s -> s.bid().price()).min().orElse(0);
    return "no acceptable bid among "
        + candidates.size()
        + ": needs q >= "
        + flow.qMin()
        + " and p <= "
        + flow.pMax()
        + "; best q was "
        + bestQ
        + ", lowest p was "
        + lowestP;
  }
}
