package io.sfsbroker.chaincode.request;

import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceRequestContractTest {

  private final BrokerFixture broker = new BrokerFixture();
  private final InMemoryLedger ledger = broker.ledger;
  private final SliceRequestContract contract = broker.requests;
  private final TestDevice fog = broker.fogNode("fog-7");

  @Test
  void submitSliceRequest_serviceClassWithBudget_createsBlueprintFromCatalogAndOpensWindow() {
    JsonObject blueprint =
        broker.request(
            fog,
            "{\"serviceClass\":\"ar-vr\",\"budget\":1000000,\"qoe\":{\"maxLatencyMicros\":900}}");

    var written = ledger.lastWrites().keySet();
    String id = blueprint.get("id").getAsString();
    assertThat(id).matches("s-[0-9a-f]{24}");
    assertThat(blueprint.get("tenantId").getAsString()).isEqualTo("fog-7");
    assertThat(blueprint.get("strategy").getAsString()).isEqualTo("STACKELBERG");
    assertThat(blueprint.get("offerDeadline").getAsString())
        .isEqualTo(InMemoryLedger.START.plusSeconds(30).toString());
    // ar-vr: weights × amounts = 2000 + 2048 + 1024 + 4×1000 + 2×400 = 9872
    assertThat(categories(blueprint))
        .containsExactly(
            "cpu-millicores:2000:101",
            "memory-mib:2048:101",
            "storage-mib:1024:101",
            "bandwidth-mbps:1000:405",
            "rendering-k:400:202");
    assertThat(cost(blueprint)).isLessThanOrEqualTo(1_000_000);
    assertThat(blueprint.getAsJsonObject("qoe").get("maxLatencyMicros").getAsLong()).isEqualTo(900);
    assertThat(blueprint.getAsJsonObject("qoe").get("peakDataRateMbps").getAsLong())
        .isEqualTo(1000);
    assertThat(broker.lastEvent().name()).isEqualTo("BlueprintPublished");
    assertThat(Json.parseObject(broker.lastEvent().payload())).isEqualTo(blueprint);
    assertThat(broker.state(id)).isEqualTo("OFFERING");
    assertThat(written)
        .hasSize(9)
        .contains(key("offer-ranking", id))
        .anyMatch(k -> k.startsWith(key("slice-state", "OFFERING", id)))
        .anyMatch(k -> k.startsWith(key("deadline-subject", "slice:" + id)))
        .anyMatch(k -> k.startsWith(key("slice-request", id)))
        .anyMatch(k -> k.startsWith(key("blueprint", id)));
  }

  @Test
  void submitSliceRequest_explicitCategories_keepsAmountsAndPrices() {
    JsonObject blueprint =
        broker.request(
            fog,
            "{\"categories\":[{\"category\":\"cpu-millicores\",\"amount\":500,\"maxUnitPrice\":3},"
                + "{\"category\":\"memory-mib\",\"amount\":256,\"maxUnitPrice\":2}],"
                + "\"offerWindowSeconds\":60,\"strategy\":\"LOWEST_OFFER\"}");

    assertThat(categories(blueprint)).containsExactly("cpu-millicores:500:3", "memory-mib:256:2");
    assertThat(blueprint.get("strategy").getAsString()).isEqualTo("LOWEST_OFFER");
    assertThat(blueprint.get("offerDeadline").getAsString())
        .isEqualTo(InMemoryLedger.START.plusSeconds(60).toString());
  }

  @Test
  void submitSliceRequest_explicitAmounts_areExact_spendingLimitIsTheirCost() {
    JsonObject blueprint =
        broker.request(
            fog,
            "{\"categories\":[{\"category\":\"cpu-millicores\",\"amount\":500,\"maxUnitPrice\":3},"
                + "{\"category\":\"memory-mib\",\"amount\":512,\"maxUnitPrice\":2,"
                + "\"maxAmount\":1024}]}");

    JsonObject cpu = blueprint.getAsJsonArray("categories").get(0).getAsJsonObject();
    JsonObject memory = blueprint.getAsJsonArray("categories").get(1).getAsJsonObject();
    assertThat(cpu.get("maxAmount").getAsLong()).isEqualTo(500);
    assertThat(cpu.get("budget").getAsLong()).isEqualTo(500 * 3);
    // memory opted into up to 1024 MiB: without a request budget it may spend up to 1024 × 2.
    assertThat(memory.get("maxAmount").getAsLong()).isEqualTo(1024);
    assertThat(memory.get("budget").getAsLong()).isEqualTo(1024 * 2);
  }

  @Test
  void submitSliceRequest_serviceClass_getsExactlyItsClassAmounts() {
    JsonObject blueprint = broker.request(fog, "{\"serviceClass\":\"ar-vr\",\"budget\":1000000}");

    for (var element : blueprint.getAsJsonArray("categories")) {
      JsonObject category = element.getAsJsonObject();
      assertThat(category.get("maxAmount").getAsLong())
          .as(category.toString())
          .isEqualTo(category.get("amount").getAsLong());
    }
  }

  @Test
  void submitSliceRequest_maxAmountBelowTheAmount_isRejectedNamingTheRange() {
    String envelope =
        sign(
            "{\"categories\":[{\"category\":\"cpu-millicores\",\"amount\":500,"
                + "\"maxUnitPrice\":3,\"maxAmount\":499}]}");

    assertThat(rejected(ErrorCode.INVALID_ARGUMENT, envelope))
        .contains("cpu-millicores: maxAmount must be 500 (the amount) to");
  }

  @Test
  void submitSliceRequest_budgetSharedByCategoriesWithoutPrice() {
    JsonObject blueprint =
        broker.request(
            fog,
            "{\"categories\":[{\"category\":\"cpu-millicores\",\"amount\":100,\"maxUnitPrice\":5},"
                + "{\"category\":\"memory-mib\",\"amount\":100,\"budgetWeight\":3},"
                + "{\"category\":\"storage-mib\",\"amount\":100}],\"budget\":2100}");

    // 2100 − 5×100 = 1600 shared over 3×100 + 1×100 = 400 weighted units: 12 and 4 per unit
    assertThat(categories(blueprint))
        .containsExactly("cpu-millicores:100:5", "memory-mib:100:12", "storage-mib:100:4");
  }

  @Test
  void submitSliceRequest_adminSetServiceClass_overridesTheDefault() {
    broker.consortium.change(
        "service-class",
        "{\"name\":\"ar-vr\",\"resources\":[{\"category\":\"gpu\",\"amount\":2,"
            + "\"budgetWeight\":1}]}");

    JsonObject blueprint =
        broker.request(
            fog, "{\"serviceClass\":\"ar-vr\",\"scale\":3,\"maxUnitPrices\":{\"gpu\":7}}");

    assertThat(categories(blueprint)).containsExactly("gpu:6:7");
  }

  @Test
  void submitSliceRequest_budgetTooSmall_isRejectedAsUnpayable() {
    String envelope = sign("{\"serviceClass\":\"ar-vr\",\"budget\":5000}");

    assertThat(rejected(ErrorCode.INVALID_ARGUMENT, envelope))
        .contains("cannot be paid under the budget 5000")
        .contains("at least 9872");
  }

  @Test
  void submitSliceRequest_pricesAboveBudget_isRejectedAsUnpayable() {
    String envelope =
        sign(
            "{\"categories\":[{\"category\":\"cpu-millicores\",\"amount\":100,"
                + "\"maxUnitPrice\":50}],\"budget\":4999}");

    assertThat(rejected(ErrorCode.INVALID_ARGUMENT, envelope)).contains("cost up to 5000");
  }

  @Test
  void submitSliceRequest_aMisspelledMember_isInvalidNamingIt_insteadOfChangingThePrice() {
    String envelope =
        sign(
            "{\"categories\":[{\"category\":\"cpu-millicores\",\"amount\":100,"
                + "\"maxUnitprice\":50}],\"budget\":100000}");

    assertThat(rejected(ErrorCode.INVALID_ARGUMENT, envelope))
        .contains("unknown member categories[0].maxUnitprice")
        .contains("maxUnitPrice");
  }

  @Test
  void submitSliceRequest_anAmountThatIsNoWholeNumber_isInvalidNamingIt() {
    String envelope =
        sign("{\"categories\":[{\"category\":\"cpu-millicores\",\"amount\":1e2}],\"budget\":9000}");

    assertThat(rejected(ErrorCode.INVALID_ARGUMENT, envelope))
        .contains("categories[0].amount must be a whole number");
  }

  @Test
  void submitSliceRequest_noPriceAndNoBudget_isRejected() {
    String envelope = sign("{\"serviceClass\":\"digital-twin\"}");

    assertThat(rejected(ErrorCode.INVALID_ARGUMENT, envelope)).contains("no budget");
  }

  @Test
  void submitSliceRequest_unknownServiceClass_isRejected() {
    String envelope = sign("{\"serviceClass\":\"holodeck\",\"budget\":100000}");

    assertThat(rejected(ErrorCode.INVALID_ARGUMENT, envelope)).contains("unknown service class");
  }

  @Test
  void submitSliceRequest_outOfRangeValues_areRejected() {
    for (String body :
        List.of(
            "{\"categories\":[{\"category\":\"cpu\",\"amount\":0,\"maxUnitPrice\":1}]}",
            "{\"categories\":[{\"category\":\"cpu\",\"amount\":1,\"maxUnitPrice\":-1}]}",
            "{\"categories\":[{\"category\":\"CPU\",\"amount\":1,\"maxUnitPrice\":1}]}",
            "{\"categories\":[]}",
            "{\"serviceClass\":\"ar-vr\",\"categories\":[],\"budget\":1}",
            "{\"serviceClass\":\"ar-vr\",\"budget\":-5}",
            "{\"serviceClass\":\"ar-vr\",\"budget\":100000,\"strategy\":\"DICE\"}",
            "{\"serviceClass\":\"ar-vr\",\"budget\":100000,\"offerWindowSeconds\":4}",
            "{\"serviceClass\":\"ar-vr\",\"budget\":100000,\"offerWindowSeconds\":601}",
            "{\"serviceClass\":\"ar-vr\",\"budget\":100000,\"validitySeconds\":99999999}")) {
      rejected(ErrorCode.INVALID_ARGUMENT, sign(body));
    }
  }

  @Test
  void submitSliceRequest_windowBoundsAreAdminSettings() {
    broker.consortium.change("broker", "{\"maxOfferWindowSeconds\":900}");

    JsonObject blueprint =
        broker.request(
            fog, "{\"serviceClass\":\"ar-vr\",\"budget\":100000,\"offerWindowSeconds\":900}");

    assertThat(blueprint.get("offerDeadline").getAsString())
        .isEqualTo(InMemoryLedger.START.plusSeconds(900).toString());
  }

  @Test
  void submitSliceRequest_badSignature_isRejected() {
    TestDevice impostor = TestDevice.create("fog-7", ledger);
    String envelope = impostor.sign(MessageType.SLICE_REQUEST, Json.parseObject(validBody()));

    rejected(ErrorCode.BAD_SIGNATURE, envelope);
  }

  @Test
  void submitSliceRequest_replayed_isRejected() {
    String envelope = sign(validBody());
    ledger.submit(BRIDGE, ctx -> contract.submitSliceRequest(ctx, envelope));

    rejected(ErrorCode.REPLAY, envelope);
  }

  @Test
  void submitSliceRequest_unknownSigner_isForbidden() {
    TestDevice stranger = TestDevice.create("fog-99", ledger);

    rejected(
        ErrorCode.FORBIDDEN,
        stranger.sign(MessageType.SLICE_REQUEST, Json.parseObject(validBody())));
  }

  @Test
  void submitSliceRequest_signedByAnRp_isForbidden() {
    TestDevice rp = broker.rp("rp-1");

    assertThat(
            rejected(
                ErrorCode.FORBIDDEN,
                rp.sign(MessageType.SLICE_REQUEST, Json.parseObject(validBody()))))
        .contains("RESOURCE_PROVIDER");
  }

  @Test
  void submitSliceRequest_wrongMessageType_isRejected() {
    rejected(
        ErrorCode.INVALID_ARGUMENT, fog.sign(MessageType.OFFER, Json.parseObject(validBody())));
  }

  @Test
  void submitSliceRequest_staleEnvelope_isExpired() {
    String envelope =
        fog.signAt(
            MessageType.SLICE_REQUEST,
            Json.parseObject(validBody()),
            ledger.now().minus(Duration.ofMinutes(10)));

    rejected(ErrorCode.EXPIRED, envelope);
  }

  @Test
  void getRequestAndBlueprint_returnWhatWasStored() {
    String id = broker.request(fog, validBody()).get("id").getAsString();

    JsonObject request =
        Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.getRequest(ctx, id)));
    JsonObject blueprint =
        Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.getBlueprint(ctx, id)));

    assertThat(request.get("tenantId").getAsString()).isEqualTo("fog-7");
    assertThat(request.getAsJsonObject("body").get("serviceClass").getAsString())
        .isEqualTo("ar-vr");
    assertThat(blueprint.get("id").getAsString()).isEqualTo(id);
  }

  @Test
  void getBlueprint_unknownOrMalformedId_isRejected() {
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () ->
            ledger.evaluate(
                BRIDGE, ctx -> contract.getBlueprint(ctx, "s-000000000000000000000000")));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.getRequest(ctx, "../etc")));
  }

  @Test
  void listBlueprints_pagesThroughOpenBlueprints() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(broker.request(fog, validBody()).get("id").getAsString());
    }
    List<String> seen = new ArrayList<>();
    String bookmark = "";
    int pages = 0;
    do {
      String query = "{\"pageSize\":2,\"bookmark\":" + Json.toJson(bookmark) + "}";
      JsonObject page =
          Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.listBlueprints(ctx, query)));
      page.getAsJsonArray("items")
          .forEach(b -> seen.add(b.getAsJsonObject().get("id").getAsString()));
      bookmark = page.get("bookmark").getAsString();
      pages++;
    } while (!bookmark.isEmpty());

    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).isSorted();
    assertThat(pages).isEqualTo(3);
  }

  private String validBody() {
    return "{\"serviceClass\":\"ar-vr\",\"budget\":1000000}";
  }

  private String sign(final String body) {
    return fog.sign(MessageType.SLICE_REQUEST, Json.parseObject(body));
  }

  private String rejected(final ErrorCode code, final String envelope) {
    return assertRejected(
            ledger,
            code,
            () -> ledger.submit(BRIDGE, ctx -> contract.submitSliceRequest(ctx, envelope)))
        .getMessage();
  }

  private static List<String> categories(final JsonObject blueprint) {
    List<String> lines = new ArrayList<>();
    JsonArray categories = blueprint.getAsJsonArray("categories");
    for (JsonElement element : categories) {
      JsonObject c = element.getAsJsonObject();
      lines.add(
          c.get("category").getAsString()
              + ":"
              + c.get("amount").getAsLong()
              + ":"
              + c.get("maxUnitPrice").getAsLong());
    }
    return lines;
  }

  private static long cost(final JsonObject blueprint) {
    long cost = 0;
    for (JsonElement element : blueprint.getAsJsonArray("categories")) {
      JsonObject c = element.getAsJsonObject();
      cost += c.get("amount").getAsLong() * c.get("maxUnitPrice").getAsLong();
    }
    return cost;
  }

  private String key(final String type, final String... attributes) {
    return ledger.evaluate(
        TestIdentity.client("Org1MSP"), ctx -> new Ledger(ctx.getStub()).key(type, attributes));
  }
}
