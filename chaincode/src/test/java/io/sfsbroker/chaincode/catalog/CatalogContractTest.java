package io.sfsbroker.chaincode.catalog;

import static io.sfsbroker.chaincode.testing.BrokerFixture.ADMIN;
import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.Consortium;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.protocol.Json;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

class CatalogContractTest {

  private static final String GPU_CLASS =
      "{\"name\":\"cloud-gaming\",\"resources\":[{\"category\":\"gpu\",\"amount\":1,"
          + "\"budgetWeight\":10}],\"qoe\":{\"maxLatencyMicros\":20000}}";

  private final InMemoryLedger ledger = new InMemoryLedger();
  private final CatalogContract contract = new CatalogContract();
  private final Consortium consortium = new Consortium(ledger);

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
  void setServiceClass_throughTheConsortium_isStoredListedAndAnnounced() {
    consortium.change("service-class", GPU_CLASS);

    JsonObject stored =
        Json.parseObject(
            ledger.evaluate(BRIDGE, ctx -> contract.getServiceClass(ctx, "cloud-gaming")));
    assertThat(stored.get("updatedBy").getAsString()).isEqualTo("Org1MSP");
    assertThat(ledger.events()).last().extracting(e -> e.name()).isEqualTo("ServiceClassSet");
    assertThat(Json.parse(ledger.evaluate(BRIDGE, contract::listServiceClasses)).getAsJsonArray())
        .hasSize(3);
  }

  @Test
  void setServiceClass_directlyByAnAdminOrAClient_isForbidden() {
    for (TestIdentity caller : new TestIdentity[] {ADMIN, BRIDGE}) {
      assertRejected(
          ledger,
          ErrorCode.FORBIDDEN,
          () -> ledger.submit(caller, ctx -> contract.setServiceClass(ctx, GPU_CLASS)));
    }
  }

  @Test
  void setServiceClass_outOfRangeValues_areRejectedAtProposal() {
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
          () -> consortium.propose(ADMIN, "service-class", json));
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
  void configure_throughTheConsortium_changesOnlyTheGivenSettings() {
    consortium.change(
        "broker", "{\"defaultOfferWindowSeconds\":20,\"defaultStrategy\":\"LOWEST_OFFER\"}");
    JsonObject config = Json.parseObject(ledger.evaluate(BRIDGE, contract::getConfig));

    assertThat(config.get("defaultOfferWindowSeconds").getAsLong()).isEqualTo(20);
    assertThat(config.get("defaultStrategy").getAsString()).isEqualTo("LOWEST_OFFER");
    assertThat(config.get("instantiationTimeoutSeconds").getAsLong()).isEqualTo(300);
    assertThat(config.get("updatedBy").getAsString()).isEqualTo("Org1MSP");
  }

  @Test
  void configure_inconsistentBounds_areRejectedAtProposal() {
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> consortium.propose(ADMIN, "broker", "{\"maxOfferWindowSeconds\":10}"));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> consortium.propose(ADMIN, "broker", "{\"minOfferWindowSeconds\":0}"));
  }

  @Test
  void configure_directlyByAnAdminOrAClient_isForbiddenAndChangesNothing() {
    for (TestIdentity caller : new TestIdentity[] {ADMIN, BRIDGE}) {
      ChaincodeException rejection =
          assertRejected(
              ledger,
              ErrorCode.FORBIDDEN,
              () ->
                  ledger.submit(
                      caller, ctx -> contract.configure(ctx, "{\"minOfferWindowSeconds\":6}")));
      assertThat(rejection.getMessage()).contains("governance:propose", "'broker'");
    }
    assertThat(ledger.evaluate(BRIDGE, contract::getConfig))
        .isEqualTo(Json.toJson(io.sfsbroker.protocol.catalog.BrokerConfig.DEFAULT));
  }
}
