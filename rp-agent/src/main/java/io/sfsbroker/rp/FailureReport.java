package io.sfsbroker.rp;

import java.util.Objects;

/**
 * The body of a {@code failure-report} envelope (docs/contracts.md, {@code slice}): the RP cannot
 * run its part of a slice.
 *
 * @param sliceId the slice
 * @param category the failed category when the RP won exactly one; {@code null} (left out) else
 * @param reason what failed, at most {@value #MAX_REASON} characters (longer ones are cut)
 */
public record FailureReport(String sliceId, String category, String reason) {

  /** The longest reason the ledger takes. */
  public static final int MAX_REASON = 512;

  /** Checks for nulls and cuts the reason to {@value #MAX_REASON} characters. */
  public FailureReport {
    Objects.requireNonNull(sliceId, "sliceId");
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      reason = "unknown failure";
    }
    if (reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON - 1) + "…";
    }
  }
}
