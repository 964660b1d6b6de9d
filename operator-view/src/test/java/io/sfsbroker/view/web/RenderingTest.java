package io.sfsbroker.view.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.view.blocks.BlockLog;
import io.sfsbroker.view.blocks.BlockSummary;
import io.sfsbroker.view.blocks.BlocksPage;
import io.sfsbroker.view.blocks.TransactionSummary;
import io.sfsbroker.view.feed.EventId;
import io.sfsbroker.view.feed.FeedEvent;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderingTest {

  @Test
  void text_fromTheLedger_isEscaped() {
    Html out = new Html();
    out.element("td", "<script>alert('x')</script>&\"");

    assertThat(out.toString())
        .isEqualTo("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;</td>");
  }

  @Test
  void pageQuery_aMalformedIdOrPage_isRefused() {
    assertThatThrownBy(() -> PageQuery.of(URI.create("/slice?id=%3Cb%3E")).id("id"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PageQuery.of(URI.create("/blocks?page=-1")).page())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PageQuery.of(URI.create("/blocks?page=x")).page())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PageQuery.of(URI.create("/slice?id=s-1a")).id("id")).contains("s-1a");
  }

  @Test
  void eventStream_lastEventId_winsOverThePageCheckpoint() {
    assertThat(EventStream.checkpoint("7:bb", "5:aa")).contains(new EventId(7, "bb"));
    assertThat(EventStream.checkpoint(null, "5:aa")).contains(new EventId(5, "aa"));
    assertThat(EventStream.checkpoint("garbage", null)).isEqualTo(Optional.empty());
  }

  @Test
  void eventStream_format_isOneSseEventWithItsIdAndSubject() {
    String text =
        EventStream.format(
            new FeedEvent(new EventId(9, "t1"), "SliceAwarded", "{\"sliceId\":\"s-1\",\n\"x\":1}"));

    assertThat(text).startsWith("id: 9:t1\nevent: ledger\ndata: {").endsWith("}\n\n");
    assertThat(text.split("\n")).hasSize(3);
    assertThat(text).contains("\"subject\":\"s-1\"");
  }

  @Test
  void blocksPage_pagesNewestFirst_twentyABlockPage() {
    BlockLog log = new BlockLog(100);
    for (long n = 0; n < 45; n++) {
      log.append(
          new BlockSummary(
              n,
              List.of(
                  new TransactionSummary(
                      "tx" + n, "ENDORSER_TRANSACTION", "BrokerMSP", "f", "VALID", ""))));
    }

    assertThat(log.page(0, 20)).first().extracting(BlockSummary::number).isEqualTo(44L);
    assertThat(log.page(2, 20))
        .extracting(BlockSummary::number)
        .containsExactly(4L, 3L, 2L, 1L, 0L);
    Html out = new Html();
    String watch = new BlocksPage(log).render(PageQuery.of(URI.create("/blocks?page=1")), out);
    assertThat(out.toString()).contains("tx24").doesNotContain("tx44").contains("older →");
    assertThat(watch).isEqualTo(Page.STATIC);
  }

  @Test
  void svgBars_highlightTheWinner() {
    String svg =
        Svg.bars("t", List.of(new Svg.Bar("rp-a", 10, true), new Svg.Bar("rp-<b>", 5, false)));

    assertThat(svg).contains("#2e8b57").contains("rp-&lt;b&gt;").startsWith("<svg");
  }
}
