package io.sfsbroker.protocol.mqtt;

import io.sfsbroker.protocol.envelope.MessageType;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a device sends to the bridge: the last level of its uplink topic {@code
 * sfsb/v1/in/<deviceId>/<kind>} and the envelope type that topic carries.
 */
public enum Uplink {
  /** A fog node's slice request. */
  REQUEST("request", MessageType.SLICE_REQUEST),
  /** A resource provider's offer for a blueprint. */
  OFFER("offer", MessageType.OFFER),
  /** A winning resource provider's instantiation confirmation. */
  INSTANTIATION("instantiation", MessageType.INSTANTIATION_CONFIRMATION),
  /** A fog node's service confirmation (status {@code RECEIVED}). */
  SERVICE("service", MessageType.SERVICE_CONFIRMATION),
  /**
   * A fog node's request to end its slice (a service confirmation with status {@code RELEASED}).
   */
  DECOMMISSION("decommission", MessageType.SERVICE_CONFIRMATION),
  /** A failure report of a winner or of the slice's fog node. */
  FAILURE("failure", MessageType.FAILURE_REPORT),
  /** A fog node's multi-flow application request. */
  APPLICATION("application", MessageType.APPLICATION_REQUEST),
  /** A fog node's confirmation that its multi-flow application is served. */
  APPLICATION_SERVICE("application-service", MessageType.SERVICE_CONFIRMATION),
  /**
   * A fog node's release of a multi-flow application whose token it holds (a service confirmation
   * with status {@code RELEASED}).
   */
  APPLICATION_RELEASE("application-release", MessageType.SERVICE_CONFIRMATION),
  /**
   * A device's action on tokens it holds ({@code nft:applySigned}): transfer, approve, operator,
   * burn; a slice or application is handed over by transferring its tokens.
   */
  TOKEN("token", MessageType.NFT_TRANSFER),
  /** An operator's bid for one flow of an application in one interval. */
  FLOW_BID("flow-bid", MessageType.FLOW_BID);

  private final String level;
  private final MessageType messageType;

  Uplink(final String level, final MessageType messageType) {
    this.level = level;
    this.messageType = messageType;
  }

  /** The topic level, e.g. {@code request}. */
  public String level() {
    return level;
  }

  /** The envelope type a message on this topic must have. */
  public MessageType messageType() {
    return messageType;
  }

  /** The uplink with the given topic level, if there is one. */
  public static Optional<Uplink> fromLevel(final String level) {
    Objects.requireNonNull(level, "level");
    return Arrays.stream(values()).filter(u -> u.level.equals(level)).findFirst();
  }
}
