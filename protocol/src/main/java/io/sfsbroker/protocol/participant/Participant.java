package io.sfsbroker.protocol.participant;

import io.sfsbroker.protocol.envelope.Envelope;
import java.time.Instant;
import java.util.Objects;

/**
 * A registered device or provider, stored under {@code participant~<id>}.
 *
 * @param id unique participant id, the {@code iss} of the envelopes it signs
 * @param role what it is
 * @param org the MSP id of the organisation whose admin registered it
 * @param publicKeyPem its P-256 public key, as a {@code PUBLIC KEY} PEM block
 * @param status whether it may sign
 * @param registeredAt the transaction time of its registration
 * @param revokedAt the transaction time of its revocation; {@code null} while active
 */
public record Participant(
    String id,
    ParticipantRole role,
    String org,
    String publicKeyPem,
    ParticipantStatus status,
    Instant registeredAt,
    Instant revokedAt) {

  /** Checks that the record is complete and consistent. */
  public Participant {
    Objects.requireNonNull(id, "id");
    if (!Envelope.SIGNER_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("invalid participant id " + id);
    }
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(publicKeyPem, "publicKeyPem");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(registeredAt, "registeredAt");
    if ((status == ParticipantStatus.REVOKED) != (revokedAt != null)) {
      throw new IllegalArgumentException("revokedAt is set exactly when the status is REVOKED");
    }
  }

  /** Tells whether the participant may sign. */
  public boolean isActive() {
    return status == ParticipantStatus.ACTIVE;
  }

  /** Returns this participant revoked at {@code time}. */
  public Participant revoked(final Instant time) {
    return new Participant(
        id, role, org, publicKeyPem, ParticipantStatus.REVOKED, registeredAt, time);
  }
}
