package io.sfsbroker.view.multiflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.view.feed.Queries;
import io.sfsbroker.view.web.Html;
import io.sfsbroker.view.web.PageQuery;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The applications page lists what {@code multiflow:listApplications} answers. */
class ApplicationsPageTest {

  private final List<String> asked = new ArrayList<>();

  private Optional<String> answer(final TransactionName transaction, final String[] args) {
    asked.add(transaction + " " + String.join(" ", args));
    if (transaction != TransactionName.MULTIFLOW_LIST_APPLICATIONS) {
      return Optional.empty();
    }
    return Optional.of(
        "{\"items\":[{\"id\":\"m-1\",\"tenantId\":\"fog-<1>\",\"state\":\"AWARDED\","
            + "\"flows\":[{\"flowId\":\"video\"},{\"flowId\":\"audio\"}],\"totalPrice\":77}],"
            + "\"bookmark\":\"\"}");
  }

  @Test
  void list_showsEachApplicationFromTheLedger_escaped_withoutANextPageOnTheLast() {
    ApplicationsPage page = new ApplicationsPage(new Queries(this::answer, () -> 1));
    Html out = new Html();

    String watch = page.render(PageQuery.of(URI.create("/applications")), out);

    assertThat(out.toString())
        .contains("data-application=\"m-1\"")
        .contains("fog-&lt;1&gt;")
        .contains("s-AWARDED")
        .contains("<td>2</td>")
        .contains("<td>77</td>")
        .doesNotContain("next page");
    assertThat(asked).containsExactly("multiflow:listApplications {\"pageSize\":50}");
    assertThat(watch).isEqualTo("Application");
  }

  @Test
  void application_unknownToTheLedger_saysSo() {
    ApplicationsPage page = new ApplicationsPage(new Queries(this::answer, () -> 1));
    Html out = new Html();

    page.render(PageQuery.of(URI.create("/applications?id=m-2")), out);

    assertThat(out.toString()).contains("No such application on the ledger.");
  }
}
