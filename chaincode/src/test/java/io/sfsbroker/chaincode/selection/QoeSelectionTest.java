package io.sfsbroker.chaincode.selection;

import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static io.sfsbroker.chaincode.testing.ChaincodeAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The QoE screen on chain: offers that cannot meet a blueprint's QoE needs never win. */
class QoeSelectionTest {

  private final BrokerFixture broker = new BrokerFixture();
  private final InMemoryLedger ledger = broker.ledger;
  private final TestDevice fog = broker.fogNode("fog-7");
  private final TestDevice rp1 = broker.rp("rp-1");
  private final TestDevice rp2 = broker.rp("rp-2");

  /** A request for 1,000 millicores at most 4 each, needing at most 1.5 ms and 100 Mbit/s. */
  private String requestWithQoe(final String strategy) {
    return broker
        .request(
            fog,
            """
            {"categories": [{"category": "cpu-millicores", "amount": 1000, "maxUnitPrice": 4}],
             "qoe": {"maxLatencyMicros": 1500, "peakDataRateMbps": 100}, "strategy": "%s"}
            """
                .formatted(strategy))
        .get("id")
        .getAsString();
  }

  private static Map<String, Object> cpu(final long ask, final Map<String, Object> qoe) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("category", "cpu-millicores");
    line.put("unitPrice", ask);
    line.put("available", 2000);
    line.put("reservePrice", 1);
    if (qoe != null) {
      line.put("qoe", qoe);
    }
    return line;
  }

  private String offer(final TestDevice rp, final String id, final Map<String, Object> line) {
    String envelope =
        rp.sign(MessageType.OFFER, Map.of("blueprintId", id, "categories", List.of(line)));
    return ledger.submit(BRIDGE, ctx -> broker.offers.submitOffer(ctx, envelope));
  }

  @Test
  void closeAndSelect_cheaperOfferAboveTheLatencyNeed_isExcludedWithItsReason() {
    for (String strategy : List.of("STACKELBERG", "LOWEST_OFFER")) {
      String id = requestWithQoe(strategy);
      offer(rp1, id, cpu(2, Map.of("latencyMicros", 5000, "bandwidthMbps", 1000)));
      offer(rp2, id, cpu(4, Map.of("latencyMicros", 800, "bandwidthMbps", 100)));
      ledger.advance(Duration.ofSeconds(31));

      JsonObject record = broker.closeAndSelect(id);

      assertThat(record.get("status").getAsString()).as(strategy).isEqualTo("SELECTED");
      assertThat(
              record.getAsJsonArray("winners").get(0).getAsJsonObject().get("rpId").getAsString())
          .as(strategy)
          .isEqualTo("rp-2");
      JsonArray excluded = record.getAsJsonArray("qoeExcluded");
      assertThat(excluded).hasSize(1);
      JsonObject exclusion = excluded.get(0).getAsJsonObject();
      assertThat(exclusion.get("rpId").getAsString()).isEqualTo("rp-1");
      assertThat(exclusion.get("category").getAsString()).isEqualTo("cpu-millicores");
      assertThat(exclusion.get("reason").getAsString())
          .isEqualTo("guarantees 5000 µs latency, the tenant needs at most 1500 µs");
      // The table is recomputed from the same screened offers: its digest matches.
      JsonObject table =
          Json.parseObject(
              ledger.evaluate(BRIDGE, ctx -> broker.selection.getEquilibriumTable(ctx, id)));
      assertThat(table.toString()).doesNotContain("rp-1");
    }
  }

  @Test
  void closeAndSelect_onlyOffersThatMissTheNeeds_failsTheSliceNamingWhy() {
    String id = requestWithQoe("STACKELBERG");
    offer(rp1, id, cpu(2, null));
    offer(rp2, id, cpu(3, Map.of("latencyMicros", 1000, "bandwidthMbps", 10)));
    ledger.advance(Duration.ofSeconds(31));

    JsonObject record = broker.closeAndSelect(id);

    assertThat(record.get("status").getAsString()).isEqualTo("NO_FEASIBLE_OFFER");
    assertThat(record.get("reason").getAsString())
        .startsWith("no offer for blueprint " + id + " meets its QoE needs; ")
        .contains(
            "cpu-millicores offers infeasible for QoE: rp-1 guarantees no latency, the tenant"
                + " needs at most 1500 µs; guarantees no bandwidth, the tenant needs 100 Mbit/s,"
                + " rp-2 guarantees 10 Mbit/s, the tenant needs 100 Mbit/s");
    assertThat(broker.state(id)).isEqualTo("FAILED");
    assertThat(broker.slice(id).get("reason").getAsString()).contains("infeasible for QoE");
  }

  @Test
  void closeAndSelect_blueprintWithoutQoeNeeds_takesOffersWithoutTerms() {
    String id = broker.requestCategories(fog, "cpu-millicores:1000:4");
    offer(rp1, id, cpu(3, null));
    ledger.advance(Duration.ofSeconds(31));

    JsonObject record = broker.closeAndSelect(id);

    assertThat(record.get("status").getAsString()).isEqualTo("SELECTED");
    assertThat(record.getAsJsonArray("qoeExcluded")).isEmpty();
  }

  @Test
  void submitOffer_qoeTerms_areStoredWithTheOffer() {
    String id = requestWithQoe("STACKELBERG");

    JsonObject stored =
        Json.parseObject(
            offer(rp1, id, cpu(3, Map.of("latencyMicros", 900, "bandwidthMbps", 250))));

    JsonObject qoe =
        stored.getAsJsonArray("categories").get(0).getAsJsonObject().getAsJsonObject("qoe");
    assertThat(qoe.get("latencyMicros").getAsLong()).isEqualTo(900);
    assertThat(qoe.get("bandwidthMbps").getAsLong()).isEqualTo(250);
  }

  @Test
  void submitOffer_malformedQoeTerms_areRejectedAndWriteNothing() {
    String id = requestWithQoe("STACKELBERG");
    for (Map<String, Object> qoe :
        List.<Map<String, Object>>of(
            Map.of("latencyMicros", -1),
            Map.of("bandwidthMbps", 0),
            Map.of(),
            Map.of("latencyMicros", 10, "jitterMicros", 5),
            Map.of("latencyMicros", "fast"))) {
      String envelope =
          rp1.sign(
              MessageType.OFFER, Map.of("blueprintId", id, "categories", List.of(cpu(3, qoe))));
      String message =
          assertRejected(
                  ledger,
                  ErrorCode.INVALID_ARGUMENT,
                  () -> ledger.submit(BRIDGE, ctx -> broker.offers.submitOffer(ctx, envelope)))
              .getMessage();
      assertThat(message).as(qoe.toString()).containsAnyOf("qoe", "latencyMicros", "jitterMicros");
    }
  }
}
