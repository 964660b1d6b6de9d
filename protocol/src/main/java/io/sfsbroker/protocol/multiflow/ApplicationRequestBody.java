package io.sfsbroker.protocol.multiflow;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The body of an {@code application-request} envelope, signed by a fog node.
 *
 * @param flows the flows, 1 to {@value #MAX_FLOWS}, with distinct ids
 * @param bidWindowSeconds how long operators may bid; the broker's default offer window when absent
 */
public record ApplicationRequestBody(List<FlowRequirement> flows, Long bidWindowSeconds) {

  /** The most flows an application may have. */
  public static final int MAX_FLOWS = 32;

  /** Checks the flows and copies the list. */
  public ApplicationRequestBody {
    Objects.requireNonNull(flows, "flows is missing");
    if (flows.isEmpty() || flows.size() > MAX_FLOWS) {
      throw new IllegalArgumentException("an application has 1 to " + MAX_FLOWS + " flows");
    }
    flows = List.copyOf(flows);
    TreeSet<String> ids = new TreeSet<>();
    for (FlowRequirement flow : flows) {
      if (!ids.add(Objects.requireNonNull(flow, "flow").flowId())) {
        throw new IllegalArgumentException("flow " + flow.flowId() + " is listed twice");
      }
    }
  }
}
