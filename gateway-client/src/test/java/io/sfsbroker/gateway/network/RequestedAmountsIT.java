package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenants get and pay for what they asked, on the real network: the demo's fog-3 request ({@code
 * --amount cpu-millicores=500 --amount memory-mib=512 --budget 50000}) is awarded exactly 500
 * millicores and 512 MiB under the broker's default rule and under the paper's model, even though
 * the RPs have far more free and the budget would buy more; only a category that opts in with
 * {@code maxAmount} may get more, never beyond it.
 */
class RequestedAmountsIT {

  private static NetworkClients clients;
  private static ChaincodeClient bridge;

  @BeforeAll
  static void connect() {
    clients = new NetworkClients();
    bridge = clients.bridge();
  }

  @AfterAll
  static void close() {
    clients.close();
  }

  private static Map<String, Object> line(
      final String category, final long unitPrice, final long available, final long reserve) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("category", category);
    line.put("unitPrice", unitPrice);
    line.put("available", available);
    line.put("reservePrice", reserve);
    return line;
  }

  /** Requests, lets two RPs offer plenty, closes the window and returns the selection record. */
  private static JsonObject select(final List<Map<String, Object>> categories, final String rule)
      throws Exception {
    NetworkDevice fog = NetworkDevice.register(clients.tenantsAdmin(), "fog", "FOG_NODE");
    NetworkDevice rpA =
        NetworkDevice.register(clients.providersAdmin(), "rp-a", "RESOURCE_PROVIDER");
    NetworkDevice rpB =
        NetworkDevice.register(clients.providersAdmin(), "rp-b", "RESOURCE_PROVIDER");
    clients.fund(fog, 1_000_000);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("categories", categories);
    request.put("budget", 50_000);
    request.put("offerWindowSeconds", 5);
    if (rule != null) {
      request.put("strategy", rule);
    }
    JsonObject blueprint =
        Json.parseObject(
            bridge
                .submit(
                    TransactionName.REQUEST_SUBMIT_SLICE_REQUEST,
                    fog.sign(MessageType.SLICE_REQUEST, request))
                .result());
    String id = blueprint.get("id").getAsString();
    bridge.submit(
        TransactionName.OFFER_SUBMIT_OFFER,
        rpA.sign(
            MessageType.OFFER,
            Map.of(
                "blueprintId",
                id,
                "categories",
                List.of(line("cpu-millicores", 30, 4000, 5), line("memory-mib", 25, 4096, 2)))));
    bridge.submit(
        TransactionName.OFFER_SUBMIT_OFFER,
        rpB.sign(
            MessageType.OFFER,
            Map.of(
                "blueprintId",
                id,
                "categories",
                List.of(line("cpu-millicores", 35, 4000, 4), line("memory-mib", 20, 4096, 3)))));
    Thread.sleep(
        Math.max(
            0,
            Instant.parse(blueprint.get("offerDeadline").getAsString())
                    .plusSeconds(2)
                    .toEpochMilli()
                - System.currentTimeMillis()));
    JsonObject selection =
        Json.parseObject(bridge.submit(TransactionName.SELECTION_CLOSE_AND_SELECT, id).result());
    assertThat(selection.get("status").getAsString())
        .as(selection.toString())
        .isEqualTo("SELECTED");
    JsonObject escrow = Json.parseObject(bridge.evaluate(TransactionName.CREDIT_GET_ESCROW, id));
    assertThat(escrow.get("amount").getAsLong()).isEqualTo(selection.get("totalPrice").getAsLong());
    assertThat(selection.get("totalPrice").getAsLong()).isLessThanOrEqualTo(50_000);
    return selection;
  }

  private static Map<String, Long> amounts(final JsonObject selection) {
    Map<String, Long> amounts = new TreeMap<>();
    long total = 0;
    for (JsonElement element : selection.getAsJsonArray("winners")) {
      JsonObject winner = element.getAsJsonObject();
      amounts.put(winner.get("category").getAsString(), winner.get("amount").getAsLong());
      long price = winner.get("unitPrice").getAsLong() * winner.get("amount").getAsLong();
      assertThat(winner.get("price").getAsLong()).isEqualTo(price);
      total += price;
    }
    assertThat(selection.get("totalPrice").getAsLong()).isEqualTo(total);
    return amounts;
  }

  private static final List<Map<String, Object>> FOG_3 =
      List.of(
          Map.of("category", "cpu-millicores", "amount", 500),
          Map.of("category", "memory-mib", "amount", 512));

  @Test
  void fog3Request_underTheDefaultRule_isAwardedExactly500MillicoresAnd512Mib() throws Exception {
    JsonObject selection = select(FOG_3, null);

    assertThat(selection.get("strategy").getAsString()).isEqualTo("STACKELBERG");
    assertThat(amounts(selection))
        .containsExactlyEntriesOf(
            new TreeMap<>(Map.of("cpu-millicores", 500L, "memory-mib", 512L)));
    // A fixed demand leaves the RP's best price at its ask: cpu from rp-a at 30, memory from rp-b
    // at 20.
    assertThat(selection.get("totalPrice").getAsLong()).isEqualTo(500 * 30 + 512 * 20);
  }

  @Test
  void fog3Request_underThePapersModel_isAwardedExactlyItsAmounts() throws Exception {
    JsonObject selection = select(FOG_3, "PROPORTIONAL_SHARE");

    assertThat(selection.get("strategy").getAsString()).isEqualTo("PROPORTIONAL_SHARE");
    assertThat(amounts(selection))
        .containsExactlyEntriesOf(
            new TreeMap<>(Map.of("cpu-millicores", 500L, "memory-mib", 512L)));
    // One unit price per RP (Table 1), its lowest ceiling: rp-a min(30, 25) = 25, rp-b min(35, 20)
    // = 20; rp-b is cheapest in both categories and takes the whole slice.
    assertThat(selection.get("totalPrice").getAsLong()).isEqualTo(20 * (500 + 512));
    assertThat(selection.get("federated").getAsBoolean()).isFalse();
  }

  @Test
  void categoryThatOptsIntoMore_mayGetMoreButNeverBeyondItsMaxAmount() throws Exception {
    JsonObject selection =
        select(
            List.of(
                Map.of("category", "cpu-millicores", "amount", 500, "maxAmount", 800),
                Map.of("category", "memory-mib", "amount", 512)),
            null);

    // The budget sets both maximum unit prices to ⌊50000 / 1012⌋ = 49 and leaves cpu a spending
    // limit of 24,703: at rp-a's 30 the tenant would take ⌊49·504/30⌋ − 4 = 819 millicores, so
    // its maxAmount of 800 binds. Memory did not opt in and gets its 512.
    Map<String, Long> amounts = amounts(selection);
    assertThat(amounts.get("memory-mib")).isEqualTo(512);
    assertThat(amounts.get("cpu-millicores")).isEqualTo(800);
  }
}
