package io.sfsbroker.chaincode.catalog;

import static io.sfsbroker.chaincode.testing.BrokerFixture.ADMIN;
import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.protocol.Json;
import org.junit.jupiter.api.Test;

class CatalogContractTest {

  private static final String GPU_CLASS =
      "{\"name\":\"cloud-gaming\",\"resources\":[{\"category\":\"gpu\",\"amount\":1,"
          + "\"budgetWeight\":10}],\"qoe\":{\"maxLatencyMicros\":20000}}";

  private final InMemoryLedger ledger = new InMemoryLedger();
  private final CatalogContract contract = new CatalogContract();

  @Test
  void getServiceClass_nothingStored_returnsTheSlicing4MetaDefault() {
    JsonObject arVr =
        Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.getServiceClass(ctx, "ar-vr")));

    assertThat(arVr.getAsJsonObject("qoe").get("maxLatencyMicros").getAsLong()).isEqualTo(1500);
    assertThat(arVr.getAsJsonArray("resources")).hasSize(5);
    assertThat(Json.parse(ledger.evaluate(BRIDGE, contract::listServiceClasses)).getAsJsonArray())
        .hasSize(2);
  }

  @Test
  void setServiceClass_byAnAdmin_isStoredListedAndAnnounced() {
    ledger.submit(ADMIN, ctx -> contract.setServiceClass(ctx, GPU_CLASS));

    JsonObject stored =
        Json.parseObject(
            ledger.evaluate(BRIDGE, ctx -> contract.getServiceClass(ctx, "cloud-gaming")));
    assertThat(stored.get("updatedBy").getAsString()).isEqualTo("Org1MSP");
    assertThat(ledger.events().get(0).name()).isEqualTo("ServiceClassSet");
    assertThat(Json.parse(ledger.evaluate(BRIDGE, contract::listServiceClasses)).getAsJsonArray())
        .hasSize(3);
  }

  @Test
  void setServiceClass_byAClient_isForbidden() {
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () -> ledger.submit(BRIDGE, ctx -> contract.setServiceClass(ctx, GPU_CLASS)));
  }

  @Test
  void setServiceClass_outOfRangeValues_areRejected() {
    for (String json :
        new String[] {
          "{\"name\":\"x\",\"resources\":[]}",
          "{\"name\":\"x\",\"resources\":[{\"category\":\"gpu\",\"amount\":0,\"budgetWeight\":1}]}",
          "{\"name\":\"Bad Name\",\"resources\":[{\"category\":\"gpu\",\"amount\":1,"
              + "\"budgetWeight\":1}]}",
          "{\"name\":\"x\",\"resources\":[{\"category\":\"gpu\",\"amount\":1,\"budgetWeight\":1}],"
              + "\"qoe\":{\"lat\":-1}}"
        }) {
      assertRejected(
          ledger,
          ErrorCode.INVALID_ARGUMENT,
          () -> ledger.submit(ADMIN, ctx -> contract.setServiceClass(ctx, json)));
    }
  }

  @Test
  void getServiceClass_unknown_isNotFound() {
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.getServiceClass(ctx, "holodeck")));
  }

  @Test
  void configure_byAnAdmin_changesOnlyTheGivenSettings() {
    JsonObject config =
        Json.parseObject(
            ledger.submit(
                ADMIN,
                ctx ->
                    contract.configure(
                        ctx,
                        "{\"defaultOfferWindowSeconds\":20,\"defaultStrategy\":\"LOWEST_OFFER\"}")));

    assertThat(config.get("defaultOfferWindowSeconds").getAsLong()).isEqualTo(20);
    assertThat(config.get("defaultStrategy").getAsString()).isEqualTo("LOWEST_OFFER");
    assertThat(config.get("instantiationTimeoutSeconds").getAsLong()).isEqualTo(300);
    assertThat(Json.parseObject(ledger.evaluate(BRIDGE, contract::getConfig))).isEqualTo(config);
  }

  @Test
  void configure_inconsistentBoundsOrClient_isRejected() {
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () ->
            ledger.submit(ADMIN, ctx -> contract.configure(ctx, "{\"maxOfferWindowSeconds\":10}")));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () ->
            ledger.submit(ADMIN, ctx -> contract.configure(ctx, "{\"minOfferWindowSeconds\":0}")));
    assertRejected(
        ledger,
        ErrorCode.FORBIDDEN,
        () ->
            ledger.submit(BRIDGE, ctx -> contract.configure(ctx, "{\"minOfferWindowSeconds\":6}")));
  }
}
