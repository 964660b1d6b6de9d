package io.sfsbroker.protocol.participant;

/** Whether a participant may sign. */
public enum ParticipantStatus {
  /** Registered; its signed messages are accepted. */
  ACTIVE,
  /** Revoked by its organisation's admin; nothing it signs is accepted any more. Final. */
  REVOKED
}
