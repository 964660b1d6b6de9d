package io.sfsbroker.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.protocol.slice.Slice;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventNameTest {

  /** The published names: a change here breaks every device and bridge in the field. */
  @Test
  void wireNames_areThePublishedOnes() {
    assertThat(Arrays.stream(EventName.values()).map(EventName::wireName))
        .containsExactly(
            "ParticipantRegistered",
            "ParticipantRevoked",
            "EnvelopeConfigured",
            "ServiceClassSet",
            "BrokerConfigured",
            "BlueprintPublished",
            "OfferReceived",
            "SliceAwarded",
            "SelectionFailed",
            "SelectionUnfunded",
            "InstantiationConfirmed",
            "SliceReady",
            "SliceInService",
            "SliceFailed",
            "SliceTimedOut",
            "SliceDecommissioned",
            "ApplicationOpened",
            "FlowBidReceived",
            "ApplicationAwarded",
            "ApplicationFailed",
            "ApplicationInService",
            "ApplicationTimedOut",
            "ApplicationReleased",
            "Transfer",
            "Approval",
            "ApprovalForAll",
            "TreasuryConfigured",
            "CreditsMinted",
            "CreditsTransferred",
            "AuctionOpened",
            "RoundClosed",
            "AuctionSettled",
            "AllocationConfirmed",
            "AllocationRefunded",
            "ProbeRecorded",
            "AuctionOptedIn",
            "AllocationExpired",
            "ChangeProposed",
            "ChangeApproved",
            "ChangeWithdrawn");
  }

  @Test
  void fromWireName_findsEachEventAndNothingElse() {
    for (EventName event : EventName.values()) {
      assertThat(EventName.fromWireName(event.wireName())).contains(event);
    }
    assertThat(EventName.fromWireName("sliceReady")).isEmpty();
    assertThat(EventName.fromWireName(null)).isEmpty();
  }

  @Test
  void sliceEvents_carryTheSliceRecord() {
    assertThat(EventName.SLICE_READY.payloadType()).contains(Slice.class);
    assertThat(EventName.AUCTION_SETTLED.payloadType()).isEmpty();
    assertThat(EventName.PROBE_RECORDED.payloadType()).contains(String.class);
  }

  @Test
  void everyPayloadType_isARecordOrPlainText() {
    for (EventName event : EventName.values()) {
      event
          .payloadType()
          .ifPresent(
              type ->
                  assertThat(type.isRecord() || type == String.class)
                      .as(event.wireName() + " carries " + type)
                      .isTrue());
    }
  }
}
