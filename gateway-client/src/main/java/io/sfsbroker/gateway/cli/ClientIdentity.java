package io.sfsbroker.gateway.cli;

/** Which identity of the chosen organisation the CLI acts as. */
enum ClientIdentity {
  /** The organisation's admin: registers participants, mints credits. */
  ADMIN,
  /** An ordinary client of the organisation. */
  USER
}
