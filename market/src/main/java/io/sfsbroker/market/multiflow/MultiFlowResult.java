package io.sfsbroker.market.multiflow;

import io.sfsbroker.protocol.multiflow.FlowOutcome;
import java.util.List;

/**
 * The selection of every flow of an application in every interval.
 *
 * @param outcomes one per flow and interval, in the application's flow order, then interval order
 * @param totalPrice the sum of the winners' prices, in minor units
 */
public record MultiFlowResult(List<FlowOutcome> outcomes, long totalPrice) {

  /** Copies the list. */
  public MultiFlowResult {
    outcomes = List.copyOf(outcomes);
  }

  /** The outcomes with a winner. */
  public List<FlowOutcome> served() {
    return FlowOutcome.served(outcomes);
  }

  /** The outcomes without one. */
  public List<FlowOutcome> unserved() {
    return outcomes.stream().filter(o -> !o.isServed()).toList();
  }
}
