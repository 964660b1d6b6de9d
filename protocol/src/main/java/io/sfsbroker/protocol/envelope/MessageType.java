package io.sfsbroker.protocol.envelope;

import com.google.gson.annotations.SerializedName;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of signed device message. The wire name is what the {@code msg} claim of an envelope
 * carries and never changes once published; add new kinds at the end.
 */
public enum MessageType {
  /** A fog node asks for a slice (flow step 1, docs/flow.md). */
  @SerializedName("slice-request")
  SLICE_REQUEST("slice-request"),
  /** A resource provider offers resources for a published blueprint (step 6). */
  @SerializedName("offer")
  OFFER("offer"),
  /** A winning resource provider reports that its part of the slice runs (step 9). */
  @SerializedName("instantiation-confirmation")
  INSTANTIATION_CONFIRMATION("instantiation-confirmation"),
  /** The fog node confirms that it received and can reach its slice (step 12). */
  @SerializedName("service-confirmation")
  SERVICE_CONFIRMATION("service-confirmation"),
  /** A fog node or resource provider reports that a slice, or its part of one, failed. */
  @SerializedName("failure-report")
  FAILURE_REPORT("failure-report"),
  /** The owner of a resource token transfers it. */
  @SerializedName("nft-transfer")
  NFT_TRANSFER("nft-transfer"),
  /** A tenant asks for a multi-flow application. */
  @SerializedName("application-request")
  APPLICATION_REQUEST("application-request"),
  /** An operator bids for one flow of an application. */
  @SerializedName("flow-bid")
  FLOW_BID("flow-bid"),
  /** A user group bids in a round of the resource auction. */
  @SerializedName("auction-bid")
  AUCTION_BID("auction-bid"),
  /** A user group confirms that a Planet provides the resources the group won in an auction. */
  @SerializedName("allocation-confirmation")
  ALLOCATION_CONFIRMATION("allocation-confirmation"),
  /** A Planet reports that it cannot provide a group the resources the group won in an auction. */
  @SerializedName("allocation-failure")
  ALLOCATION_FAILURE("allocation-failure"),
  /** A user group agrees to take part in an auction, on the terms the auction was opened with. */
  @SerializedName("auction-opt-in")
  AUCTION_OPT_IN("auction-opt-in");

  private final String wireName;

  MessageType(final String wireName) {
    this.wireName = wireName;
  }

  /** Returns the name carried on the wire, such as {@code slice-request}. */
  public String wireName() {
    return wireName;
  }

  /** Finds the type with the given wire name. */
  public static Optional<MessageType> fromWireName(final String wireName) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
