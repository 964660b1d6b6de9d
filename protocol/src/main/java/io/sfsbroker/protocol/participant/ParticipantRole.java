package io.sfsbroker.protocol.participant;

/** What a participant is, which decides the messages it may sign. Add new roles at the end. */
public enum ParticipantRole {
  /** A fog node that asks for slices on behalf of IoT tenants. */
  FOG_NODE,
  /** A resource provider (mobile operator, local 5G operator, edge or cloud provider). */
  RESOURCE_PROVIDER,
  /** An edge server ("planet") that sells resources in the auction. */
  PLANET,
  /** A group of users that bids in the auction. */
  USER_GROUP
}
