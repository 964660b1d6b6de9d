package io.sfsbroker.view.multiflow;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.web.Fields;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.Page;
import io.sfsbroker.view.web.PageQuery;
import io.sfsbroker.view.web.Pager;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /applications}: the multi-flow applications on the ledger, {@value #PAGE_SIZE} a page,
 * through the chaincode's paged {@code multiflow:listApplications}; with {@code ?id=} one
 * application's flows, state and the selected bid per flow and interval ({@code
 * multiflow:getApplication}, {@code getApplicationSelection}). Everything comes from the world
 * state, so a restarted view shows what the ledger holds; application events refresh the page.
 */
public final class ApplicationsPage implements Page {

  static final int PAGE_SIZE = 50;

  /** What the name of every application event begins with, and so what refreshes the list. */
  static final String APPLICATION_EVENT = "Application";

  private final Queries queries;

  /** Applications as {@code queries} read them. */
  public ApplicationsPage(final Queries queries) {
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

  /** The argument of {@code multiflow:listApplications} for a bookmark. */
  static String listArgument(final Optional<String> bookmark) {
    return Json.toJson(Pager.argument(Map.of(), PAGE_SIZE, bookmark));
  }

  @Override
  public String render(final PageQuery query, final Html out) {
    Optional<String> id = query.id("id");
    if (id.isPresent()) {
      application(id.get(), out);
      return id.get();
    }
    Optional<String> bookmark = Pager.bookmark(query);
    JsonObject page =
        Fields.object(
            queries.get(TransactionName.MULTIFLOW_LIST_APPLICATIONS, listArgument(bookmark)));
    out.element("h1", "Multi-flow applications");
    List<JsonObject> applications = Fields.objects(page, "items");
    out.tableStart(
        List.of(
            "application", "tenant", "state", "flows", "bid deadline", "total price", "updated"));
    for (JsonObject application : applications) {
      String applicationId = Fields.text(application, "id");
      out.raw("<tr data-application=\"")
          .text(applicationId)
          .raw("\"><td>")
          .link("/applications?id=" + PageQuery.encode(applicationId), applicationId)
          .raw("</td><td>")
          .text(Fields.text(application, "tenantId"))
          .raw("</td><td>")
          .state(Fields.text(application, "state"))
          .raw("</td><td>")
          .text(Fields.objects(application, "flows").size())
          .raw("</td><td>")
          .text(Fields.text(application, "bidDeadline"))
          .raw("</td><td>")
          .text(Fields.text(application, "totalPrice"))
          .raw("</td><td>")
          .text(Fields.text(application, "updatedAt"))
          .raw("</td></tr>");
    }
    out.tableEnd();
    if (applications.isEmpty()) {
      out.raw("<p class=\"muted\">No applications on the ledger.</p>");
    }
    Pager.links(
        out,
        "/applications?",
        bookmark,
        Fields.text(page, "bookmark"),
        applications.size() == PAGE_SIZE);
    return bookmark.isPresent() ? Page.STATIC : APPLICATION_EVENT;
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
