package io.sfsbroker.chaincode.slice;

import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.BrokerFixture.FOG_NODE_CREDITS;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.BrokerFixture.Line;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escrow and bundle tokens through a slice's lifecycle. */
class SlicePaymentsTest {

  private final BrokerFixture broker = new BrokerFixture();
  private final InMemoryLedger ledger = broker.ledger;
  private final TestDevice fog = broker.fogNode("fog-7");
  private final TestDevice rp1 = broker.rp("rp-1");
  private final TestDevice rp2 = broker.rp("rp-2");

  /** cpu 100 × 3 from rp-1 = 300, mem 50 × 2 from rp-2 = 100 under lowest-offer selection. */
  private String awarded() {
    String id =
        broker
            .request(
                fog,
                "{\"categories\":[{\"category\":\"cpu\",\"amount\":100,\"maxUnitPrice\":5},"
                    + "{\"category\":\"mem\",\"amount\":50,\"maxUnitPrice\":5}],"
                    + "\"strategy\":\"LOWEST_OFFER\"}")
            .get("id")
            .getAsString();
    broker.offer(rp1, id, new Line("cpu", 3, 100, 1), new Line("mem", 4, 50, 1));
    broker.offer(rp2, id, new Line("cpu", 4, 100, 1), new Line("mem", 2, 50, 1));
    ledger.advance(Duration.ofSeconds(31));
    broker.closeAndSelect(id);
    return id;
  }

  private JsonObject escrow(final String id) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> broker.credits.getEscrow(ctx, id)));
  }

  private long tokens(final String owner) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> broker.nfts.balanceOf(ctx, owner)))
        .get("balance")
        .getAsLong();
  }

  private void activate(final String id) {
    broker.confirm(rp1, id, "cpu");
    broker.confirm(rp2, id, "mem");
  }

  @Test
  void award_locksThePriceAndMintsOneBundlePerCategoryToTheTenant() {
    String id = awarded();

    assertThat(broker.state(id)).isEqualTo("AWARDED");
    assertThat(escrow(id).get("state").getAsString()).isEqualTo("LOCKED");
    assertThat(escrow(id).get("amount").getAsLong()).isEqualTo(400);
    assertThat(broker.balance("device:fog-7")).isEqualTo(FOG_NODE_CREDITS - 400);
    assertThat(tokens("device:fog-7")).isEqualTo(2);
    JsonObject token =
        Json.parseObject(
            ledger.evaluate(
                BRIDGE, ctx -> broker.nfts.getToken(ctx, SlicePayments.bundleTokenId(id, "cpu"))));
    assertThat(token.get("kind").getAsString()).isEqualTo("BUNDLE");
    JsonObject metadata = token.getAsJsonObject("metadata");
    assertThat(metadata.get("rpId").getAsString()).isEqualTo("rp-1");
    assertThat(metadata.get("amount").getAsString()).isEqualTo("100");
    assertThat(metadata.get("sliceId").getAsString()).isEqualTo(id);
  }

  @Test
  void award_withTooFewCredits_failsTheSliceAndLocksNothing() {
    TestDevice poor = broker.unfundedFogNode("fog-poor");
    broker.fund("device:fog-poor", 349);
    String id =
        broker
            .request(
                poor,
                "{\"categories\":[{\"category\":\"cpu\",\"amount\":100,\"maxUnitPrice\":5},"
                    + "{\"category\":\"mem\",\"amount\":50,\"maxUnitPrice\":5}],"
                    + "\"strategy\":\"LOWEST_OFFER\"}")
            .get("id")
            .getAsString();
    broker.offer(rp1, id, new Line("cpu", 3, 100, 1), new Line("mem", 1, 50, 1));
    broker.offer(rp2, id, new Line("cpu", 4, 100, 1), new Line("mem", 2, 50, 1));
    ledger.advance(Duration.ofSeconds(31));

    broker.closeAndSelect(id);

    assertThat(broker.state(id)).isEqualTo("FAILED");
    assertThat(broker.slice(id).get("reason").getAsString())
        .contains("holds 349 credits", "the 350");
    assertThat(broker.lastEvent().name()).isEqualTo("SelectionUnfunded");
    assertThat(broker.balance("device:fog-poor")).isEqualTo(349);
    assertThat(ledger.state().keySet()).noneMatch(k -> k.contains("escrow") || k.contains("nft"));
  }

  @Test
  void confirmService_paysEachWinnerItsPrice() {
    String id = awarded();
    activate(id);

    String envelope = broker.serviceEnvelope(fog, id, "RECEIVED");
    ledger.submit(BRIDGE, ctx -> broker.slices.confirmService(ctx, envelope));

    assertThat(escrow(id).get("state").getAsString()).isEqualTo("RELEASED");
    assertThat(broker.balance("device:rp-1")).isEqualTo(300);
    assertThat(broker.balance("device:rp-2")).isEqualTo(100);
    assertThat(tokens("device:fog-7")).isEqualTo(2);
  }

  @Test
  void failureAfterService_refundsNothing_butBurnsTheBundles() {
    String id = awarded();
    activate(id);
    String envelope = broker.serviceEnvelope(fog, id, "RECEIVED");
    ledger.submit(BRIDGE, ctx -> broker.slices.confirmService(ctx, envelope));

    String report =
        rp1.sign(MessageType.FAILURE_REPORT, Map.of("sliceId", id, "reason", "disk died"));
    ledger.submit(BRIDGE, ctx -> broker.slices.reportFailure(ctx, report));

    assertThat(escrow(id).get("state").getAsString()).isEqualTo("RELEASED");
    assertThat(broker.balance("device:fog-7")).isEqualTo(FOG_NODE_CREDITS - 400);
    assertThat(tokens("device:fog-7")).isZero();
  }

  @Test
  void failureBeforeService_refundsTheTenant() {
    String id = awarded();
    String report =
        rp2.sign(MessageType.FAILURE_REPORT, Map.of("sliceId", id, "reason", "no capacity"));

    ledger.submit(BRIDGE, ctx -> broker.slices.reportFailure(ctx, report));

    assertThat(escrow(id).get("state").getAsString()).isEqualTo("REFUNDED");
    assertThat(broker.balance("device:fog-7")).isEqualTo(FOG_NODE_CREDITS);
    assertThat(broker.balance("device:rp-1")).isZero();
    assertThat(tokens("device:fog-7")).isZero();
  }

  @Test
  void instantiationTimeout_refundsTheTenant() {
    String id = awarded();
    broker.confirm(rp1, id, "cpu");
    ledger.advance(Duration.ofSeconds(301));

    ledger.submit(BRIDGE, ctx -> broker.slices.expire(ctx, id));

    assertThat(broker.state(id)).isEqualTo("TIMED_OUT");
    assertThat(escrow(id).get("state").getAsString()).isEqualTo("REFUNDED");
    assertThat(broker.balance("device:fog-7")).isEqualTo(FOG_NODE_CREDITS);
  }

  @Test
  void serviceConfirmationTimeout_refundsTheTenant() {
    String id = awarded();
    activate(id);
    ledger.advance(Duration.ofSeconds(301));

    ledger.submit(BRIDGE, ctx -> broker.slices.expire(ctx, id));

    assertThat(escrow(id).get("state").getAsString()).isEqualTo("REFUNDED");
    assertThat(broker.balance("device:fog-7")).isEqualTo(FOG_NODE_CREDITS);
  }

  @Test
  void decommissionBeforeService_refunds_andByAdminToo() {
    String id = awarded();
    String release = broker.serviceEnvelope(fog, id, "RELEASED");
    ledger.submit(BRIDGE, ctx -> broker.slices.decommission(ctx, release));
    assertThat(escrow(id).get("state").getAsString()).isEqualTo("REFUNDED");
    assertThat(broker.balance("device:fog-7")).isEqualTo(FOG_NODE_CREDITS);

    String other = awarded();
    ledger.submit(
        TestIdentity.admin("Org1MSP"), ctx -> broker.slices.decommissionAsAdmin(ctx, other));
    assertThat(escrow(other).get("state").getAsString()).isEqualTo("REFUNDED");
    assertThat(broker.balance("device:fog-7")).isEqualTo(FOG_NODE_CREDITS);
    assertThat(tokens("device:fog-7")).isZero();
  }

  @Test
  void decommissionAfterService_keepsThePayment_andBurnsBundlesTheTenantGaveAway() {
    String id = awarded();
    activate(id);
    String confirm = broker.serviceEnvelope(fog, id, "RECEIVED");
    ledger.submit(BRIDGE, ctx -> broker.slices.confirmService(ctx, confirm));
    String give =
        fog.sign(
            MessageType.NFT_TRANSFER,
            Map.of(
                "action",
                "TRANSFER",
                "tokenId",
                SlicePayments.bundleTokenId(id, "cpu"),
                "from",
                "device:fog-7",
                "to",
                "device:rp-2"));
    ledger.submit(BRIDGE, ctx -> broker.nfts.applySigned(ctx, give));
    ledger.advance(Duration.ofSeconds(3601));

    ledger.submit(BRIDGE, ctx -> broker.slices.expire(ctx, id));

    assertThat(broker.state(id)).isEqualTo("DECOMMISSIONED");
    assertThat(escrow(id).get("state").getAsString()).isEqualTo("RELEASED");
    assertThat(broker.balance("device:rp-1")).isEqualTo(300);
    assertThat(tokens("device:fog-7")).isZero();
    assertThat(tokens("device:rp-2")).isZero();
  }
}
