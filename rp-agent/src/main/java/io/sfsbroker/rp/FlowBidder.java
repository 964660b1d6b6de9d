package io.sfsbroker.rp;

import io.sfsbroker.market.multiflow.MultiFlowSelection;
import io.sfsbroker.protocol.multiflow.Application;
import io.sfsbroker.protocol.multiflow.FlowBidBody;
import io.sfsbroker.protocol.multiflow.FlowRequirement;
import io.sfsbroker.protocol.multiflow.ScoredBid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which flows of an application an operator bids for: it scores its standing {@link
 * FlowTerms} against each flow with the ledger's own scoring ({@link MultiFlowSelection#score}) and
 * bids, at its price, for every interval of each flow where the bid is acceptable (q ≥ qmin and p ≤
 * pmax). A bid that cannot win is not sent.
 */
final class FlowBidder {

  /**
   * What to send for one application.
   *
   * @param bids one per feasible flow and interval, in the application's order
   * @param skipped per flow left out, why
   */
  record Plan(List<FlowBidBody> bids, Map<String, String> skipped) {

    /** Copies the collections. */
    Plan {
      bids = List.copyOf(bids);
      skipped = Map.copyOf(skipped);
    }
  }

  private final String rpId;
  private final FlowTerms terms;

  FlowBidder(final String rpId, final FlowTerms terms) {
    this.rpId = Objects.requireNonNull(rpId, "rpId");
    this.terms = Objects.requireNonNull(terms, "terms");
  }

  /** The bids for {@code application}. */
  Plan plan(final Application application) {
    List<FlowBidBody> bids = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (FlowRequirement flow : application.flows()) {
      ScoredBid scored =
          MultiFlowSelection.score(
              flow, bid(application.id(), flow.flowId(), flow.intervals().get(0)).toBid(rpId));
      if (!scored.acceptable()) {
        skipped.put(
            flow.flowId(),
            String.format(
                "q %d (needs >= %d), p %d (at most %d)",
                scored.quality(), flow.qMin(), terms.price(), flow.pMax()));
        continue;
      }
      for (String interval : flow.intervals()) {
        bids.add(bid(application.id(), flow.flowId(), interval));
      }
    }
    return new Plan(bids, skipped);
  }

  /** The bid of this operator's terms for one flow and interval. */
  private FlowBidBody bid(final String applicationId, final String flowId, final String interval) {
    return new FlowBidBody(
        applicationId,
        flowId,
        interval,
        terms.throughputKbps(),
        terms.latencyMicros(),
        terms.lossPpm(),
        terms.price());
  }
}
