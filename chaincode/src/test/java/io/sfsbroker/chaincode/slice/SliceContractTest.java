package io.sfsbroker.chaincode.slice;

import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.BrokerFixture.Line;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.slice.SliceState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SliceContractTest {

  private final BrokerFixture broker = new BrokerFixture();
  private final InMemoryLedger ledger = broker.ledger;
  private final SliceContract contract = broker.slices;
  private final TestDevice fog = broker.fogNode("fog-7");
  private final TestDevice rp1 = broker.rp("rp-1");
  private final TestDevice rp2 = broker.rp("rp-2");

  @Test
  void confirmService_aWinnerRevokedSinceTheAward_isNotPaid_theTenantGetsItsShareBack() {
    String id =
        broker
            .request(fog, "{\"serviceClass\":\"digital-twin\",\"budget\":500000}")
            .get("id")
            .getAsString();
    broker.offer(
        rp1,
        id,
        new Line("cpu-millicores", 20, 4000, 5).near(),
        new Line("memory-mib", 20, 4000, 5).near(),
        new Line("storage-mib", 20, 8000, 5).near(),
        new Line("bandwidth-mbps", 80, 1000, 20).near());
    ledger.advance(Duration.ofSeconds(31));
    long price = broker.closeAndSelect(id).get("totalPrice").getAsLong();
    broker.confirm(rp1, id, "cpu-millicores", "memory-mib", "storage-mib", "bandwidth-mbps");
    ledger.submit(BrokerFixture.ADMIN, ctx -> broker.participants.revoke(ctx, "rp-1"));
    long before = broker.balance("device:fog-7");

    String confirmation = broker.serviceEnvelope(fog, id, "RECEIVED");
    ledger.submit(BRIDGE, ctx -> contract.confirmService(ctx, confirmation));

    assertThat(broker.state(id)).isEqualTo("IN_SERVICE");
    assertThat(broker.balance("device:rp-1")).isZero();
    assertThat(broker.balance("device:fog-7")).isEqualTo(before + price);
  }

  @Test
  void wholeFlow_registerRequestOfferCloseConfirmServe_endsInService() {
    TestDevice fog8 = broker.fogNode("fog-8");
    String id =
        broker
            .request(fog8, "{\"serviceClass\":\"digital-twin\",\"budget\":500000}")
            .get("id")
            .getAsString();
    Line[] all = {
      new Line("cpu-millicores", 20, 4000, 5).near(),
      new Line("memory-mib", 20, 4000, 5).near(),
      new Line("storage-mib", 20, 8000, 5).near(),
      new Line("bandwidth-mbps", 80, 1000, 20).near()
    };
    broker.offer(rp1, id, all);
    broker.offer(rp2, id, new Line("cpu-millicores", 40, 4000, 30).near());
    ledger.advance(Duration.ofSeconds(31));
    JsonObject record = broker.closeAndSelect(id);
    assertThat(record.get("federated").getAsBoolean()).isFalse();
    ledger.advance(Duration.ofSeconds(20));

    JsonObject active =
        broker.confirm(rp1, id, "cpu-millicores", "memory-mib", "storage-mib", "bandwidth-mbps");

    assertThat(active.get("state").getAsString()).isEqualTo("ACTIVE");
    assertThat(broker.lastEvent().name()).isEqualTo("SliceReady");
    JsonObject ready = Json.parseObject(broker.lastEvent().payload());
    assertThat(ready.getAsJsonArray("endpoints")).hasSize(4);
    assertThat(ready.get("validUntil").getAsString())
        .isEqualTo(ledger.now().plusSeconds(3600).toString());
    JsonObject endpoint = ready.getAsJsonArray("endpoints").get(0).getAsJsonObject();
    assertThat(endpoint.get("rpId").getAsString()).isEqualTo("rp-1");
    assertThat(endpoint.get("category").getAsString()).isEqualTo("cpu-millicores");
    assertThat(endpoint.getAsJsonArray("ports")).isNotEmpty();

    ledger.advance(Duration.ofSeconds(10));
    String confirmation = broker.serviceEnvelope(fog8, id, "RECEIVED");
    JsonObject serving =
        Json.parseObject(ledger.submit(BRIDGE, ctx -> contract.confirmService(ctx, confirmation)));

    assertThat(serving.get("state").getAsString()).isEqualTo("IN_SERVICE");
    assertThat(broker.lastEvent().name()).isEqualTo("SliceInService");
    assertThat(history(id))
        .containsExactly(
            "BlueprintPublished:OFFERING",
            "SliceAwarded:AWARDED",
            "SliceReady:ACTIVE",
            "SliceInService:IN_SERVICE");
  }

  @Test
  void federatedSlice_becomesActiveOnlyWhenEveryWinnerConfirmed() {
    String id = federatedSlice();

    JsonObject afterFirst = broker.confirm(rp2, id, "memory-mib");

    assertThat(afterFirst.get("state").getAsString()).isEqualTo("AWARDED");
    assertThat(broker.lastEvent().name()).isEqualTo("InstantiationConfirmed");
    assertThat(Json.parseObject(broker.lastEvent().payload()).getAsJsonArray("waitingFor"))
        .containsExactly(Json.parse("\"rp-1\""));

    JsonObject active = broker.confirm(rp1, id, "cpu-millicores");

    assertThat(active.get("state").getAsString()).isEqualTo("ACTIVE");
    assertThat(active.get("federated").getAsBoolean()).isTrue();
    assertThat(
            active.getAsJsonArray("endpoints").asList().stream()
                .map(JsonElement::getAsJsonObject)
                .map(e -> e.get("category").getAsString() + "@" + e.get("rpId").getAsString())
                .toList())
        .containsExactly("cpu-millicores@rp-1", "memory-mib@rp-2");
    assertThat(broker.lastEvent().name()).isEqualTo("SliceReady");
    JsonElement parts = Json.parse(ledger.evaluate(BRIDGE, ctx -> contract.getSliceParts(ctx, id)));
    assertThat(parts.getAsJsonArray()).hasSize(2);
  }

  @Test
  void confirmInstantiation_byAnRpThatWonNothing_isForbidden() {
    String id = federatedSlice();
    TestDevice rp3 = broker.rp("rp-3");

    rejectedConfirmation(ErrorCode.FORBIDDEN, broker.confirmationEnvelope(rp3, id, "memory-mib"));
  }

  @Test
  void confirmInstantiation_wrongCategories_isInvalidArgument() {
    String id = federatedSlice();

    rejectedConfirmation(
        ErrorCode.INVALID_ARGUMENT, broker.confirmationEnvelope(rp1, id, "memory-mib"));
    rejectedConfirmation(
        ErrorCode.INVALID_ARGUMENT,
        broker.confirmationEnvelope(rp1, id, "cpu-millicores", "memory-mib"));
  }

  @Test
  void confirmInstantiation_badPorts_isInvalidArgument() {
    String id = federatedSlice();
    Map<String, Object> part =
        Map.of(
            "category",
            "cpu-millicores",
            "host",
            "10.0.0.2",
            "ports",
            List.of(70000),
            "instanceId",
            "c1");
    String envelope =
        rp1.sign(
            MessageType.INSTANTIATION_CONFIRMATION, Map.of("sliceId", id, "parts", List.of(part)));

    rejectedConfirmation(ErrorCode.INVALID_ARGUMENT, envelope);
  }

  @Test
  void confirmInstantiation_twice_isConflict() {
    String id = federatedSlice();
    broker.confirm(rp2, id, "memory-mib");

    rejectedConfirmation(ErrorCode.CONFLICT, broker.confirmationEnvelope(rp2, id, "memory-mib"));
  }

  @Test
  void confirmInstantiation_replayed_isRejected() {
    String id = federatedSlice();
    String envelope = broker.confirmationEnvelope(rp2, id, "memory-mib");
    ledger.submit(BRIDGE, ctx -> contract.confirmInstantiation(ctx, envelope));

    rejectedConfirmation(ErrorCode.REPLAY, envelope);
  }

  @Test
  void confirmInstantiation_badSignatureOrUnknownSigner_isRejected() {
    String id = federatedSlice();
    TestDevice impostor = TestDevice.create("rp-1", ledger);
    TestDevice stranger = TestDevice.create("rp-77", ledger);

    rejectedConfirmation(
        ErrorCode.BAD_SIGNATURE, broker.confirmationEnvelope(impostor, id, "cpu-millicores"));
    rejectedConfirmation(
        ErrorCode.FORBIDDEN, broker.confirmationEnvelope(stranger, id, "cpu-millicores"));
  }

  @Test
  void confirmInstantiation_beforeAward_isInvalidState() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4");

    rejectedConfirmation(
        ErrorCode.INVALID_STATE, broker.confirmationEnvelope(rp1, id, "cpu-millicores"));
  }

  @Test
  void confirmInstantiation_unknownSlice_isNotFound() {
    rejectedConfirmation(
        ErrorCode.NOT_FOUND,
        broker.confirmationEnvelope(rp1, "s-0123456789abcdef01234567", "cpu-millicores"));
  }

  @Test
  void confirmInstantiation_afterTheDeadline_isInvalidStateAndExpireTimesOut() {
    String id = federatedSlice();
    broker.confirm(rp2, id, "memory-mib");
    ledger.advance(Duration.ofSeconds(301));
    String late = broker.confirmationEnvelope(rp1, id, "cpu-millicores");

    rejectedConfirmation(ErrorCode.INVALID_STATE, late);
    JsonObject expired = expire(id);

    assertThat(expired.get("state").getAsString()).isEqualTo("TIMED_OUT");
    assertThat(expired.get("reason").getAsString()).contains("[rp-1]");
    assertThat(broker.lastEvent().name()).isEqualTo("SliceTimedOut");
  }

  @Test
  void expire_beforeTheDeadline_isInvalidState() {
    String id = federatedSlice();
    ledger.advance(Duration.ofSeconds(300));

    assertThat(rejectedExpire(ErrorCode.INVALID_STATE, id)).contains("nothing is due");
  }

  @Test
  void expire_offeringOrFinalSlice_isInvalidState() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4");
    ledger.advance(Duration.ofDays(1));

    rejectedExpire(ErrorCode.INVALID_STATE, id);
  }

  @Test
  void expire_activeSliceWithoutServiceConfirmation_timesOut() {
    String id = activeSlice();
    ledger.advance(Duration.ofSeconds(301));
    String late = broker.serviceEnvelope(fog, id, "RECEIVED");

    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(BRIDGE, ctx -> contract.confirmService(ctx, late)));
    JsonObject expired = expire(id);

    assertThat(expired.get("state").getAsString()).isEqualTo("TIMED_OUT");
    assertThat(expired.get("reason").getAsString()).contains("did not confirm service");
  }

  @Test
  void expire_inServiceAfterValidity_decommissions() {
    String id = activeSlice();
    String ok = broker.serviceEnvelope(fog, id, "RECEIVED");
    ledger.submit(BRIDGE, ctx -> contract.confirmService(ctx, ok));
    ledger.advance(Duration.ofSeconds(3601));

    JsonObject ended = expire(id);

    assertThat(ended.get("state").getAsString()).isEqualTo("DECOMMISSIONED");
    assertThat(broker.lastEvent().name()).isEqualTo("SliceDecommissioned");
  }

  @Test
  void confirmService_byAnotherFogNode_isForbidden() {
    String id = activeSlice();
    TestDevice other = broker.fogNode("fog-8");
    String envelope = broker.serviceEnvelope(other, id, "RECEIVED");

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> contract.confirmService(ctx, envelope)));
  }

  @Test
  void confirmService_signedByAnRp_isForbidden() {
    String id = activeSlice();
    String envelope = broker.serviceEnvelope(rp1, id, "RECEIVED");

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> contract.confirmService(ctx, envelope)));
  }

  @Test
  void confirmService_beforeActive_isInvalidState() {
    String id = federatedSlice();
    String envelope = broker.serviceEnvelope(fog, id, "RECEIVED");

    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(BRIDGE, ctx -> contract.confirmService(ctx, envelope)));
  }

  @Test
  void reportFailure_byAWinner_failsTheSlice() {
    String id = activeSlice();
    String report =
        rp1.sign(
            MessageType.FAILURE_REPORT,
            Map.of("sliceId", id, "category", "cpu-millicores", "reason", "container exited"));

    JsonObject failed =
        Json.parseObject(ledger.submit(BRIDGE, ctx -> contract.reportFailure(ctx, report)));

    assertThat(failed.get("state").getAsString()).isEqualTo("FAILED");
    assertThat(failed.get("reason").getAsString()).contains("rp-1").contains("container exited");
    assertThat(broker.lastEvent().name()).isEqualTo("SliceFailed");
    String again =
        rp1.sign(MessageType.FAILURE_REPORT, Map.of("sliceId", id, "reason", "still broken"));
    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(BRIDGE, ctx -> contract.reportFailure(ctx, again)));
  }

  @Test
  void reportFailure_byANonWinner_isForbidden() {
    String id = federatedSlice();
    TestDevice rp3 = broker.rp("rp-3");
    String report = rp3.sign(MessageType.FAILURE_REPORT, Map.of("sliceId", id, "reason", "x"));

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> contract.reportFailure(ctx, report)));
  }

  @Test
  void decommission_byTheTenant_endsTheSlice() {
    String id = activeSlice();
    String release = broker.serviceEnvelope(fog, id, "RELEASED");

    JsonObject ended =
        Json.parseObject(ledger.submit(BRIDGE, ctx -> contract.decommission(ctx, release)));

    assertThat(ended.get("state").getAsString()).isEqualTo("DECOMMISSIONED");
    assertThat(broker.lastEvent().name()).isEqualTo("SliceDecommissioned");
    String twice = broker.serviceEnvelope(fog, id, "RELEASED");
    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(BRIDGE, ctx -> contract.decommission(ctx, twice)));
  }

  @Test
  void decommission_withStatusReceived_isInvalidArgument() {
    String id = activeSlice();
    String envelope = broker.serviceEnvelope(fog, id, "RECEIVED");

    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.submit(BRIDGE, ctx -> contract.decommission(ctx, envelope)));
  }

  @Test
  void decommissionAsAdmin_ofTheTenantsOrg_endsTheSlice() {
    String id = activeSlice();

    JsonObject ended =
        Json.parseObject(
            ledger.submit(BrokerFixture.ADMIN, ctx -> contract.decommissionAsAdmin(ctx, id)));

    assertThat(ended.get("state").getAsString()).isEqualTo("DECOMMISSIONED");
  }

  @Test
  void decommissionAsAdmin_otherOrgOrClient_isForbidden() {
    String id = activeSlice();

    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () ->
            ledger.submit(
                TestIdentity.admin("Org2MSP"), ctx -> contract.decommissionAsAdmin(ctx, id)));
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> contract.decommissionAsAdmin(ctx, id)));
  }

  @Test
  void decommissionAsAdmin_whileOffering_isInvalidState() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4");

    assertRejected(
        ledger,
        ErrorCode.INVALID_STATE,
        () -> ledger.submit(BrokerFixture.ADMIN, ctx -> contract.decommissionAsAdmin(ctx, id)));
  }

  @Test
  void listSlices_byState_pagesThroughTheIndex() {
    String active = activeSlice();
    String offering = broker.requestCategories(fog, "cpu-millicores:1000:4");

    JsonObject page =
        Json.parseObject(
            ledger.evaluate(
                BRIDGE, ctx -> contract.listSlices(ctx, "{\"state\":\"ACTIVE\",\"pageSize\":10}")));
    JsonObject all =
        Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.listSlices(ctx, "{}")));

    assertThat(page.getAsJsonArray("items")).hasSize(1);
    assertThat(page.getAsJsonArray("items").get(0).getAsJsonObject().get("id").getAsString())
        .isEqualTo(active);
    assertThat(all.getAsJsonArray("items")).hasSize(2);
    assertThat(offering).isNotEqualTo(active);
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.listSlices(ctx, "{\"state\":\"DREAMING\"}")));
  }

  @Test
  void stateMachine_allowsOnlyTheListedTransitions() {
    assertThat(SliceState.OFFERING.canMoveTo(SliceState.ACTIVE)).isFalse();
    assertThat(SliceState.IN_SERVICE.canMoveTo(SliceState.TIMED_OUT)).isFalse();
    assertThat(SliceState.DECOMMISSIONED.isFinal()).isTrue();
    assertThat(SliceState.AWARDED.allowedNext())
        .containsExactlyInAnyOrder(
            SliceState.ACTIVE, SliceState.FAILED, SliceState.TIMED_OUT, SliceState.DECOMMISSIONED);
  }

  /** A federated slice: rp-1 wins cpu, rp-2 wins memory. */
  private String federatedSlice() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4", "memory-mib:512:4");
    broker.offer(
        rp1,
        id,
        new Line("cpu-millicores", 2, 2000, 1).near(),
        new Line("memory-mib", 4, 1000, 3).near());
    broker.offer(
        rp2,
        id,
        new Line("cpu-millicores", 4, 2000, 3).near(),
        new Line("memory-mib", 2, 1000, 1).near());
    broker.closeAndSelect(id);
    return id;
  }

  /** A slice served by rp-1 alone, confirmed and ACTIVE. */
  private String activeSlice() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4");
    broker.offer(rp1, id, new Line("cpu-millicores", 2, 2000, 1).near());
    broker.offer(rp2, id, new Line("cpu-millicores", 4, 2000, 3).near());
    broker.closeAndSelect(id);
    broker.confirm(rp1, id, "cpu-millicores");
    return id;
  }

  private JsonObject expire(final String id) {
    return Json.parseObject(ledger.submit(BRIDGE, ctx -> contract.expire(ctx, id)));
  }

  private String rejectedExpire(final ErrorCode code, final String id) {
    return assertRejected(
            ledger, code, () -> ledger.submit(BRIDGE, ctx -> contract.expire(ctx, id)))
        .getMessage();
  }

  private void rejectedConfirmation(final ErrorCode code, final String envelope) {
    assertRejected(
        ledger,
        code,
        () -> ledger.submit(BRIDGE, ctx -> contract.confirmInstantiation(ctx, envelope)));
  }

  private List<String> history(final String id) {
    return Json.parse(ledger.evaluate(BRIDGE, ctx -> contract.getSliceHistory(ctx, id)))
        .getAsJsonArray()
        .asList()
        .stream()
        .map(JsonElement::getAsJsonObject)
        .map(e -> e.get("event").getAsString() + ":" + e.get("to").getAsString())
        .toList();
  }
}
