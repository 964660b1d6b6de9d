package io.sfsbroker.protocol.mqtt;

import io.sfsbroker.protocol.envelope.Envelope;
import java.util.Objects;
import java.util.Optional;

/**
 * The MQTT topic names of protocol version 1 (docs/protocol.md), built and parsed in one place.
 *
 * <pre>
 * sfsb/v1/in/&lt;deviceId&gt;/&lt;uplink&gt;        device → bridge (signed envelopes)
 * sfsb/v1/out/&lt;deviceId&gt;/&lt;downlink&gt;     bridge → one device (receipts, awards, handovers)
 * sfsb/v1/broadcast/&lt;role&gt;/&lt;kind&gt;       bridge → every device of a role (blueprints to RPs)
 * </pre>
 *
 * <p>Device ids are participant ids ({@link Envelope#SIGNER_ID}), so they never hold the MQTT
 * separators or wildcards {@code / + #}.
 */
public final class Topics {

  /** The root of every topic of this protocol version. */
  public static final String ROOT = "sfsb/v1";

  /** The filter the bridge subscribes to: every uplink of every device. */
  public static final String ALL_UPLINKS = ROOT + "/in/+/+";

  /** Where the bridge publishes every new blueprint, for all resource providers. */
  public static final String BLUEPRINTS = ROOT + "/broadcast/rp/blueprint";

  /** Where the bridge publishes every new multi-flow application, for all operators. */
  public static final String APPLICATIONS = ROOT + "/broadcast/rp/application";

  /** The last level of a device's query topic (not an envelope: see {@link #query}). */
  public static final String QUERY_LEVEL = "query";

  /** The role levels of broadcast topics, as in the device certificates' OU. */
  public static final String ROLE_FOG_NODE = "fog-node";

  /** The role level of resource providers. */
  public static final String ROLE_RP = "rp";

  private Topics() {}

  /**
   * The filter bridges that share the device traffic subscribe to: {@link #ALL_UPLINKS} in the MQTT
   * shared subscription {@code group} ({@code $share/<group>/sfsb/v1/in/+/+}), so that the broker
   * delivers each uplink to one bridge of the group.
   *
   * @param group 1-64 of {@code A-Z a-z 0-9 . _ -}
   * @throws IllegalArgumentException for another group name
   */
  public static String sharedUplinks(final String group) {
    Objects.requireNonNull(group, "group");
    if (!group.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "a share group is 1-64 of A-Z a-z 0-9 . _ -, not '" + group + "'");
    }
    return "$share/" + group + "/" + ALL_UPLINKS;
  }

  /** The uplink topic of {@code deviceId} for {@code uplink}. */
  public static String uplink(final String deviceId, final Uplink uplink) {
    Objects.requireNonNull(uplink, "uplink");
    return ROOT + "/in/" + checkDevice(deviceId) + "/" + uplink.level();
  }

  /** The downlink topic of {@code deviceId} for {@code downlink}. */
  public static String downlink(final String deviceId, final Downlink downlink) {
    Objects.requireNonNull(downlink, "downlink");
    return ROOT + "/out/" + checkDevice(deviceId) + "/" + downlink.level();
  }

  /** The filter a device subscribes to for everything addressed to it. */
  public static String allDownlinks(final String deviceId) {
    return ROOT + "/out/" + checkDevice(deviceId) + "/#";
  }

  /**
   * The topic a device asks the bridge on about its own slices: {@code {"nonce": "…", "sliceIds":
   * […]}}, answered on its {@link Downlink#QUERY} topic. A query is not signed: it reads only, and
   * the broker has authenticated the device by its certificate.
   */
  public static String query(final String deviceId) {
    return ROOT + "/in/" + checkDevice(deviceId) + "/" + QUERY_LEVEL;
  }

  /** The device id of a query topic; empty for any other topic. */
  public static Optional<String> parseQuery(final String topic) {
    if (topic == null || !topic.startsWith(ROOT + "/in/")) {
      return Optional.empty();
    }
    String[] levels = topic.substring(ROOT.length() + 4).split("/", -1);
    if (levels.length != 2
        || !levels[1].equals(QUERY_LEVEL)
        || !Envelope.SIGNER_ID.matcher(levels[0]).matches()) {
      return Optional.empty();
    }
    return Optional.of(levels[0]);
  }

  /**
   * Parses an uplink topic; empty for anything else (another version, an unknown kind, a device id
   * that is not a participant id, extra levels).
   */
  public static Optional<InboundTopic> parseUplink(final String topic) {
    if (topic == null || !topic.startsWith(ROOT + "/in/")) {
      return Optional.empty();
    }
    String[] levels = topic.substring(ROOT.length() + 4).split("/", -1);
    if (levels.length != 2 || !Envelope.SIGNER_ID.matcher(levels[0]).matches()) {
      return Optional.empty();
    }
    return Uplink.fromLevel(levels[1]).map(u -> new InboundTopic(levels[0], u));
  }

  private static String checkDevice(final String deviceId) {
    Objects.requireNonNull(deviceId, "deviceId");
    if (!Envelope.SIGNER_ID.matcher(deviceId).matches()) {
      throw new IllegalArgumentException(
          "a device id is 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit, not '"
              + deviceId
              + "'");
    }
    return deviceId;
  }
}
