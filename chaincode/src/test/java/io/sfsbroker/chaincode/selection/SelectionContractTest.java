package io.sfsbroker.chaincode.selection;

import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.offer.Offer;
import io.sfsbroker.chaincode.offer.OfferRanking;
import io.sfsbroker.chaincode.offer.Offers;
import io.sfsbroker.chaincode.request.Requests;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.BrokerFixture.Line;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.market.selection.CategoryOffer;
import io.sfsbroker.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectionContractTest {

  private static final Map<String, Integer> STATE_CODES =
      Map.of(
          "NOT_OFFERED",
          0,
          "INSUFFICIENT_AMOUNT",
          1,
          "ABOVE_MAX_PRICE",
          2,
          "PRICED",
          3,
          "NO_EQUILIBRIUM",
          4);

  private final BrokerFixture broker = new BrokerFixture();
  private final InMemoryLedger ledger = broker.ledger;
  private final SelectionContract contract = broker.selection;
  private final TestDevice fog = broker.fogNode("fog-7");
  private final TestDevice rp1 = broker.rp("rp-1");
  private final TestDevice rp2 = broker.rp("rp-2");

  @Test
  void closeAndSelect_afterDeadline_awardsTheExclusiveWinner() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4", "memory-mib:512:2");
    broker.offer(
        rp1, id, new Line("cpu-millicores", 3, 2000, 1), new Line("memory-mib", 2, 1000, 1));
    broker.offer(rp2, id, new Line("cpu-millicores", 4, 2000, 3));
    ledger.advance(Duration.ofSeconds(31));

    JsonObject record = broker.closeAndSelect(id);

    assertThat(record.get("status").getAsString()).isEqualTo("SELECTED");
    assertThat(record.get("federated").getAsBoolean()).isFalse();
    assertThat(record.get("offerCount").getAsInt()).isEqualTo(2);
    assertThat(winners(record)).containsExactly("cpu-millicores=rp-1", "memory-mib=rp-1");
    assertThat(broker.lastEvent().name()).isEqualTo("SliceAwarded");
    JsonObject award = Json.parseObject(broker.lastEvent().payload());
    assertThat(award.get("sliceId").getAsString()).isEqualTo(id);
    assertThat(award.get("instantiationDeadline").getAsString())
        .isEqualTo(ledger.now().plusSeconds(300).toString());
    assertThat(award.get("tableDigest").getAsString())
        .isEqualTo(record.get("tableDigest").getAsString());
    JsonObject slice = broker.slice(id);
    assertThat(slice.get("state").getAsString()).isEqualTo("AWARDED");
    assertThat(slice.get("totalPrice").getAsLong()).isEqualTo(record.get("totalPrice").getAsLong());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"STACKELBERG", "LOWEST_OFFER", "PROPORTIONAL_SHARE"})
  void closeAndSelect_explicitAmounts_awardsAndChargesExactlyThem(final String rule) {
    // The demo's fog-3: 500 millicores and 512 MiB with a budget of 50,000, offered four times
    // over.
    String id =
        broker
            .request(
                fog,
                "{\"categories\":[{\"category\":\"cpu-millicores\",\"amount\":500},"
                    + "{\"category\":\"memory-mib\",\"amount\":512}],\"budget\":50000,"
                    + "\"strategy\":\""
                    + rule
                    + "\"}")
            .get("id")
            .getAsString();
    broker.offer(
        rp1, id, new Line("cpu-millicores", 30, 2000, 5), new Line("memory-mib", 25, 2048, 2));
    broker.offer(
        rp2, id, new Line("cpu-millicores", 35, 2000, 4), new Line("memory-mib", 20, 2048, 3));
    ledger.advance(Duration.ofSeconds(31));

    JsonObject record = broker.closeAndSelect(id);

    assertThat(record.get("status").getAsString()).isEqualTo("SELECTED");
    assertThat(record.get("strategy").getAsString()).isEqualTo(rule);
    long total = 0;
    for (JsonElement element : record.getAsJsonArray("winners")) {
      JsonObject winner = element.getAsJsonObject();
      long expected = winner.get("category").getAsString().equals("cpu-millicores") ? 500 : 512;
      assertThat(winner.get("amount").getAsLong()).as(winner.toString()).isEqualTo(expected);
      total += winner.get("price").getAsLong();
    }
    assertThat(record.get("totalPrice").getAsLong()).isEqualTo(total);
    assertThat(broker.slice(id).get("totalPrice").getAsLong()).isEqualTo(total);
  }

  @Test
  void closeAndSelect_randomOffers_neverMakeTheTenantPayMoreThanItsBudget() {
    java.util.Random random = new java.util.Random(11);
    int selected = 0;
    for (int trial = 0; trial < 40; trial++) {
      long cpu = 100 + random.nextInt(900);
      long mem = 64 + random.nextInt(512);
      boolean withBudget = trial % 2 == 0;
      long cpuMax = 5 + random.nextInt(20);
      long memMax = 2 + random.nextInt(10);
      long cost = cpu * cpuMax + mem * memMax;
      long budget = cost + random.nextInt((int) cost + 1);
      String body =
          "{\"categories\":[{\"category\":\"cpu\",\"amount\":%d,\"maxUnitPrice\":%d},"
                  .formatted(cpu, cpuMax)
              + "{\"category\":\"mem\",\"amount\":%d,\"maxUnitPrice\":%d}]%s}"
                  .formatted(mem, memMax, withBudget ? ",\"budget\":" + budget : "");
      String id = broker.request(fog, body).get("id").getAsString();
      for (TestDevice rp : List.of(rp1, rp2)) {
        long cpuReserve = random.nextInt((int) cpuMax + 1);
        long memReserve = random.nextInt((int) memMax + 1);
        broker.offer(
            rp,
            id,
            new Line(
                "cpu",
                cpuReserve + 1 + random.nextInt(30),
                cpu * (1 + random.nextInt(4)),
                cpuReserve),
            new Line(
                "mem",
                memReserve + 1 + random.nextInt(12),
                mem * (1 + random.nextInt(4)),
                memReserve));
      }

      JsonObject record = broker.closeAndSelect(id);

      if (record.get("status").getAsString().equals("SELECTED")) {
        selected++;
        long total = record.get("totalPrice").getAsLong();
        assertThat(total).as("trial %d", trial).isLessThanOrEqualTo(withBudget ? budget : cost);
        for (var winner : record.getAsJsonArray("winners")) {
          JsonObject w = winner.getAsJsonObject();
          String category = w.get("category").getAsString();
          assertThat(w.get("amount").getAsLong())
              .isGreaterThanOrEqualTo(category.equals("cpu") ? cpu : mem);
          assertThat(w.get("unitPrice").getAsLong())
              .isLessThanOrEqualTo(category.equals("cpu") ? cpuMax : memMax);
        }
      }
    }
    assertThat(selected).as("trials that formed a slice").isGreaterThan(20);
  }

  @Test
  void closeAndSelect_cheapestRpDiffersPerCategory_formsAFederatedSlice() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4", "memory-mib:512:4");
    broker.offer(
        rp1, id, new Line("cpu-millicores", 2, 2000, 1), new Line("memory-mib", 4, 1000, 3));
    broker.offer(
        rp2, id, new Line("cpu-millicores", 4, 2000, 3), new Line("memory-mib", 2, 1000, 1));

    JsonObject record = broker.closeAndSelect(id); // both active RPs offered: early close

    assertThat(record.get("federated").getAsBoolean()).isTrue();
    assertThat(winners(record)).containsExactly("cpu-millicores=rp-1", "memory-mib=rp-2");
    assertThat(broker.state(id)).isEqualTo("AWARDED");
  }

  @Test
  void closeAndSelect_lowestOfferRequested_usesThatRule() {
    String body =
        "{\"categories\":[{\"category\":\"cpu-millicores\",\"amount\":1000,\"maxUnitPrice\":4}],"
            + "\"strategy\":\"LOWEST_OFFER\"}";
    String id = broker.request(fog, body).get("id").getAsString();
    broker.offer(rp1, id, new Line("cpu-millicores", 3, 2000, 1));
    broker.offer(rp2, id, new Line("cpu-millicores", 4, 2000, 1));

    JsonObject record = broker.closeAndSelect(id);

    assertThat(record.get("strategy").getAsString()).isEqualTo("LOWEST_OFFER");
    JsonObject winner = record.getAsJsonArray("winners").get(0).getAsJsonObject();
    assertThat(winner.get("unitPrice").getAsLong()).isEqualTo(3);
    assertThat(winner.get("amount").getAsLong()).isEqualTo(1000);
  }

  @Test
  void closeAndSelect_categoryNobodyCanServe_failsTheSliceWithTheReason() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4", "gpu:2:100");
    broker.offer(rp1, id, new Line("cpu-millicores", 3, 2000, 1));
    broker.offer(rp2, id, new Line("gpu", 500, 8, 200));
    ledger.advance(Duration.ofSeconds(31));

    JsonObject record = broker.closeAndSelect(id);

    assertThat(record.get("status").getAsString()).isEqualTo("NO_FEASIBLE_OFFER");
    assertThat(record.get("reason").getAsString()).contains("no offer can serve category gpu");
    assertThat(broker.lastEvent().name()).isEqualTo("SelectionFailed");
    assertThat(Json.parseObject(broker.lastEvent().payload()).getAsJsonArray("unservedCategories"))
        .containsExactly(Json.parse("\"gpu\""));
    JsonObject slice = broker.slice(id);
    assertThat(slice.get("state").getAsString()).isEqualTo("FAILED");
    assertThat(slice.get("reason").getAsString()).contains("gpu");
  }

  @Test
  void closeAndSelect_noOffersAfterDeadline_failsTheSlice() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4");
    ledger.advance(Duration.ofSeconds(31));

    assertThat(broker.closeAndSelect(id).get("status").getAsString()).isEqualTo("NO_OFFERS");
    assertThat(broker.state(id)).isEqualTo("FAILED");
  }

  @Test
  void closeAndSelect_beforeDeadlineWithAnActiveRpMissing_isInvalidState() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4");
    broker.offer(rp1, id, new Line("cpu-millicores", 3, 2000, 1));

    assertThat(rejected(ErrorCode.INVALID_STATE, id)).contains("rp-2");
  }

  @Test
  void closeAndSelect_beforeDeadline_revokedRpsNeedNotOffer() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4");
    broker.offer(rp1, id, new Line("cpu-millicores", 3, 2000, 1));
    ledger.submit(BrokerFixture.ADMIN, ctx -> broker.participants.revoke(ctx, "rp-2"));

    assertThat(broker.closeAndSelect(id).get("status").getAsString()).isEqualTo("SELECTED");
  }

  @Test
  void closeAndSelect_rpRevokedAfterOffering_itsCheaperOfferIsExcluded() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4");
    broker.offer(rp1, id, new Line("cpu-millicores", 4, 2000, 3));
    broker.offer(rp2, id, new Line("cpu-millicores", 2, 2000, 1));
    ledger.submit(BrokerFixture.ADMIN, ctx -> broker.participants.revoke(ctx, "rp-2"));
    ledger.advance(Duration.ofSeconds(31));

    JsonObject record = broker.closeAndSelect(id);

    assertThat(record.get("status").getAsString()).isEqualTo("SELECTED");
    assertThat(winners(record)).containsExactly("cpu-millicores=rp-1");
    assertThat(record.get("offerCount").getAsInt()).isEqualTo(1);
    assertThat(record.getAsJsonArray("excludedRpIds").toString()).isEqualTo("[\"rp-2\"]");
    // The table is recomputed without the excluded offer, so it still matches its digest.
    JsonObject table =
        Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.getEquilibriumTable(ctx, id)));
    assertThat(digestOf(table)).isEqualTo(record.get("tableDigest").getAsString());
  }

  @Test
  void closeAndSelect_onlyOfferFromARevokedRp_failsTheSlice() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4");
    broker.offer(rp2, id, new Line("cpu-millicores", 2, 2000, 1));
    ledger.submit(BrokerFixture.ADMIN, ctx -> broker.participants.revoke(ctx, "rp-2"));
    ledger.advance(Duration.ofSeconds(31));

    JsonObject record = broker.closeAndSelect(id);

    assertThat(record.get("status").getAsString()).isNotEqualTo("SELECTED");
    assertThat(broker.slice(id).get("state").getAsString()).isEqualTo("FAILED");
  }

  @Test
  void closeAndSelect_twice_isInvalidState() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4");
    ledger.advance(Duration.ofSeconds(31));
    broker.closeAndSelect(id);

    assertThat(rejected(ErrorCode.INVALID_STATE, id)).contains("already closed");
  }

  @Test
  void closeAndSelect_unknownOrMalformedBlueprint_isRejected() {
    rejected(ErrorCode.NOT_FOUND, "s-0123456789abcdef01234567");
    rejected(ErrorCode.INVALID_ARGUMENT, "nope");
  }

  @Test
  void getSelection_beforeClose_isNotFound() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4");

    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.getSelection(ctx, id)));
  }

  @Test
  void getEquilibriumTable_returnsEveryCellMatchingTheStoredDigest() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4", "memory-mib:512:4");
    broker.offer(rp1, id, new Line("cpu-millicores", 2, 2000, 1));
    broker.offer(rp2, id, new Line("cpu-millicores", 4, 500, 3), new Line("memory-mib", 3, 800, 1));
    JsonObject record = broker.closeAndSelect(id);

    JsonObject table =
        Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.getEquilibriumTable(ctx, id)));

    assertThat(table.getAsJsonArray("cells")).hasSize(4);
    assertThat(table.get("tableDigest").getAsString())
        .isEqualTo(record.get("tableDigest").getAsString())
        .isEqualTo(digestOf(table));
    assertThat(table.getAsJsonArray("cells").get(1).getAsJsonObject().get("state").getAsString())
        .isEqualTo("NOT_OFFERED");
    assertThat(table.getAsJsonArray("cells").get(2).getAsJsonObject().get("state").getAsString())
        .isEqualTo("INSUFFICIENT_AMOUNT");
  }

  @Test
  void closeAndSelect_with2048StoredOffers_writesOnlyWinnersAndDigest() {
    String id =
        broker.requestCategories(
            fog, "cpu-millicores:1000:10", "memory-mib:512:6", "storage-mib:2048:3");
    int rps = 2048;
    ledger.submit(
        BrokerFixture.ADMIN,
        ctx -> {
          Ledger l = new Ledger(ctx.getStub());
          for (int i = 0; i < rps; i++) {
            String rpId = String.format(Locale.ROOT, "rp-%04d", i);
            List<CategoryOffer> categories =
                List.of(
                    new CategoryOffer("cpu-millicores", 6 + i % 5, 1000 + i, 1 + i % 4),
                    new CategoryOffer("memory-mib", 4 + i % 3, 400 + i, 1 + i % 3),
                    new CategoryOffer("storage-mib", 2 + i % 2, 2000 + i, 1));
            Offer offer = new Offer(id, rpId, categories, ledger.now(), "n" + i, l.txId());
            l.put(Offers.key(l, id, rpId), offer);
            OfferRanking.index(l, Requests.requireBlueprint(l, id), offer);
          }
          return null;
        });
    ledger.advance(Duration.ofSeconds(31));

    JsonObject record = broker.closeAndSelect(id);
    long written = broker.lastWriteBytes();
    int keysWritten = ledger.lastWrites().size();
    JsonObject table =
        Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.getEquilibriumTable(ctx, id)));
    String tableJson = Json.toJson(table);

    System.out.printf(
        Locale.ROOT,
        "closeAndSelect over %d offers x 3 categories wrote %d keys, %d bytes;"
            + " the full table is %d bytes of JSON%n",
        rps,
        keysWritten,
        written,
        tableJson.length());
    assertThat(record.get("status").getAsString()).isEqualTo("SELECTED");
    assertThat(record.get("offerCount").getAsInt()).isEqualTo(rps);
    // 5 for the selection and slice; the tenant's balance and the escrow; a token and its owner
    // entry per category; the slice's deadline moves (the old entry deleted, two written)
    assertThat(keysWritten).isLessThanOrEqualTo(5 + 2 + 2 * 3 + 3);
    assertThat(written).isLessThan(8 * 1024);
    assertThat(tableJson.length()).isGreaterThan(100 * (int) written);
    assertThat(table.getAsJsonArray("rpIds")).hasSize(rps);
    assertThat(table.getAsJsonArray("cells")).hasSize(rps * 3);
    assertThat(digestOf(table)).isEqualTo(record.get("tableDigest").getAsString());
  }

  @Test
  void closeAndSelect_blueprintStoredBeforeOffersWereRanked_selectsFromTheStoredOffers() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:10", "memory-mib:512:6");
    ledger.submit(
        BrokerFixture.ADMIN,
        ctx -> {
          Ledger l = new Ledger(ctx.getStub());
          // As on a ledger written before the ranking: no marker, offers stored alone.
          l.delete(l.key(OfferRanking.MARKER_TYPE, id));
          for (int i = 0; i < 3; i++) {
            String rpId = "rp-old-" + i;
            List<CategoryOffer> categories =
                List.of(
                    new CategoryOffer("cpu-millicores", 9 - i, 1000, 1),
                    new CategoryOffer("memory-mib", 4 + i, 600, 1));
            l.put(
                Offers.key(l, id, rpId),
                new Offer(id, rpId, categories, ledger.now(), "n" + i, l.txId()));
          }
          return null;
        });
    ledger.advance(Duration.ofSeconds(31));

    JsonObject record = broker.closeAndSelect(id);
    JsonObject table =
        Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.getEquilibriumTable(ctx, id)));

    assertThat(record.get("status").getAsString()).isEqualTo("SELECTED");
    assertThat(winners(record)).containsExactly("cpu-millicores=rp-old-2", "memory-mib=rp-old-0");
    assertThat(record.get("offerCount").getAsInt()).isEqualTo(3);
    assertThat(digestOf(table)).isEqualTo(record.get("tableDigest").getAsString());
  }

  private String rejected(final ErrorCode code, final String id) {
    return assertRejected(
            ledger, code, () -> ledger.submit(BRIDGE, ctx -> contract.closeAndSelect(ctx, id)))
        .getMessage();
  }

  private static List<String> winners(final JsonObject record) {
    return record.getAsJsonArray("winners").asList().stream()
        .map(JsonElement::getAsJsonObject)
        .map(w -> w.get("category").getAsString() + "=" + w.get("rpId").getAsString())
        .toList();
  }

  /** The digest of docs/selection.md (v4), computed independently from the served table. */
  private static String digestOf(final JsonObject table) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      writeString(out, "sfsbroker/selection-table/v4");
      writeString(out, table.get("strategy").getAsString());
      writeString(out, table.get("blueprintId").getAsString());
      int columns = table.getAsJsonArray("categories").size();
      out.writeInt(columns);
      for (JsonElement element : table.getAsJsonArray("categories")) {
        JsonObject c = element.getAsJsonObject();
        writeString(out, c.get("category").getAsString());
        out.writeLong(c.get("amount").getAsLong());
        out.writeLong(c.get("maxAmount").getAsLong());
        out.writeLong(c.get("maxUnitPrice").getAsLong());
        out.writeLong(c.get("budget").getAsLong());
      }
      out.writeInt(table.getAsJsonArray("rpIds").size());
      List<JsonElement> cells = table.getAsJsonArray("cells").asList();
      int row = 0;
      for (JsonElement rpId : table.getAsJsonArray("rpIds")) {
        writeString(out, rpId.getAsString());
        ByteArrayOutputStream rowBytes = new ByteArrayOutputStream();
        DataOutputStream rowOut = new DataOutputStream(rowBytes);
        for (JsonElement element : cells.subList(row * columns, (row + 1) * columns)) {
          JsonObject cell = element.getAsJsonObject();
          rowOut.writeByte(STATE_CODES.get(cell.get("state").getAsString()));
          rowOut.writeLong(cell.get("unitPrice").getAsLong());
          rowOut.writeLong(cell.get("demand").getAsLong());
          rowOut.writeLong(cell.get("profit").getAsLong());
        }
        rowOut.flush();
        out.write(MessageDigest.getInstance("SHA-256").digest(rowBytes.toByteArray()));
        row++;
      }
      out.flush();
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeString(final DataOutputStream out, final String value)
      throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
