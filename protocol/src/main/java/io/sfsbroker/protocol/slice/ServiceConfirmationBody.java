package io.sfsbroker.protocol.slice;

/**
 * The body of a {@code service-confirmation} envelope, signed by the fog node that requested the
 * slice.
 *
 * @param sliceId the slice
 * @param status {@code RECEIVED} (the default) to confirm service ({@code slice:confirmService});
 *     {@code RELEASED} to release the slice ({@code slice:decommission})
 */
public record ServiceConfirmationBody(String sliceId, Status status) {

  /** What the fog node confirms. */
  public enum Status {
    /** It received the slice and reaches its services. */
    RECEIVED,
    /** It no longer needs the slice: decommission it. */
    RELEASED
  }

  /** Checks that the slice id is present; a missing status is {@code RECEIVED}. */
  public ServiceConfirmationBody {
    if (sliceId == null || sliceId.isBlank()) {
      throw new IllegalArgumentException("sliceId is missing");
    }
    status = status == null ? Status.RECEIVED : status;
  }
}
