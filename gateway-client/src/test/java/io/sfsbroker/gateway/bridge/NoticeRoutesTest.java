package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.multiflow.Application;
import io.sfsbroker.protocol.multiflow.ApplicationSelection;
import io.sfsbroker.protocol.multiflow.ApplicationState;
import io.sfsbroker.protocol.multiflow.FlowBid;
import io.sfsbroker.protocol.multiflow.FlowOutcome;
import io.sfsbroker.protocol.multiflow.ScoredBid;
import io.sfsbroker.protocol.selection.SelectionFailed;
import io.sfsbroker.protocol.selection.SliceAwarded;
import io.sfsbroker.protocol.selection.Winner;
import io.sfsbroker.protocol.slice.Slice;
import io.sfsbroker.protocol.slice.SliceState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeRoutesTest {

  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  private static List<NoticeRoutes.Message> route(final EventName event, final Object payload) {
    return NoticeRoutes.of(
        event.wireName(), "tx-1", 7, Json.toJson(payload).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> topics(final List<NoticeRoutes.Message> messages) {
    return messages.stream().map(NoticeRoutes.Message::topic).toList();
  }

  private static Slice slice(final SliceState state, final List<Winner> winners) {
    Slice offering = Slice.offering("s-1", "fog-1", "Org1MSP", NOW, NOW.plusSeconds(8), 600);
    return new Slice(
        offering.id(),
        offering.tenantId(),
        offering.tenantOrg(),
        state,
        offering.createdAt(),
        offering.offerDeadline(),
        offering.validitySeconds(),
        winners,
        0,
        false,
        null,
        null,
        null,
        List.of(),
        "",
        NOW);
  }

  @Test
  void sliceAwarded_goesToEachWinnerOnce_thenToTheTenant() {
    SliceAwarded award =
        new SliceAwarded(
            "s-1",
            "fog-1",
            "stackelberg",
            List.of(
                new Winner("memory-mib", "rp-b", 1, 10, 10),
                new Winner("cpu-millicores", "rp-a", 2, 5, 10),
                new Winner("storage-gib", "rp-b", 1, 1, 1)),
            21,
            true,
            "digest",
            NOW.plusSeconds(60));

    List<NoticeRoutes.Message> messages = route(EventName.SLICE_AWARDED, award);

    assertThat(topics(messages))
        .containsExactly(
            "sfsb/v1/out/rp-a/award", "sfsb/v1/out/rp-b/award", "sfsb/v1/out/fog-1/status");
    Notice notice = Json.fromJson(messages.get(0).payload(), Notice.class);
    assertThat(notice.event()).isEqualTo("SliceAwarded");
    assertThat(notice.transactionId()).isEqualTo("tx-1");
    assertThat(notice.blockNumber()).isEqualTo(7);
    assertThat(notice.payloadAs(SliceAwarded.class)).isEqualTo(award);
  }

  @Test
  void blueprint_goesToTheRpBroadcastOnly() {
    List<NoticeRoutes.Message> messages =
        NoticeRoutes.of(
            "BlueprintPublished", "tx-1", 7, "{\"id\":\"s-1\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(topics(messages)).containsExactly("sfsb/v1/broadcast/rp/blueprint");
  }

  @Test
  void sliceReady_goesToTheTenantsSliceTopic() {
    assertThat(topics(route(EventName.SLICE_READY, slice(SliceState.ACTIVE, List.of()))))
        .containsExactly("sfsb/v1/out/fog-1/slice");
  }

  @Test
  void sliceEnded_goesToEveryWinnersStatus_soTheyStopTheirContainers() {
    Slice ended =
        slice(
            SliceState.DECOMMISSIONED,
            List.of(
                new Winner("cpu-millicores", "rp-a", 2, 5, 10),
                new Winner("memory-mib", "rp-a", 1, 10, 10)));

    assertThat(topics(route(EventName.SLICE_DECOMMISSIONED, ended)))
        .containsExactly("sfsb/v1/out/rp-a/status", "sfsb/v1/out/fog-1/status");
  }

  @Test
  void sliceReady_ofASliceHeldByAnotherFogNode_goesToTheTenantThenTheHolder() {
    Slice ready = slice(SliceState.ACTIVE, List.of()).heldBy("fog-2");

    assertThat(topics(route(EventName.SLICE_READY, ready)))
        .containsExactly("sfsb/v1/out/fog-1/slice", "sfsb/v1/out/fog-2/slice");
  }

  @Test
  void sliceEnded_ofASliceHeldByAnotherFogNode_alsoGoesToTheHolder() {
    Slice ended =
        slice(SliceState.DECOMMISSIONED, List.of(new Winner("cpu-millicores", "rp-a", 2, 5, 10)))
            .heldBy("fog-2");

    assertThat(topics(route(EventName.SLICE_DECOMMISSIONED, ended)))
        .containsExactly(
            "sfsb/v1/out/rp-a/status", "sfsb/v1/out/fog-1/status", "sfsb/v1/out/fog-2/status");
    assertThat(topics(route(EventName.SLICE_TIMED_OUT, ended)))
        .contains("sfsb/v1/out/fog-2/status");
  }

  @Test
  void sliceEnded_heldByItsTenant_goesToTheTenantOnce() {
    Slice ended = slice(SliceState.FAILED, List.of()).heldBy("fog-1");

    assertThat(topics(route(EventName.SLICE_FAILED, ended)))
        .containsExactly("sfsb/v1/out/fog-1/status");
  }

  @Test
  void applicationReleased_ofAnApplicationHeldByAnotherFogNode_goesToBoth() {
    Application released =
        new Application(
                "m-1", "fog-1", List.of(), ApplicationState.RELEASED, NOW, NOW, 5, null, "", NOW)
            .heldBy("fog-2");

    assertThat(topics(route(EventName.APPLICATION_RELEASED, released)))
        .containsExactly("sfsb/v1/out/fog-1/status", "sfsb/v1/out/fog-2/status");
  }

  @Test
  void selectionFailed_goesToTheTenantOnly() {
    SelectionFailed failed =
        new SelectionFailed("s-1", "fog-1", "FAILED", "no offers", List.of("cpu-millicores"), "d");

    assertThat(topics(route(EventName.SELECTION_FAILED, failed)))
        .containsExactly("sfsb/v1/out/fog-1/status");
  }

  @Test
  void applicationAwarded_goesToTheBiddersOfServedFlows_notToUnservedOnes() {
    FlowBid bid = new FlowBid("rp-a", "f1", "t0", 1000, 1000, 0, 5);
    ApplicationSelection selection =
        new ApplicationSelection(
            "a-1",
            "fog-1",
            List.of(
                new FlowOutcome("f1", "t0", new ScoredBid(bid, 1, 1, 1, 1, 1, true), 1, null),
                new FlowOutcome("f2", "t0", null, 0, "no bid")),
            5,
            1,
            NOW,
            "tx-0");

    assertThat(topics(route(EventName.APPLICATION_AWARDED, selection)))
        .containsExactly("sfsb/v1/out/rp-a/award", "sfsb/v1/out/fog-1/status");
  }

  @Test
  void eventsNoDeviceHears_becomeNothing() {
    byte[] payload = "{\"rpId\":\"rp-a\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(NoticeRoutes.of("OfferReceived", "tx-1", 7, payload)).isEmpty();
    assertThat(NoticeRoutes.of("SomethingNew", "tx-1", 7, payload)).isEmpty();
  }

  @Test
  void aPayloadThatIsNotJson_isRefused() {
    assertThatThrownBy(
            () ->
                NoticeRoutes.of(
                    "SliceReady", "tx-1", 7, "not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
