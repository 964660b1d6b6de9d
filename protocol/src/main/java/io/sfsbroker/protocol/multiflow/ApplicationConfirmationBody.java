package io.sfsbroker.protocol.multiflow;

import io.sfsbroker.protocol.slice.ServiceConfirmationBody.Status;
import java.util.Objects;

/**
 * The body of the {@code service-confirmation} envelope by which the holder of an application's
 * token confirms that its flows are served, or releases the application.
 *
 * @param applicationId the application
 * @param status {@code RECEIVED} (the default) to confirm service ({@code
 *     multiflow:confirmApplication}); {@code RELEASED} to release it ({@code
 *     multiflow:releaseApplication})
 */
public record ApplicationConfirmationBody(String applicationId, Status status) {

  /** Checks the id is present; a missing status is {@code RECEIVED}. */
  public ApplicationConfirmationBody {
    Objects.requireNonNull(applicationId, "applicationId is missing");
    status = status == null ? Status.RECEIVED : status;
  }

  /** A confirmation of service ({@code RECEIVED}) of {@code applicationId}. */
  public ApplicationConfirmationBody(final String applicationId) {
    this(applicationId, Status.RECEIVED);
  }
}
