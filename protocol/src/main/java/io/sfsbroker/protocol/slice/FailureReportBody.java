package io.sfsbroker.protocol.slice;

import io.sfsbroker.protocol.catalog.Names;

/**
 * The body of a {@code failure-report} envelope: a winning RP (or the tenant) reports that the
 * slice, or a part of it, failed.
 *
 * @param sliceId the slice
 * @param category the failed category, when one part failed; may be left out
 * @param reason what failed, 1 to {@value #MAX_REASON} characters
 */
public record FailureReportBody(String sliceId, String category, String reason) {

  /** The longest reason. */
  public static final int MAX_REASON = 512;

  /** Checks that the body is complete. */
  public FailureReportBody {
    if (sliceId == null || sliceId.isBlank()) {
      throw new IllegalArgumentException("sliceId is missing");
    }
    if (category != null) {
      Names.require("category", category);
    }
    if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
      throw new IllegalArgumentException("reason must be 1 to " + MAX_REASON + " characters");
    }
  }

  /**
   * A report whose {@code reason} is made to fit: a blank one becomes {@code unknown failure}, a
   * longer one is cut to {@value #MAX_REASON} characters ending in {@code …}.
   */
  public static FailureReportBody fitting(
      final String sliceId, final String category, final String reason) {
    String text = reason == null || reason.isBlank() ? "unknown failure" : reason;
    if (text.length() > MAX_REASON) {
      text = text.substring(0, MAX_REASON - 1) + "…";
    }
    return new FailureReportBody(sliceId, category, text);
  }
}
