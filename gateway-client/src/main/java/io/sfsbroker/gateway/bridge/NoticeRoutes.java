package io.sfsbroker.gateway.bridge;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.mqtt.Downlink;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.multiflow.Application;
import io.sfsbroker.protocol.multiflow.ApplicationSelection;
import io.sfsbroker.protocol.multiflow.FlowOutcome;
import io.sfsbroker.protocol.selection.SelectionFailed;
import io.sfsbroker.protocol.selection.SelectionUnfunded;
import io.sfsbroker.protocol.selection.SliceAwarded;
import io.sfsbroker.protocol.selection.Winner;
import io.sfsbroker.protocol.slice.Slice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which MQTT messages a chaincode event becomes (docs/protocol.md, "Notices"): a pure function of
 * the event, so it is tested on its own. Each message carries the same {@link Notice} (the event's
 * name, transaction, block and payload as the chaincode wrote it); the recipients come from the
 * event's payload record ({@link EventName#payloadType()}):
 *
 * <ul>
 *   <li>{@code BlueprintPublished} → every RP ({@link Topics#BLUEPRINTS});
 *   <li>{@code ApplicationOpened} → every RP ({@link Topics#APPLICATIONS}) and the tenant's status;
 *   <li>{@code SliceAwarded}, {@code ApplicationAwarded} → each winner's award topic, then the
 *       tenant's status;
 *   <li>{@code SliceReady} → the tenant's slice topic, then the holder's;
 *   <li>{@code SliceFailed}, {@code SliceTimedOut}, {@code SliceDecommissioned} → each winner's
 *       status (their agents stop the containers), then the tenant's, then the holder's;
 *   <li>{@code SelectionFailed}, {@code SelectionUnfunded}, {@code ApplicationFailed} → the
 *       tenant's status;
 *   <li>{@code ApplicationInService}, {@code ApplicationTimedOut}, {@code ApplicationReleased} →
 *       the tenant's status, then the holder's;
 *   <li>every other event → nothing.
 * </ul>
 *
 * <p>The holder is the fog node that owned the slice's bundle tokens (the application's token) when
 * the event was emitted, as the chaincode names it in the payload ({@code holderId}, {@link
 * Slice#tenantSide()}); it is told only when it is not the tenant. No ledger read is needed: the
 * event says who held the slice before its tokens were burned.
 */
final class NoticeRoutes {

  /**
   * One MQTT message to publish.
   *
   * @param topic where
   * @param payload the notice as JSON
   */
  record Message(String topic, String payload) {

    /** Checks the fields. */
    Message {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(payload, "payload");
    }
  }

  private NoticeRoutes() {}

  /**
   * The messages event {@code eventName} of {@code transactionId} in block {@code blockNumber} with
   * JSON {@code payload} becomes, in the order they are to be published; empty for an event no
   * device hears.
   *
   * @throws IllegalArgumentException when the payload is not the event's record
   */
  static List<Message> of(
      final String eventName,
      final String transactionId,
      final long blockNumber,
      final byte[] payload) {
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(payload, "payload");
    EventName event = EventName.fromWireName(eventName).orElse(null);
    if (event == null || !isRelayed(event)) {
      return List.of();
    }
    JsonObject json;
    try {
      json = Json.parseObject(new String(payload, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(eventName + " carries no JSON object: " + e, e);
    }
    Notice notice = new Notice(1, eventName, transactionId, blockNumber, json);
    Routed routed = new Routed(Json.toJson(notice));
    switch (event) {
      case BLUEPRINT_PUBLISHED -> routed.to(Topics.BLUEPRINTS);
      case APPLICATION_OPENED -> {
        Application application = notice.payloadAs(Application.class);
        routed.to(Topics.APPLICATIONS).toEach(List.of(application.tenantId()), Downlink.STATUS);
      }
      case APPLICATION_AWARDED -> {
        ApplicationSelection selection = notice.payloadAs(ApplicationSelection.class);
        SortedSet<String> winners = new TreeSet<>();
        FlowOutcome.served(selection.outcomes())
            .forEach(o -> winners.add(o.winner().bid().bidderId()));
        routed
            .toEach(winners, Downlink.AWARD)
            .toEach(List.of(selection.tenantId()), Downlink.STATUS);
      }
      case APPLICATION_FAILED,
          APPLICATION_IN_SERVICE,
          APPLICATION_TIMED_OUT,
          APPLICATION_RELEASED ->
          routed.toEach(notice.payloadAs(Application.class).tenantSide(), Downlink.STATUS);
      case SLICE_AWARDED -> {
        SliceAwarded award = notice.payloadAs(SliceAwarded.class);
        routed
            .toEach(rpIds(award.winners()), Downlink.AWARD)
            .toEach(List.of(award.tenantId()), Downlink.STATUS);
      }
      case SLICE_READY -> routed.toEach(notice.payloadAs(Slice.class).tenantSide(), Downlink.SLICE);
      case SELECTION_FAILED ->
          routed.toEach(
              List.of(notice.payloadAs(SelectionFailed.class).tenantId()), Downlink.STATUS);
      case SELECTION_UNFUNDED ->
          routed.toEach(
              List.of(notice.payloadAs(SelectionUnfunded.class).tenantId()), Downlink.STATUS);
      case SLICE_FAILED, SLICE_TIMED_OUT, SLICE_DECOMMISSIONED -> {
        // The winners stop their containers on these.
        Slice slice = notice.payloadAs(Slice.class);
        routed
            .toEach(rpIds(slice.winners()), Downlink.STATUS)
            .toEach(slice.tenantSide(), Downlink.STATUS);
      }
      default -> throw new IllegalStateException("no route for " + event);
    }
    return routed.messages();
  }

  /** Whether any device hears {@code event}. */
  static boolean isRelayed(final EventName event) {
    return switch (event) {
      case BLUEPRINT_PUBLISHED,
          APPLICATION_OPENED,
          APPLICATION_AWARDED,
          APPLICATION_FAILED,
          APPLICATION_IN_SERVICE,
          APPLICATION_TIMED_OUT,
          APPLICATION_RELEASED,
          SLICE_AWARDED,
          SLICE_READY,
          SELECTION_FAILED,
          SELECTION_UNFUNDED,
          SLICE_FAILED,
          SLICE_TIMED_OUT,
          SLICE_DECOMMISSIONED ->
          true;
      default -> false;
    };
  }

  /** The distinct RPs among {@code winners}, in order of their ids. */
  static SortedSet<String> rpIds(final Collection<Winner> winners) {
    SortedSet<String> ids = new TreeSet<>();
    if (winners != null) {
      winners.forEach(w -> ids.add(w.rpId()));
    }
    return ids;
  }

  private static final class Routed {
    private final String notice;
    private final List<Message> messages = new ArrayList<>();

    private Routed(final String notice) {
      this.notice = notice;
    }

    private Routed to(final String topic) {
      messages.add(new Message(topic, notice));
      return this;
    }

    private Routed toEach(final Collection<String> deviceIds, final Downlink downlink) {
      deviceIds.forEach(id -> to(Topics.downlink(id, downlink)));
      return this;
    }

    private List<Message> messages() {
      return List.copyOf(messages);
    }
  }
}
