package io.sfsbroker.chaincode.auction;

import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.auction.AuctionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code auction:listAuctions} and {@code auction:listRounds}: paged, read-only listings. */
class AuctionListingTest {

  private final AuctionFixture fixture = new AuctionFixture();
  private final InMemoryLedger ledger = fixture.ledger;
  private final AuctionContract contract = fixture.contract;

  private JsonObject auctions(final String query) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.listAuctions(ctx, query)));
  }

  private JsonObject rounds(final String query) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> contract.listRounds(ctx, query)));
  }

  private static List<String> ids(final JsonObject page) {
    List<String> ids = new ArrayList<>();
    for (JsonElement item : page.getAsJsonArray("items")) {
      ids.add(item.getAsJsonObject().get("id").getAsString());
    }
    return ids;
  }

  @Test
  void listAuctions_withoutAuctions_isAnEmptyLastPage() {
    JsonObject page = auctions("{}");

    assertThat(page.getAsJsonArray("items")).isEmpty();
    assertThat(page.get("bookmark").getAsString()).isEmpty();
  }

  @Test
  void listAuctions_pagesThroughEveryAuctionOnceInIdOrder() {
    List<String> opened = new ArrayList<>(List.of(fixture.open(), fixture.open(), fixture.open()));

    JsonObject first = auctions("{\"pageSize\":2}");
    String bookmark = first.get("bookmark").getAsString();
    JsonObject second = auctions(Json.toJson(Map.of("pageSize", 2, "bookmark", bookmark)));

    assertThat(ids(first)).hasSize(2);
    assertThat(bookmark).isNotEmpty();
    assertThat(ids(second)).hasSize(1);
    assertThat(second.get("bookmark").getAsString()).isEmpty();
    List<String> listed = new ArrayList<>(ids(first));
    listed.addAll(ids(second));
    opened.sort(null);
    assertThat(listed).isEqualTo(opened);
  }

  @Test
  void listAuctions_summarisesEachAuctionWithItsProgress() {
    String id = fixture.open();
    fixture.runRound(id);

    AuctionSummary summary =
        Json.fromJson(
            auctions("{}").getAsJsonArray("items").get(0).toString(), AuctionSummary.class);

    assertThat(summary.id()).isEqualTo(id);
    assertThat(summary.period()).isEqualTo("2025-03-01T10:00Z/p1");
    assertThat(summary.type()).isEqualTo("TYPE_1");
    assertThat(summary.planetIds()).containsExactly("planet-1", "planet-2", "planet-3");
    assertThat(summary.groups()).isEqualTo(AuctionFixture.GROUPS);
    assertThat(summary.round()).isEqualTo(fixture.progress(id).round());
    assertThat(summary.status()).isEqualTo(fixture.progress(id).status().name());
    assertThat(summary.updatedAt()).isEqualTo(fixture.progress(id).updatedAt());
  }

  @Test
  void listAuctions_pageSizeAboveItsCap_isInvalidArgument() {
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.listAuctions(ctx, "{\"pageSize\":51}")));
  }

  @Test
  void listAuctions_bookmarkOfAnotherQuery_isInvalidArgument() {
    String id = fixture.open();
    fixture.runRound(id);
    fixture.runRound(id);
    String roundsBookmark =
        rounds("{\"auctionId\":\"" + id + "\",\"pageSize\":1}").get("bookmark").getAsString();
    String query = Json.toJson(Map.of("bookmark", roundsBookmark));

    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.listAuctions(ctx, query)));
  }

  @Test
  void listAuctions_notJson_isMalformed() {
    assertRejected(
        ledger,
        ErrorCode.MALFORMED,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.listAuctions(ctx, "page 1")));
  }

  @Test
  void listRounds_givesEveryRoundInOrder_closedOnesWithTheirPriceChange() {
    String id = fixture.open();
    AuctionRound first = fixture.runRound(id);
    AuctionRound second = fixture.runRound(id);

    JsonObject page = rounds("{\"auctionId\":\"" + id + "\"}");

    List<AuctionRound> listed = new ArrayList<>();
    for (JsonElement item : page.getAsJsonArray("items")) {
      listed.add(Json.fromJson(item.toString(), AuctionRound.class));
    }
    assertThat(listed).extracting(AuctionRound::round).startsWith(1, 2);
    assertThat(listed.get(0)).isEqualTo(first);
    assertThat(listed.get(1)).isEqualTo(second);
    assertThat(listed.get(0).distance()).isNotNull();
    assertThat(page.get("bookmark").getAsString()).isEmpty();
  }

  @Test
  void listRounds_pagesByPageSize() {
    String id = fixture.open();
    fixture.runRound(id);
    fixture.runRound(id);

    JsonObject first = rounds("{\"auctionId\":\"" + id + "\",\"pageSize\":2}");
    String query =
        Json.toJson(
            Map.of(
                "auctionId", id, "pageSize", 2, "bookmark", first.get("bookmark").getAsString()));
    JsonObject second = rounds(query);

    assertThat(first.getAsJsonArray("items")).hasSize(2);
    assertThat(second.getAsJsonArray("items")).isNotEmpty();
    assertThat(second.getAsJsonArray("items").get(0).getAsJsonObject().get("round").getAsInt())
        .isEqualTo(3);
  }

  @Test
  void listRounds_ofOneAuction_leavesOutTheRoundsOfAnother() {
    String one = fixture.open();
    String other = fixture.open();
    fixture.runRound(other);

    JsonObject page = rounds("{\"auctionId\":\"" + one + "\"}");

    assertThat(page.getAsJsonArray("items")).hasSize(1);
    assertThat(page.getAsJsonArray("items").get(0).getAsJsonObject().get("auctionId").getAsString())
        .isEqualTo(one);
  }

  @Test
  void listRounds_unknownAuction_isNotFound() {
    assertRejected(
        ledger,
        ErrorCode.NOT_FOUND,
        () ->
            ledger.evaluate(
                BRIDGE,
                ctx -> contract.listRounds(ctx, "{\"auctionId\":\"a-000000000000000000000000\"}")));
  }

  @Test
  void listRounds_malformedAuctionId_isInvalidArgument() {
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.listRounds(ctx, "{\"auctionId\":\"s-1\"}")));
  }

  @Test
  void listRounds_pageSizeAboveItsCap_isInvalidArgument() {
    String id = fixture.open();

    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () ->
            ledger.evaluate(
                BRIDGE,
                ctx ->
                    contract.listRounds(ctx, "{\"auctionId\":\"" + id + "\",\"pageSize\":101}")));
  }
}
