package io.sfsbroker.protocol.event;

import io.sfsbroker.protocol.catalog.BrokerConfig;
import io.sfsbroker.protocol.catalog.ServiceClass;
import io.sfsbroker.protocol.credit.CreditTransfer;
import io.sfsbroker.protocol.credit.TreasuryConfig;
import io.sfsbroker.protocol.envelope.EnvelopeConfig;
import io.sfsbroker.protocol.governance.Proposal;
import io.sfsbroker.protocol.multiflow.Application;
import io.sfsbroker.protocol.multiflow.ApplicationSelection;
import io.sfsbroker.protocol.multiflow.FlowBid;
import io.sfsbroker.protocol.nft.ApprovalEvent;
import io.sfsbroker.protocol.nft.ApprovalForAllEvent;
import io.sfsbroker.protocol.nft.TransferEvent;
import io.sfsbroker.protocol.offer.OfferReceived;
import io.sfsbroker.protocol.participant.Participant;
import io.sfsbroker.protocol.request.Blueprint;
import io.sfsbroker.protocol.selection.SelectionFailed;
import io.sfsbroker.protocol.selection.SelectionUnfunded;
import io.sfsbroker.protocol.selection.SliceAwarded;
import io.sfsbroker.protocol.slice.PartConfirmation;
import io.sfsbroker.protocol.slice.Slice;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every chaincode event of the broker: its name on the wire (what the chaincode passes to {@code
 * setEvent}, what the bridge relays as a {@link io.sfsbroker.protocol.mqtt.Notice}'s {@code event})
 * and the record its JSON payload decodes to. The chaincode emits only these; the bridge, the
 * agents and the CLI read only these. The wire names never change once published; add new events at
 * the end.
 *
 * <p>The payloads of the auction's events are records of the chaincode's {@code auction} package,
 * built from the market module's auction types, which this module does not know: {@link
 * #payloadType()} is empty for them (read them as JSON).
 */
public enum EventName {
  /** A participant was registered; payload the {@link Participant}. */
  PARTICIPANT_REGISTERED("ParticipantRegistered", Participant.class),
  /** A participant was revoked; payload the revoked {@link Participant}. */
  PARTICIPANT_REVOKED("ParticipantRevoked", Participant.class),
  /**
   * The envelope settings changed (a governance proposal was applied); payload the new {@link
   * EnvelopeConfig}.
   */
  ENVELOPE_CONFIGURED("EnvelopeConfigured", EnvelopeConfig.class),
  /**
   * A service class was stored (a governance proposal was applied); payload the stored {@link
   * ServiceClass}.
   */
  SERVICE_CLASS_SET("ServiceClassSet", ServiceClass.class),
  /**
   * The broker's settings changed (a governance proposal was applied); payload the new {@link
   * BrokerConfig}.
   */
  BROKER_CONFIGURED("BrokerConfigured", BrokerConfig.class),
  /**
   * A slice request was stored and its blueprint published (step 4); payload the {@link Blueprint}.
   */
  BLUEPRINT_PUBLISHED("BlueprintPublished", Blueprint.class),
  /** An offer was stored (step 7); payload an {@link OfferReceived}. */
  OFFER_RECEIVED("OfferReceived", OfferReceived.class),
  /** The selection formed a slice (steps 8–9); payload a {@link SliceAwarded}. */
  SLICE_AWARDED("SliceAwarded", SliceAwarded.class),
  /** The selection could not form a slice (step 8); payload a {@link SelectionFailed}. */
  SELECTION_FAILED("SelectionFailed", SelectionFailed.class),
  /** The tenant cannot pay for the winners (step 8); payload a {@link SelectionUnfunded}. */
  SELECTION_UNFUNDED("SelectionUnfunded", SelectionUnfunded.class),
  /**
   * A winner confirmed its part, others are missing (step 10); payload a {@link PartConfirmation}.
   */
  INSTANTIATION_CONFIRMED("InstantiationConfirmed", PartConfirmation.class),
  /** Every part is confirmed (steps 10–11); payload the {@code ACTIVE} {@link Slice}. */
  SLICE_READY("SliceReady", Slice.class),
  /** The fog node confirmed service (step 12); payload the {@code IN_SERVICE} {@link Slice}. */
  SLICE_IN_SERVICE("SliceInService", Slice.class),
  /** A part failed; payload the {@code FAILED} {@link Slice}. */
  SLICE_FAILED("SliceFailed", Slice.class),
  /** A confirmation did not come in time; payload the {@code TIMED_OUT} {@link Slice}. */
  SLICE_TIMED_OUT("SliceTimedOut", Slice.class),
  /** The slice ended normally; payload the {@code DECOMMISSIONED} {@link Slice}. */
  SLICE_DECOMMISSIONED("SliceDecommissioned", Slice.class),
  /** A multi-flow application was requested; payload the {@code OPEN} {@link Application}. */
  APPLICATION_OPENED("ApplicationOpened", Application.class),
  /** A flow bid was stored; payload the {@link FlowBid}. */
  FLOW_BID_RECEIVED("FlowBidReceived", FlowBid.class),
  /** Flows of an application were bought; payload the {@link ApplicationSelection}. */
  APPLICATION_AWARDED("ApplicationAwarded", ApplicationSelection.class),
  /** No flow was bought; payload the {@code FAILED} {@link Application}. */
  APPLICATION_FAILED("ApplicationFailed", Application.class),
  /** The tenant confirmed its flows; payload the {@code IN_SERVICE} {@link Application}. */
  APPLICATION_IN_SERVICE("ApplicationInService", Application.class),
  /** The confirmation did not come in time; payload the {@code TIMED_OUT} {@link Application}. */
  APPLICATION_TIMED_OUT("ApplicationTimedOut", Application.class),
  /** The holder of its token released it; payload the {@code RELEASED} {@link Application}. */
  APPLICATION_RELEASED("ApplicationReleased", Application.class),
  /** A token changed owner, was minted or burned; payload a {@link TransferEvent}. */
  TRANSFER("Transfer", TransferEvent.class),
  /** A token's approval changed; payload an {@link ApprovalEvent}. */
  APPROVAL("Approval", ApprovalEvent.class),
  /** An operator was approved or revoked; payload an {@link ApprovalForAllEvent}. */
  APPROVAL_FOR_ALL("ApprovalForAll", ApprovalForAllEvent.class),
  /**
   * The treasury organisations changed (a governance proposal was applied); payload the {@link
   * TreasuryConfig}.
   */
  TREASURY_CONFIGURED("TreasuryConfigured", TreasuryConfig.class),
  /** Credits were minted; payload a {@link CreditTransfer} with {@code from} left out. */
  CREDITS_MINTED("CreditsMinted", CreditTransfer.class),
  /** Credits moved between accounts; payload a {@link CreditTransfer}. */
  CREDITS_TRANSFERRED("CreditsTransferred", CreditTransfer.class),
  /** An auction opened; payload the auction contract's {@code AuctionOpened}. */
  AUCTION_OPENED("AuctionOpened", null),
  /** A round closed without settling; payload the auction contract's {@code RoundClosed}. */
  ROUND_CLOSED("RoundClosed", null),
  /** The auction settled; payload the auction contract's {@code AuctionAllocation}. */
  AUCTION_SETTLED("AuctionSettled", null),
  /** A group's confirmation paid a Planet; payload an {@code AllocationSettlement}. */
  ALLOCATION_CONFIRMED("AllocationConfirmed", null),
  /** A Planet's failure report refunded a group; payload an {@code AllocationSettlement}. */
  ALLOCATION_REFUNDED("AllocationRefunded", null),
  /** {@code probe:record} stored a note; the payload is the note as plain text, not JSON. */
  PROBE_RECORDED("ProbeRecorded", String.class),
  /** A group consented to an auction; payload the auction contract's {@code AuctionConsent}. */
  AUCTION_OPTED_IN("AuctionOptedIn", null),
  /**
   * An allocation escrow past its deadline was refunded; payload an {@code AllocationSettlement}.
   */
  ALLOCATION_EXPIRED("AllocationExpired", null),
  /** An admin proposed a change of a setting; payload the {@code OPEN} {@link Proposal}. */
  CHANGE_PROPOSED("ChangeProposed", Proposal.class),
  /** Another organisation's admin approved a proposal; payload the {@link Proposal}. */
  CHANGE_APPROVED("ChangeApproved", Proposal.class),
  /** The proposer's organisation withdrew a proposal; payload the {@code WITHDRAWN} proposal. */
  CHANGE_WITHDRAWN("ChangeWithdrawn", Proposal.class);

  private final String wireName;
  private final Class<?> payloadType;

  EventName(final String wireName, final Class<?> payloadType) {
    this.wireName = wireName;
    this.payloadType = payloadType;
  }

  /** The name carried on the wire, such as {@code SliceReady}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The record the payload decodes to (with {@link io.sfsbroker.protocol.Json}); {@link String} for
   * {@link #PROBE_RECORDED}, whose payload is plain text; empty for the auction's events.
   */
  public Optional<Class<?>> payloadType() {
    return Optional.ofNullable(payloadType);
  }

  /** Finds the event with wire name {@code name}. */
  public static Optional<EventName> fromWireName(final String name) {
    return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
