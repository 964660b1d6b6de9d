package io.sfsbroker.fog;

import io.sfsbroker.protocol.slice.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The agent's reports as text for a person: aligned tables, times in milliseconds. ASCII only. */
final class TextReports {

  private TextReports() {}

  /** A slice: header, categories with RPs and prices, endpoints with reachability, timings. */
  static String slice(final SliceReport r) {
    StringBuilder out = new StringBuilder();
    out.append("slice ")
        .append(r.sliceId())
        .append(" for ")
        .append(r.fogNodeId())
        .append(": ")
        .append(r.state())
        .append(" (")
        .append(
            switch (r.outcome()) {
              case CONFIRMED -> "service confirmed";
              case NOT_CONFIRMED -> "service not confirmed, as asked";
              case UNREACHABLE ->
                  "NOT confirmed: " + r.unreached().size() + " port(s) do not answer";
            })
        .append(")\n");
    field(out, "asked for", r.request());
    if (r.activatedAt() != null) {
      field(out, "valid", r.activatedAt() + " until " + r.validUntil());
    }
    if (r.confirmBy() != null) {
      field(out, "confirm by", r.confirmBy() + " (else the slice times out)");
    }
    long rps = r.parts().stream().map(SliceReport.Part::rpId).distinct().count();
    field(
        out,
        "price",
        r.totalPrice()
            + " in total from "
            + rps
            + (rps == 1 ? " RP" : " RPs")
            + (r.federated() ? " (federated)" : ""));

    out.append('\n');
    Table parts = new Table("category", "rp", "amount", "unit price", "price").right(2, 3, 4);
    for (SliceReport.Part p : r.parts()) {
      parts.row(p.category(), p.rpId(), p.amount(), p.unitPrice(), p.price());
    }
    parts.row("", "", "", "total", r.totalPrice());
    out.append(parts);

    out.append("\nendpoints\n");
    Table ports =
        new Table("category", "rp", "address", "instance", "answers", "http", "ms", "").right(5, 6);
    for (SliceReport.PortCheck p : r.ports()) {
      ports.row(
          p.category(),
          p.rpId(),
          p.host() + ":" + p.port(),
          p.instanceId(),
          p.reached() ? "yes" : "NO",
          p.httpStatus() == null ? "-" : p.httpStatus(),
          p.millis(),
          (p.detail() == null ? "" : p.detail())
              + (p.attempts() > 1 ? " (" + p.attempts() + " tries)" : ""));
    }
    if (r.ports().isEmpty()) {
      out.append("(none)\n");
    } else {
      out.append(ports);
    }

    SliceReport.Timings t = r.timings();
    out.append("\ntimings (ms)\n");
    Table timings = new Table("", "").right(1).noHeader();
    timing(timings, "request -> receipt", t.receipt());
    timing(timings, "request -> award", t.award());
    timing(timings, "request -> handover", t.handover());
    timing(timings, "port checks", t.portChecks());
    timing(timings, "service confirmation", t.confirmation());
    timing(timings, "end to end", t.endToEnd());
    out.append(timings);
    return out.toString();
  }

  /** A multi-flow application: header, one line per flow and interval, timings. */
  static String application(final ApplicationReport r) {
    StringBuilder out = new StringBuilder();
    out.append("application ")
        .append(r.applicationId())
        .append(" for ")
        .append(r.fogNodeId())
        .append(": ")
        .append(r.state())
        .append(r.confirmed() ? " (service confirmed)" : " (service not confirmed, as asked)")
        .append('\n');
    field(out, "price", r.totalPrice() + " in total");
    out.append('\n');
    Table flows =
        new Table(
                "flow",
                "interval",
                "operator",
                "price",
                "kb/s",
                "latency us",
                "loss ppm",
                "quality",
                "utility",
                "bids",
                "")
            .right(3, 4, 5, 6, 7, 8, 9);
    for (ApplicationReport.Flow f : r.flows()) {
      boolean won = f.rpId() != null;
      flows.row(
          f.flowId(),
          f.interval(),
          won ? f.rpId() : "-",
          won ? f.price() : "-",
          won ? f.throughputKbps() : "-",
          won ? f.latencyMicros() : "-",
          won ? f.lossPpm() : "-",
          won ? f.quality() : "-",
          won ? f.utility() : "-",
          f.bidCount(),
          f.reason() == null ? "" : f.reason());
    }
    out.append(flows);
    ApplicationReport.Timings t = r.timings();
    out.append("\ntimings (ms)\n");
    Table timings = new Table("", "").right(1).noHeader();
    timing(timings, "request -> receipt", t.receipt());
    timing(timings, "request -> award", t.award());
    timing(timings, "service confirmation", t.confirmation());
    timing(timings, "end to end", t.endToEnd());
    out.append(timings);
    return out.toString();
  }

  /** A confirmation or release. */
  static String step(final StepReport r) {
    return "slice "
        + r.sliceId()
        + ": "
        + r.state()
        + " (transaction "
        + r.transactionId()
        + ", block "
        + r.blockNumber()
        + ", "
        + r.millis()
        + " ms)\n";
  }

  /** A confirmation or release of an application. */
  static String applicationStep(final ApplicationStep r) {
    return "application "
        + r.applicationId()
        + ": "
        + r.state()
        + " (transaction "
        + r.transactionId()
        + ", block "
        + r.blockNumber()
        + ", "
        + r.millis()
        + " ms)\n";
  }

  /** Tokens handed over. */
  static String transfers(final List<TokenTransfer> transfers) {
    StringBuilder out = new StringBuilder();
    for (TokenTransfer t : transfers) {
      out.append("token ")
          .append(t.tokenId())
          .append(": ")
          .append(t.from())
          .append(" -> ")
          .append(t.to())
          .append(" (transaction ")
          .append(t.transactionId())
          .append(", block ")
          .append(t.blockNumber())
          .append(", ")
          .append(t.millis())
          .append(" ms)\n");
    }
    return out.toString();
  }

  /** The link and the asked slices. */
  static String status(final AgentStatus s) {
    StringBuilder out = new StringBuilder();
    field(out, "fog node", s.fogNodeId());
    field(out, "broker", s.brokerUrl() + (s.connected() ? " (connected)" : " (NOT reachable)"));
    field(
        out,
        "outbox",
        s.pending()
            + " message(s) waiting"
            + (s.pending() > 0 && !s.connected() ? "; sent once the broker can be reached" : ""));
    int awaiting = s.unanswered() - s.pending();
    if (awaiting > 0) {
      field(
          out,
          "awaiting",
          awaiting + " message(s) sent without a verdict yet; sent again until they have one");
    }
    for (Map.Entry<String, String> slice : s.slices().entrySet()) {
      List<Endpoint> held = s.endpoints().get(slice.getKey());
      field(
          out,
          "slice",
          slice.getKey() + "  " + slice.getValue() + (held == null ? "" : "  (held by this node)"));
      if (held != null && !held.isEmpty()) {
        Table endpoints = new Table("  category", "rp", "address", "instance");
        for (Endpoint e : held) {
          for (int port : e.ports()) {
            endpoints.row("  " + e.category(), e.rpId(), e.host() + ":" + port, e.instanceId());
          }
        }
        out.append(endpoints);
      }
    }
    if (s.note() != null) {
      field(out, "note", s.note());
    }
    return out.toString();
  }

  private static void field(final StringBuilder out, final String name, final String value) {
    out.append(String.format("%-11s%s%n", name, value));
  }

  private static void timing(final Table table, final String step, final Long millis) {
    if (millis != null) {
      table.row(step, millis);
    }
  }

  /** A text table: columns as wide as their widest cell, two spaces apart. */
  private static final class Table {
    private final List<Object[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;
    private final String[] header;
    private boolean showHeader = true;

    Table(final String... header) {
      this.header = header.clone();
      this.rightAligned = new boolean[header.length];
    }

    Table right(final int... columns) {
      for (int c : columns) {
        rightAligned[c] = true;
      }
      return this;
    }

    Table noHeader() {
      showHeader = false;
      return this;
    }

    void row(final Object... cells) {
      rows.add(cells.clone());
    }

    @Override
    public String toString() {
      int[] widths = new int[header.length];
      List<Object[]> all = new ArrayList<>();
      if (showHeader) {
        all.add(header);
      }
      all.addAll(rows);
      for (Object[] row : all) {
        for (int c = 0; c < row.length; c++) {
          widths[c] = Math.max(widths[c], String.valueOf(row[c]).length());
        }
      }
      StringBuilder out = new StringBuilder();
      for (Object[] row : all) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
          String cell = String.valueOf(row[c]);
          String pad = " ".repeat(widths[c] - cell.length());
          line.append(c == 0 ? "" : "  ").append(rightAligned[c] ? pad + cell : cell + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
      }
      return out.toString();
    }
  }
}
