package io.sfsbroker.fog;

import java.time.Instant;
import java.util.List;

/**
 * What the agent reads of the ledger's notices and receipts: the parts of the chaincode's records
 * it needs (docs/contracts.md), read with the one codec; members it does not name are ignored. Kept
 * here rather than shared with the chaincode so that the agent stays small.
 */
final class LedgerViews {

  private LedgerViews() {}

  /** One category's winner: {@code Allocation}. */
  record Winner(String category, String rpId, long unitPrice, long amount, long price) {}

  /** Where one part is reached: the slice's {@code Endpoint}. */
  record Endpoint(
      String category, String rpId, String host, List<Integer> ports, String instanceId) {
    Endpoint {
      ports = ports == null ? List.of() : List.copyOf(ports);
    }
  }

  /** The {@code Slice} record: the payload of {@code SliceReady}, {@code SliceFailed}, … */
  record Slice(
      String id,
      String tenantId,
      String state,
      List<Winner> winners,
      long totalPrice,
      boolean federated,
      Instant confirmationDeadline,
      Instant activatedAt,
      Instant validUntil,
      List<Endpoint> endpoints,
      String reason) {
    Slice {
      winners = winners == null ? List.of() : List.copyOf(winners);
      endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }
  }

  /** The payload of {@code SliceAwarded}. */
  record Award(
      String sliceId,
      String strategy,
      List<Winner> winners,
      long totalPrice,
      boolean federated,
      Instant instantiationDeadline) {
    Award {
      winners = winners == null ? List.of() : List.copyOf(winners);
    }
  }

  /** An operator's bid for one flow in one interval: {@code FlowBid}. */
  record FlowBid(
      String bidderId,
      String flowId,
      String interval,
      long throughputKbps,
      long latencyMicros,
      long lossPpm,
      long price) {}

  /** A bid with its scores: {@code ScoredBid}. */
  record ScoredBid(FlowBid bid, long quality, long utility) {}

  /** One flow in one interval: {@code FlowOutcome}. */
  record FlowOutcome(
      String flowId, String interval, ScoredBid winner, int bidCount, String reason) {}

  /** The payload of {@code ApplicationAwarded}: {@code ApplicationSelection}. */
  record ApplicationSelection(
      String applicationId, List<FlowOutcome> outcomes, long totalPrice, int bidCount) {
    ApplicationSelection {
      outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }
  }

  /** The {@code Application} record: the result of a request, of a confirmation, … */
  record Application(
      String id, String state, Instant bidDeadline, Instant confirmationDeadline, String reason) {}
}
