package io.sfsbroker.chaincode.deadline;

import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.BrokerFixture.Line;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Deadline;
import io.sfsbroker.protocol.deadline.DuePage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadlineContractTest {

  private static final Line[] ALL = {
    new Line("cpu-millicores", 20, 4000, 5).near(),
    new Line("memory-mib", 20, 4000, 5).near(),
    new Line("storage-mib", 20, 8000, 5).near(),
    new Line("bandwidth-mbps", 80, 1000, 20).near()
  };

  private final BrokerFixture broker = new BrokerFixture();
  private final InMemoryLedger ledger = broker.ledger;
  private final DeadlineContract contract = new DeadlineContract();
  private final TestDevice fog = broker.fogNode("fog-7");
  private final TestDevice rp = broker.rp("rp-1");

  @Test
  void sliceLifecycle_eachWaitingStateIsScheduledAndTheEndClearsIt() {
    JsonObject blueprint =
        broker.request(fog, "{\"serviceClass\":\"digital-twin\",\"budget\":500000}");
    String id = blueprint.get("id").getAsString();
    assertThat(allSummaries())
        .containsExactly(
            deadline(id, "selection", "closeAndSelect", blueprint.get("offerDeadline")));

    broker.offer(rp, id, ALL);
    ledger.advance(Duration.ofSeconds(31));
    broker.closeAndSelect(id);
    JsonObject awarded = broker.slice(id);
    assertThat(allSummaries())
        .containsExactly(deadline(id, "slice", "expire", awarded.get("confirmationDeadline")));

    broker.confirm(rp, id, "cpu-millicores", "memory-mib", "storage-mib", "bandwidth-mbps");
    JsonObject active = broker.slice(id);
    assertThat(allSummaries())
        .containsExactly(deadline(id, "slice", "expire", active.get("confirmationDeadline")));

    String confirmation = broker.serviceEnvelope(fog, id, "RECEIVED");
    ledger.submit(BRIDGE, ctx -> broker.slices.confirmService(ctx, confirmation));
    JsonObject serving = broker.slice(id);
    assertThat(allSummaries())
        .containsExactly(deadline(id, "slice", "expire", serving.get("validUntil")));

    ledger.setTime(Instant.parse(serving.get("validUntil").getAsString()).plusSeconds(1));
    ledger.submit(BRIDGE, ctx -> broker.slices.expire(ctx, id));
    assertThat(broker.state(id)).isEqualTo("DECOMMISSIONED");
    assertThat(all()).isEmpty();
    assertThat(ledger.state().keySet()).noneMatch(k -> k.contains("deadline"));
  }

  @Test
  void listDue_untilAndPages_listEarliestFirstAndStopAtUntil() {
    List<String> ids = new ArrayList<>();
    for (int window : new int[] {40, 10, 25}) {
      ids.add(
          broker
              .request(
                  fog,
                  "{\"serviceClass\":\"digital-twin\",\"budget\":500000,\"offerWindowSeconds\":"
                      + window
                      + "}")
              .get("id")
              .getAsString());
    }
    Instant start = ledger.now();

    assertThat(all())
        .extracting(Deadline::subject)
        .containsExactly("slice:" + ids.get(1), "slice:" + ids.get(2), "slice:" + ids.get(0));
    assertThat(page(start.plusSeconds(25), 100, "").items())
        .extracting(Deadline::subject)
        .containsExactly("slice:" + ids.get(1), "slice:" + ids.get(2));
    assertThat(page(start.plusSeconds(9), 100, "").items()).isEmpty();

    DuePage first = page(null, 2, "");
    assertThat(first.items()).hasSize(2);
    assertThat(first.bookmark()).isNotEmpty();
    DuePage second = page(null, 2, first.bookmark());
    assertThat(second.items()).extracting(Deadline::subject).containsExactly("slice:" + ids.get(0));
    assertThat(second.bookmark()).isEmpty();
  }

  @Test
  void listDue_malformedQuery_isInvalidArgument() {
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.listDue(ctx, "{\"untill\":\"x\"}")));
    assertRejected(
        ledger,
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.evaluate(BRIDGE, ctx -> contract.listDue(ctx, "{\"pageSize\":0}")));
  }

  private List<Deadline> all() {
    return page(null, 200, "").items();
  }

  private List<String> allSummaries() {
    return all().stream()
        .map(d -> d.subject() + " " + d.transaction() + d.arguments() + " " + d.due())
        .toList();
  }

  private DuePage page(final Instant until, final int pageSize, final String bookmark) {
    Map<String, Object> query = new LinkedHashMap<>();
    if (until != null) {
      query.put("until", until.toString());
    }
    query.put("pageSize", pageSize);
    query.put("bookmark", bookmark);
    return Json.fromJson(
        ledger.evaluate(BRIDGE, ctx -> contract.listDue(ctx, Json.toJson(query))), DuePage.class);
  }

  private static String deadline(
      final String sliceId, final String contract, final String function, final JsonElement due) {
    return "slice:"
        + sliceId
        + " "
        + contract
        + ":"
        + function
        + List.of(sliceId)
        + " "
        + Instant.parse(due.getAsString());
  }
}
