package io.sfsbroker.fog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a multi-flow application request ended in: per flow and interval the operator bought (or why
 * none was), whether the agent confirmed service, and how long each step took.
 *
 * @param applicationId the application
 * @param fogNodeId the fog node (the tenant)
 * @param confirmed whether the agent confirmed service
 * @param state the application's ledger state after the agent's last step ({@code IN_SERVICE} once
 *     confirmed, else {@code AWARDED})
 * @param totalPrice what the bought flows cost, in minor units
 * @param requestedAt when the agent signed the request
 * @param flows one line per flow and interval, in the selection's order
 * @param timings how long each step took
 * @param requestTransaction the transaction that stored the request
 * @param confirmTransaction the transaction that confirmed service, or {@code null}
 */
public record ApplicationReport(
    String applicationId,
    String fogNodeId,
    boolean confirmed,
    String state,
    long totalPrice,
    Instant requestedAt,
    List<Flow> flows,
    Timings timings,
    String requestTransaction,
    String confirmTransaction) {

  /**
   * One flow in one interval.
   *
   * @param flowId the flow
   * @param interval the interval
   * @param rpId the operator whose bid won, or {@code null}
   * @param price its price, in minor units (0 when none won)
   * @param throughputKbps the throughput it offered
   * @param latencyMicros the latency it offered
   * @param lossPpm the packet loss it offered, per million
   * @param quality its integral quality, in millionths
   * @param utility its utility × 1,000,000
   * @param bidCount how many bids there were
   * @param reason why no bid won, or {@code null}
   */
  public record Flow(
      String flowId,
      String interval,
      String rpId,
      long price,
      long throughputKbps,
      long latencyMicros,
      long lossPpm,
      long quality,
      long utility,
      int bidCount,
      String reason) {}

  /**
   * Milliseconds from signing the request; {@code null} for a step that did not happen.
   *
   * @param receipt request → its receipt
   * @param award request → the {@code ApplicationAwarded} notice
   * @param confirmation service confirmation → its receipt
   * @param endToEnd request → the end of the last step
   */
  public record Timings(Long receipt, Long award, Long confirmation, Long endToEnd) {}

  /** Checks for nulls and copies the list. */
  public ApplicationReport {
    Objects.requireNonNull(applicationId, "applicationId");
    flows = List.copyOf(flows);
    Objects.requireNonNull(timings, "timings");
  }
}
