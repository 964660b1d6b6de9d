package io.sfsbroker.protocol.multiflow;

import java.util.Objects;

/**
 * The body of the {@code service-confirmation} envelope by which a fog node confirms that its
 * application's flows are served.
 *
 * @param applicationId the application
 */
public record ApplicationConfirmationBody(String applicationId) {

  /** Checks the id is present. */
  public ApplicationConfirmationBody {
    Objects.requireNonNull(applicationId, "applicationId is missing");
  }
}
