package io.sfsbroker.chaincode.offer;

import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.BrokerFixture.Line;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Windows;
import io.sfsbroker.protocol.envelope.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferContractTest {

  private final BrokerFixture broker = new BrokerFixture();
  private final InMemoryLedger ledger = broker.ledger;
  private final OfferContract contract = broker.offers;
  private final TestDevice fog = broker.fogNode("fog-7");
  private final TestDevice rp1 = broker.rp("rp-1");
  private final TestDevice rp2 = broker.rp("rp-2");
  private final String blueprintId =
      broker.requestCategories(fog, "cpu-millicores:1000:4", "memory-mib:512:2");

  @Test
  void submitOffer_inWindow_isStoredUnderItsOwnKeyOnly() {
    JsonObject offer = broker.offer(rp1, blueprintId, new Line("cpu-millicores", 4, 2000, 1));
    var written = ledger.lastWrites().keySet();

    assertThat(offer.get("rpId").getAsString()).isEqualTo("rp-1");
    assertThat(offer.get("blueprintId").getAsString()).isEqualTo(blueprintId);
    String offerKey = key("offer", blueprintId, "rp-1");
    // The offer, its nonce, and its ranking: the row and the one priced cell, all of rp-1 alone.
    assertThat(written)
        .hasSize(4)
        .contains(offerKey, key("offer-row", blueprintId, "rp-1"))
        .contains(key("offer-rank", blueprintId, "0", String.format("%016x", 4), "rp-1"))
        .allMatch(
            k ->
                k.equals(offerKey)
                    || k.startsWith(key("envelope-nonce", "rp-1"))
                    || k.endsWith("rp-1\u0000"));
    assertThat(broker.lastEvent().name()).isEqualTo("OfferReceived");
    JsonObject event = Json.parseObject(broker.lastEvent().payload());
    assertThat(event.get("replaced").getAsBoolean()).isFalse();
    assertThat(event.has("categories")).isTrue();
  }

  @Test
  void submitOffer_twoRps_writeDisjointKeys() {
    broker.offer(rp1, blueprintId, new Line("cpu-millicores", 4, 2000, 1));
    var first = ledger.lastWrites().keySet();
    broker.offer(rp2, blueprintId, new Line("cpu-millicores", 3, 2000, 1));
    var second = ledger.lastWrites().keySet();

    assertThat(first).doesNotContainAnyElementsOf(second);
    assertThat(second).noneMatch(k -> k.startsWith(key("slice")) || k.startsWith(key("blueprint")));
  }

  @Test
  void submitOffer_againInWindow_replacesTheEarlierOffer() {
    broker.offer(rp1, blueprintId, new Line("cpu-millicores", 4, 2000, 1));
    ledger.advance(Duration.ofSeconds(5));

    broker.offer(rp1, blueprintId, new Line("memory-mib", 2, 600, 1));

    assertThat(Json.parseObject(broker.lastEvent().payload()).get("replaced").getAsBoolean())
        .isTrue();
    JsonObject stored =
        Json.parseObject(
            ledger.evaluate(BRIDGE, ctx -> contract.getOffer(ctx, blueprintId, "rp-1")));
    assertThat(stored.getAsJsonArray("categories")).hasSize(1);
    assertThat(
            stored
                .getAsJsonArray("categories")
                .get(0)
                .getAsJsonObject()
                .get("category")
                .getAsString())
        .isEqualTo("memory-mib");
  }

  @Test
  void submitOffer_atTheDeadline_isInTime() {
    ledger.advance(Duration.ofSeconds(30));

    broker.offer(rp1, blueprintId, new Line("cpu-millicores", 4, 2000, 1));

    assertThat(broker.lastEvent().name()).isEqualTo("OfferReceived");
  }

  @Test
  void submitOffer_afterDeadlineWhileTheWindowIsOpen_isTakenAsALateCommit() {
    ledger.advance(Duration.ofSeconds(31));

    JsonObject offer = broker.offer(rp1, blueprintId, new Line("cpu-millicores", 4, 2000, 1));

    assertThat(offer.get("rpId").getAsString()).isEqualTo("rp-1");
  }

  @Test
  void submitOffer_moreThanTheLateCommitToleranceAfterTheDeadline_isRejectedAsLate() {
    ledger.advance(Duration.ofSeconds(30).plus(Windows.LATE_COMMIT).plusSeconds(1));
    String envelope =
        broker.offerEnvelope(rp1, blueprintId, new Line("cpu-millicores", 4, 2000, 1));

    assertThat(rejected(ErrorCode.LATE_OFFER, envelope)).contains("ended at");
  }

  @Test
  void submitOffer_unknownBlueprint_isNotFound() {
    String envelope =
        broker.offerEnvelope(
            rp1, "s-0123456789abcdef01234567", new Line("cpu-millicores", 4, 2000, 1));

    rejected(ErrorCode.NOT_FOUND, envelope);
  }

  @Test
  void submitOffer_closedBlueprint_isInvalidState() {
    broker.offer(rp1, blueprintId, new Line("cpu-millicores", 4, 2000, 1));
    broker.offer(rp2, blueprintId, new Line("memory-mib", 2, 2000, 1));
    broker.closeAndSelect(blueprintId); // every active RP offered: early close
    String envelope =
        broker.offerEnvelope(rp1, blueprintId, new Line("cpu-millicores", 3, 2000, 1));

    assertThat(rejected(ErrorCode.INVALID_STATE, envelope)).contains("closed");
  }

  @Test
  void submitOffer_outOfRangeValues_areRejected() {
    for (Line line :
        List.of(
            new Line("cpu-millicores", 0, 2000, 0),
            new Line("cpu-millicores", 4, 0, 1),
            new Line("cpu-millicores", 4, 2000, 5),
            new Line("cpu-millicores", 4, 2000, -1),
            new Line("cpu-millicores", 2_000_000_000_000L, 2000, 1),
            new Line("gpu", 4, 2000, 1))) {
      rejected(ErrorCode.INVALID_ARGUMENT, broker.offerEnvelope(rp1, blueprintId, line));
    }
    rejected(
        ErrorCode.INVALID_ARGUMENT,
        rp1.sign(MessageType.OFFER, Map.of("blueprintId", blueprintId, "categories", List.of())));
  }

  @Test
  void submitOffer_signedByAFogNode_isForbidden() {
    String envelope =
        broker.offerEnvelope(fog, blueprintId, new Line("cpu-millicores", 4, 2000, 1));

    rejected(ErrorCode.FORBIDDEN, envelope);
  }

  @Test
  void submitOffer_unknownSigner_isForbidden() {
    TestDevice stranger = TestDevice.create("rp-99", ledger);
    String envelope =
        broker.offerEnvelope(stranger, blueprintId, new Line("cpu-millicores", 4, 2000, 1));

    rejected(ErrorCode.FORBIDDEN, envelope);
  }

  @Test
  void submitOffer_badSignature_isRejected() {
    TestDevice impostor = TestDevice.create("rp-1", ledger);
    String envelope =
        broker.offerEnvelope(impostor, blueprintId, new Line("cpu-millicores", 4, 2000, 1));

    rejected(ErrorCode.BAD_SIGNATURE, envelope);
  }

  @Test
  void submitOffer_replayed_isRejected() {
    String envelope =
        broker.offerEnvelope(rp1, blueprintId, new Line("cpu-millicores", 4, 2000, 1));
    ledger.submit(BRIDGE, ctx -> contract.submitOffer(ctx, envelope));

    rejected(ErrorCode.REPLAY, envelope);
  }

  @Test
  void getOffer_noOffer_isNotFound() {
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.getOffer(ctx, blueprintId, "rp-1")));
  }

  @Test
  void listOffers_pagesInRpOrder() {
    List<TestDevice> rps = new ArrayList<>(List.of(rp1, rp2));
    for (int i = 3; i <= 5; i++) {
      rps.add(broker.rp("rp-" + i));
    }
    for (TestDevice rp : rps) {
      broker.offer(rp, blueprintId, new Line("cpu-millicores", 4, 2000, 1));
    }
    List<String> seen = new ArrayList<>();
    String bookmark = "";
    do {
      String query =
          Json.toJson(Map.of("blueprintId", blueprintId, "pageSize", 2, "bookmark", bookmark));
      JsonObject page =
          Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.listOffers(ctx, query)));
      page.getAsJsonArray("items")
          .forEach(o -> seen.add(o.getAsJsonObject().get("rpId").getAsString()));
      bookmark = page.get("bookmark").getAsString();
    } while (!bookmark.isEmpty());

    assertThat(seen).containsExactly("rp-1", "rp-2", "rp-3", "rp-4", "rp-5");
  }

  private String rejected(final ErrorCode code, final String envelope) {
    return assertRejected(
            ledger, code, () -> ledger.submit(BRIDGE, ctx -> contract.submitOffer(ctx, envelope)))
        .getMessage();
  }

  private String key(final String type, final String... attributes) {
    return ledger.evaluate(BRIDGE, ctx -> new Ledger(ctx.getStub()).key(type, attributes));
  }
}
