package io.sfsbroker.fog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a slice request ended in: the slice as handed over, whether its ports answer, whether the
 * agent confirmed service, and how long each step took.
 *
 * @param sliceId the slice
 * @param fogNodeId the fog node (the tenant)
 * @param request what was asked for, in words
 * @param outcome whether service was confirmed
 * @param state the slice's ledger state after the agent's last step ({@code IN_SERVICE} once
 *     confirmed, else {@code ACTIVE})
 * @param totalPrice the sum of the winners' prices, in minor units
 * @param federated whether more than one RP serves the slice
 * @param requestedAt when the agent signed the request
 * @param activatedAt when the last RP confirmed its part (ledger time)
 * @param validUntil when the slice ends unless released earlier (ledger time)
 * @param confirmBy until when service must be confirmed (ledger time), else the slice times out
 * @param parts which RP serves which category, how much, at what price; in blueprint order
 * @param ports every port of every endpoint, with whether it answered
 * @param timings how long each step took
 * @param requestTransaction the transaction that stored the request
 * @param confirmTransaction the transaction that confirmed service, or {@code null}
 */
public record SliceReport(
    String sliceId,
    String fogNodeId,
    String request,
    Outcome outcome,
    String state,
    long totalPrice,
    boolean federated,
    Instant requestedAt,
    Instant activatedAt,
    Instant validUntil,
    Instant confirmBy,
    List<Part> parts,
    List<PortCheck> ports,
    Timings timings,
    String requestTransaction,
    String confirmTransaction) {

  /** Whether the agent confirmed service. */
  public enum Outcome {
    /** Every port answered and the ledger recorded the service confirmation. */
    CONFIRMED,
    /** Not confirmed because the caller asked so ({@code --no-confirm}). */
    NOT_CONFIRMED,
    /** A port did not answer, so service was not confirmed. */
    UNREACHABLE
  }

  /**
   * One category of the slice.
   *
   * @param category the category
   * @param rpId the RP that serves it
   * @param amount how many units
   * @param unitPrice the price per unit, in minor units
   * @param price what the category costs, in minor units
   */
  public record Part(String category, String rpId, long amount, long unitPrice, long price) {}

  /**
   * One port of one endpoint and whether it answered.
   *
   * @param category the category the endpoint serves
   * @param rpId the RP that runs it
   * @param host its host name or address
   * @param port the port
   * @param instanceId the RP's instance (container)
   * @param reached whether a connection was accepted (and, when HTTP was asked, the answer was not
   *     a 5xx)
   * @param httpStatus the status of {@code GET /}, or {@code null} when not asked or not HTTP
   * @param attempts how many times the port was tried
   * @param millis how long the last attempt took
   * @param detail why it was not reached, or {@code null}
   */
  public record PortCheck(
      String category,
      String rpId,
      String host,
      int port,
      String instanceId,
      boolean reached,
      Integer httpStatus,
      int attempts,
      long millis,
      String detail) {}

  /**
   * Milliseconds from signing the request (or, for the confirmation, from sending it); {@code null}
   * for a step that did not happen.
   *
   * @param receipt request → its receipt (stored on the ledger)
   * @param award request → the {@code SliceAwarded} notice
   * @param handover request → the {@code SliceReady} notice
   * @param portChecks how long the port checks took
   * @param confirmation service confirmation → its receipt
   * @param endToEnd request → the end of the last step
   */
  public record Timings(
      Long receipt, Long award, Long handover, Long portChecks, Long confirmation, Long endToEnd) {}

  /** Checks for nulls and copies the lists. */
  public SliceReport {
    Objects.requireNonNull(sliceId, "sliceId");
    Objects.requireNonNull(outcome, "outcome");
    parts = List.copyOf(parts);
    ports = List.copyOf(ports);
    Objects.requireNonNull(timings, "timings");
  }

  /** The ports that did not answer. */
  public List<PortCheck> unreached() {
    return ports.stream().filter(p -> !p.reached()).toList();
  }
}
