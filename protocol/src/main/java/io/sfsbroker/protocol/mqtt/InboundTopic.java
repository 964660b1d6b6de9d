package io.sfsbroker.protocol.mqtt;

import java.util.Objects;

/**
 * A parsed uplink topic {@code sfsb/v1/in/<deviceId>/<kind>}.
 *
 * @param deviceId the device the broker let publish there (its certificate's CN)
 * @param uplink what kind of message the topic carries
 */
public record InboundTopic(String deviceId, Uplink uplink) {

  /** Checks the fields. */
  public InboundTopic {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(uplink, "uplink");
  }

  /** The topic name. */
  public String topic() {
    return Topics.uplink(deviceId, uplink);
  }
}
