package io.sfsbroker.view.multiflow;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.view.feed.EventLog;
import io.sfsbroker.view.feed.FeedEvent;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.web.Fields;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.Page;
import io.sfsbroker.view.web.PageQuery;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /applications}: the multi-flow applications opened among the events the view keeps ({@code
 * ApplicationOpened}), newest first; with {@code ?id=} one application's flows, state and the
 * selected bid per flow and interval ({@code multiflow:getApplication}, {@code
 * getApplicationSelection}).
 */
public final class ApplicationsPage implements Page {

  static final int LIST_SIZE = 50;

  private final EventLog events;
  private final Queries queries;

  /** Applications from {@code events}; the chosen one through {@code queries}. */
  public ApplicationsPage(final EventLog events, final Queries queries) {
    this.events = Objects.requireNonNull(events, "events");
    this.queries = Objects.requireNonNull(queries, "queries");
  }

  @Override
  public String path() {
    return "/applications";
  }

  @Override
  public String title() {
    return "Multi-flow";
  }

  @Override
  public String render(final PageQuery query, final Html out) {
    Optional<String> id = query.id("id");
    if (id.isPresent()) {
      application(id.get(), out);
      return id.get();
    }
    out.element("h1", "Multi-flow applications");
    List<FeedEvent> opened =
        events.newest(e -> e.name().equals(EventName.APPLICATION_OPENED.wireName()), LIST_SIZE);
    out.tableStart(List.of("application", "tenant", "flows", "bid deadline", "block"));
    for (FeedEvent event : opened) {
      JsonObject application = Fields.object(event.payload());
      String applicationId = Fields.text(application, "id");
      out.raw("<tr><td>")
          .link("/applications?id=" + PageQuery.encode(applicationId), applicationId)
          .raw("</td><td>")
          .text(Fields.text(application, "tenantId"))
          .raw("</td><td>")
          .text(Fields.objects(application, "flows").size())
          .raw("</td><td>")
          .text(Fields.text(application, "bidDeadline"))
          .raw("</td><td>")
          .text(event.id().block())
          .raw("</td></tr>");
    }
    out.tableEnd();
    if (opened.isEmpty()) {
      out.raw("<p class=\"muted\">No application opened among the events the view keeps.</p>");
    }
    return "Application";
  }

  private void application(final String id, final Html out) {
    out.raw("<h1>Application <code>").text(id).raw("</code></h1>");
    Optional<String> found = queries.find(TransactionName.MULTIFLOW_GET_APPLICATION, id);
    if (found.isEmpty()) {
      out.raw("<p class=\"muted\">No such application on the ledger.</p>");
      return;
    }
    JsonObject application = Fields.object(found.get());
    out.raw("<p>")
        .state(Fields.text(application, "state"))
        .raw(" tenant ")
        .text(Fields.text(application, "tenantId"))
        .raw(", total price ")
        .text(Fields.text(application, "totalPrice"))
        .raw(" ")
        .text(Fields.text(application, "reason"))
        .raw("</p>");
    out.element("h2", "Flows");
    out.tableStart(List.of("flow", "requirement"));
    for (JsonObject flow : Fields.objects(application, "flows")) {
      out.row(List.of(Fields.text(flow, "flowId"), flow.toString()));
    }
    out.tableEnd();
    queries
        .find(TransactionName.MULTIFLOW_GET_APPLICATION_SELECTION, id)
        .ifPresent(
            json -> {
              JsonObject selection = Fields.object(json);
              out.element("h2", "Selection (" + Fields.text(selection, "bidCount") + " bids)");
              out.tableStart(List.of("outcome"));
              for (JsonObject outcome : Fields.objects(selection, "outcomes")) {
                out.row(List.of(outcome.toString()));
              }
              out.tableEnd();
            });
  }
}
