package io.sfsbroker.view.health;

import io.sfsbroker.view.blocks.BlockLog;
import io.sfsbroker.view.feed.EventLog;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.Page;
import io.sfsbroker.view.web.PageQuery;
import java.util.List;
import java.util.Objects;

/** {@code /health}: orderers (Raft leader, heights), peers (heights), the broker's processes. */
public final class HealthPage implements Page {

  private final HealthProbe probe;
  private final BlockLog blocks;
  private final EventLog events;
  private final String channel;

  /** The health that {@code probe} reads; the view's own logs for what it has seen. */
  public HealthPage(
      final HealthProbe probe, final BlockLog blocks, final EventLog events, final String channel) {
    this.probe = Objects.requireNonNull(probe, "probe");
    this.blocks = Objects.requireNonNull(blocks, "blocks");
    this.events = Objects.requireNonNull(events, "events");
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  @Override
  public String path() {
    return "/health";
  }

  @Override
  public String title() {
    return "Health";
  }

  @Override
  public String render(final PageQuery query, final Html out) {
    Health health = probe.read();
    out.element("h1", "Network health");
    out.raw("<p>Channel <code>")
        .text(channel)
        .raw("</code>; the view has read blocks up to height <b id=\"view-height\">")
        .text(blocks.nextBlock())
        .raw("</b> and keeps ")
        .text(events.size())
        .raw(" chaincode events. Read at ")
        .text(health.readAt())
        .raw(".</p>");
    out.element("h2", "Orderers (Raft)");
    out.tableStart(List.of("orderer", "state", "relation", "status", "height", "Raft leader"));
    for (Health.OrdererHealth orderer : health.orderers()) {
      out.raw("<tr><td>").text(orderer.name()).raw("</td><td>");
      out.badge(orderer.reachable(), orderer.reachable() ? "up" : "down");
      if (!orderer.problem().isEmpty()) {
        out.raw(" <span class=\"muted\">").text(orderer.problem()).raw("</span>");
      }
      out.raw("</td><td>")
          .text(orderer.consensusRelation())
          .raw("</td><td>")
          .text(orderer.status())
          .raw("</td><td>")
          .text(orderer.height() < 0 ? "–" : String.valueOf(orderer.height()))
          .raw("</td><td>")
          .raw(orderer.raftLeader() ? "<b>★ leader</b>" : "")
          .raw("</td></tr>");
    }
    out.tableEnd();
    out.element("h2", "Peers");
    out.tableStart(List.of("peer", "org", "state", "height"));
    for (Health.PeerHealth peer : health.peers()) {
      out.raw("<tr><td>").text(peer.name()).raw("</td><td>").text(peer.org()).raw("</td><td>");
      out.badge(peer.reachable(), peer.reachable() ? "up" : "down");
      if (!peer.problem().isEmpty()) {
        out.raw(" <span class=\"muted\">").text(peer.problem()).raw("</span>");
      }
      out.raw("</td><td>")
          .text(peer.height() < 0 ? "–" : String.valueOf(peer.height()))
          .raw("</td></tr>");
    }
    out.tableEnd();
    out.element("h2", "Broker processes");
    out.tableStart(List.of("process", "address", "state", "checked"));
    for (Health.ServiceHealth service : health.services()) {
      out.raw("<tr><td>")
          .text(service.name())
          .raw("</td><td>")
          .text(service.address())
          .raw("</td><td>");
      out.badge(service.up(), service.up() ? "running" : "stopped");
      out.raw("</td><td>").text(service.detail()).raw("</td></tr>");
    }
    out.tableEnd();
    return "";
  }
}
