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
  /** To the fog node: other steps of its request ({@code SelectionFailed}, {@code SliceFailed}). */
  STATUS("status");

  private final String level;

  Downlink(final String level) {
    this.level = level;
  }

  /** The topic level, e.g. {@code receipt}. */
  public String level() {
    return level;
  }
}
