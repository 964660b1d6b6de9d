package io.sfsbroker.view.blocks;

import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.Page;
import io.sfsbroker.view.web.PageQuery;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code /blocks}: the newest blocks the view has read, 20 a page, each transaction with its
 * creator's MSP, chaincode function and validation code; counts by org and code for the page.
 * Served from memory (the block event stream), no query.
 */
public final class BlocksPage implements Page {

  static final int PAGE_SIZE = 20;

  private final BlockLog blocks;

  /** The blocks of {@code blocks}. */
  public BlocksPage(final BlockLog blocks) {
    this.blocks = Objects.requireNonNull(blocks, "blocks");
  }

  @Override
  public String path() {
    return "/blocks";
  }

  @Override
  public String title() {
    return "Blocks";
  }

  @Override
  public String render(final PageQuery query, final Html out) {
    int page = query.page();
    List<BlockSummary> shown = blocks.page(page, PAGE_SIZE);
    out.element("h1", "Blocks and transactions");
    out.raw("<p>Height ")
        .text(blocks.nextBlock())
        .raw("; the view keeps the newest ")
        .text(blocks.size())
        .raw(" blocks. Page ")
        .text(page + 1)
        .raw(", newest first.</p>");
    Map<String, Integer> byOrg = new TreeMap<>();
    Map<String, Integer> byCode = new TreeMap<>();
    for (BlockSummary block : shown) {
      for (TransactionSummary tx : block.transactions()) {
        byOrg.merge(tx.creatorMspId(), 1, Integer::sum);
        byCode.merge(tx.validationCode(), 1, Integer::sum);
      }
    }
    out.raw("<p>On this page, by creator: ").text(byOrg).raw("; by validation code: ");
    out.text(byCode).raw("</p>");
    out.tableStart(List.of("block", "tx", "type", "creator", "function", "validation", "time"));
    for (BlockSummary block : shown) {
      if (block.transactions().isEmpty()) {
        out.row(List.of(block.number(), "", "", "", "", "", ""));
      }
      for (TransactionSummary tx : block.transactions()) {
        out.raw("<tr><td>")
            .text(block.number())
            .raw("</td><td><code>")
            .text(tx.txId().length() > 16 ? tx.txId().substring(0, 16) + "…" : tx.txId())
            .raw("</code></td><td>")
            .text(tx.type())
            .raw("</td><td>")
            .text(tx.creatorMspId())
            .raw("</td><td>")
            .text(tx.function())
            .raw("</td><td>")
            .state(tx.validationCode())
            .raw("</td><td>")
            .text(tx.timestamp())
            .raw("</td></tr>");
      }
    }
    out.tableEnd();
    out.raw("<p class=\"pager\">");
    if (page > 0) {
      out.link("/blocks?page=" + (page - 1), "← newer");
    }
    if ((long) (page + 1) * PAGE_SIZE < blocks.size()) {
      out.link("/blocks?page=" + (page + 1), "older →");
    }
    out.raw("</p>");
    return page == 0 ? "" : Page.STATIC;
  }
}
