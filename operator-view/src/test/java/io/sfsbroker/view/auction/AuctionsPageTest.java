package io.sfsbroker.view.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.Page;
import io.sfsbroker.view.web.PageQuery;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The auctions page renders what the chaincode's paged queries answer, cached per block. */
class AuctionsPageTest {

  private static final String ID = "a-0123456789abcdef01234567";

  private final List<String> asked = new ArrayList<>();
  private final AtomicLong height = new AtomicLong(5);
  private final Queries queries = new Queries(this::answer, height::get);
  private final AuctionsPage page = new AuctionsPage(queries);

  private Optional<String> answer(final TransactionName transaction, final String[] args) {
    asked.add(transaction + " " + String.join(" ", args));
    return switch (transaction) {
      case AUCTION_LIST_AUCTIONS -> Optional.of(auctions());
      case AUCTION_GET_AUCTION ->
          Optional.of(
              "{\"auction\":{\"id\":\""
                  + ID
                  + "\",\"period\":\"p1\",\"type\":\"TYPE_1\"},"
                  + "\"progress\":{\"status\":\"SETTLED\",\"round\":2}}");
      case AUCTION_LIST_ROUNDS ->
          Optional.of(
              Json.toJson(
                  Map.of(
                      "items",
                      List.of(
                          Map.of(
                              "round",
                              1,
                              "status",
                              "CLOSED",
                              "bidders",
                              List.of("g-1", "g-2"),
                              "distance",
                              4.5,
                              "last",
                              false,
                              "newPrices",
                              List.of()),
                          Map.of(
                              "round",
                              2,
                              "status",
                              "CLOSED",
                              "bidders",
                              List.of("g-1"),
                              "distance",
                              0.5,
                              "last",
                              true,
                              "newPrices",
                              List.of())),
                      "bookmark",
                      "")));
      case AUCTION_GET_ALLOCATION ->
          Optional.of(
              "{\"payments\":[{\"groupId\":\"g-1\",\"planetId\":\"planet-1\",\"amount\":1234}]}");
      default -> Optional.empty();
    };
  }

  private static String auctions() {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < AuctionsPage.PAGE_SIZE; i++) {
      items.add(
          Map.of(
              "id",
              i == 0 ? ID : "a-" + i,
              "period",
              "p1",
              "type",
              "TYPE_1",
              "planetIds",
              List.of("planet-1", "planet-2"),
              "groups",
              6,
              "status",
              "OPEN",
              "round",
              3));
    }
    return Json.toJson(Map.of("items", items, "bookmark", "\u0000auction\u0000a-x\u0000"));
  }

  private String render(final String uri) {
    Html out = new Html();
    page.render(PageQuery.of(URI.create(uri)), out);
    return out.toString();
  }

  @Test
  void list_showsEachAuctionFromTheLedger_withALinkToTheNextPage() {
    String html = render("/auctions");

    assertThat(html)
        .contains("data-auction=\"" + ID + "\"")
        .contains("planet-1, planet-2")
        .contains("next page →")
        .contains("bookmark=%00auction%00a-x%00")
        .doesNotContain("first page");
    assertThat(asked).containsExactly("auction:listAuctions {\"pageSize\":20}");
  }

  @Test
  void list_repeatedInOneBlock_asksThePeerOnce_andAgainAfterTheNextBlock() {
    render("/auctions");
    render("/auctions");
    height.incrementAndGet();
    render("/auctions");

    assertThat(asked).hasSize(2);
    assertThat(queries.evaluated()).isEqualTo(2);
  }

  @Test
  void list_laterPage_passesTheBookmark_andIsNotRefreshedByEvents() {
    Html out = new Html();
    String watch =
        page.render(PageQuery.of(URI.create("/auctions?bookmark=%00auction%00a-x%00")), out);

    assertThat(asked.get(0)).contains("\"bookmark\":\"\\u0000auction\\u0000a-x\\u0000\"");
    assertThat(out.toString()).contains("first page");
    assertThat(watch).isEqualTo(Page.STATIC);
  }

  @Test
  void list_firstPage_isRefreshedByAuctionEvents() {
    String watch = page.render(PageQuery.of(URI.create("/auctions")), new Html());

    assertThat(watch).isEqualTo("\"auctionId\"");
  }

  @Test
  void auction_showsItsRoundsConvergencePlotAndSettlement_fromTheLedger() {
    String html = render("/auctions?id=" + ID);

    assertThat(html)
        .contains("data-round=\"1\"")
        .contains("data-round=\"2\"")
        .contains("4.5")
        .contains("<svg")
        .contains("Settlement")
        .contains("1234");
    assertThat(asked)
        .contains(
            "auction:listRounds {\"auctionId\":\"" + ID + "\",\"pageSize\":100}",
            "auction:getAllocation " + ID);
  }
}
