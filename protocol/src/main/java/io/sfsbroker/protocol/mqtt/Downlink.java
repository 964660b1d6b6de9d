package io.sfsbroker.protocol.mqtt;

/**
 * What the bridge sends to one device: the last level of its downlink topic {@code
 * sfsb/v1/out/<deviceId>/<kind>}.
 */
public enum Downlink {
  /** The {@link Receipt} of each message the device sent. */
  RECEIPT("receipt"),
  /** To each winning resource provider: the {@code SliceAwarded} notice. */
  AWARD("award"),
  /** To the fog node: the {@code SliceReady} handover with the slice's endpoints. */
  SLICE("slice"),
  /**
   * Other steps of a request: to the fog node ({@code SelectionFailed}, {@code SliceFailed}, …),
   * and the end of a slice ({@code SliceFailed}, {@code SliceTimedOut}, {@code
   * SliceDecommissioned}) to each winning RP too.
   */
  STATUS("status"),
  /** The bridge's answer to a device's {@link Topics#query query} of its slices' states. */
  QUERY("query");

  private final String level;

  Downlink(final String level) {
    this.level = level;
  }

  /** The topic level, e.g. {@code receipt}. */
  public String level() {
    return level;
  }
}
