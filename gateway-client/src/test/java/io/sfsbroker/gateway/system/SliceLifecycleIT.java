package io.sfsbroker.gateway.system;

import static io.sfsbroker.gateway.system.SystemStack.await;
import static io.sfsbroker.gateway.system.WireTap.notice;
import static io.sfsbroker.gateway.system.WireTap.receiptTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.fog.SliceReport;
import io.sfsbroker.fog.StepReport;
import io.sfsbroker.gateway.system.SystemStack.Fog;
import io.sfsbroker.gateway.system.SystemStack.Rp;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Downlink;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.rp.SliceContainers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paper's twelve steps (numbered as docs/flow.md numbers them) on the real stack: the Fabric
 * network, Mosquitto with TLS, the bridge, the fog-node agent and RP agents in-process, and slices
 * as real Docker containers. Each step is checked where it leaves a trace: the ledger, the MQTT
 * downlinks (seen by a {@link WireTap}), {@code docker inspect}, the slices' ports. Needs {@code
 * -Dsfsbroker.network}, {@code -Dsfsbroker.mqtt} and {@code -Dsfsbroker.docker} (fails without
 * them).
 */
class SliceLifecycleIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final long WINDOW_SECONDS = 6;
  private static final String CPU = SystemStack.CPU;
  private static final String MEMORY = SystemStack.MEMORY;

  private static SystemStack stack;
  private static WireTap tap;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void start() throws Exception {
    stack = new SystemStack("lifecycle");
    stack.startBridge();
    tap = stack.tap();
  }

  @AfterEach
  void stopAgents() {
    stack.closeAgents();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void oneProviderSlice_goesThroughTheTwelveSteps_andDecommissionRemovesItsContainer()
      throws Exception {
    Rp rp = stack.rp("rp-one", SystemStack.terms(2000, 2048));
    Fog fog = stack.fog("fog-one");

    Outcome outcome = twelveSteps(fog, List.of(rp), Map.of(rp.id(), List.of(CPU, MEMORY)), false);

    assertThat(outcome.selection().get("federated").getAsBoolean()).isFalse();
    assertThat(outcome.categoriesByRp()).containsOnlyKeys(rp.id());
    assertThat(outcome.report().federated()).isFalse();
  }

  @Test
  void federatedSlice_needsTwoProviders_eachRunsItsPart_andDecommissionRemovesBoth()
      throws Exception {
    // Neither RP alone can serve the request: one has too little memory, the other too little CPU.
    Rp cpuRp = stack.rp("rp-cpu", SystemStack.terms(2000, 100));
    Rp memoryRp = stack.rp("rp-mem", SystemStack.terms(200, 4096));
    Fog fog = stack.fog("fog-fed");

    Outcome outcome =
        twelveSteps(
            fog,
            List.of(cpuRp, memoryRp),
            Map.of(cpuRp.id(), List.of(CPU), memoryRp.id(), List.of(MEMORY)),
            true);

    assertThat(outcome.selection().get("federated").getAsBoolean()).isTrue();
    assertThat(outcome.categoriesByRp())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(cpuRp.id(), List.of(CPU), memoryRp.id(), List.of(MEMORY)));
    assertThat(outcome.report().federated()).isTrue();
    assertThat(outcome.report().parts()).extracting(SliceReport.Part::rpId).hasSize(2);
  }

  /** What the flow produced, for the checks particular to a test. */
  private record Outcome(
      JsonObject selection, Map<String, List<String>> categoriesByRp, SliceReport report) {}

  /**
   * Runs the twelve steps and checks each.
   *
   * @param offers per RP, the categories it must offer (what it has enough free capacity for)
   * @param agentConfirms whether the fog-node agent confirms service itself after the port checks,
   *     or the test does once it has checked the {@code ACTIVE} slice
   */
  private Outcome twelveSteps(
      final Fog fog,
      final List<Rp> rps,
      final Map<String, List<String>> offers,
      final boolean agentConfirms)
      throws Exception {
    long fogBefore = stack.balance(fog.id());
    Map<String, Long> rpBefore = new TreeMap<>();
    for (Rp rp : rps) {
      rpBefore.put(rp.id(), stack.balance(rp.id()));
    }
    // Step 1: the fog node signs the request and sends it: the slice id is known at once.
    long began = System.nanoTime();
    SystemStack.Pending pending =
        SystemStack.request(fog, SystemStack.request(WINDOW_SECONDS), agentConfirms);
    String id = pending.sliceId();

    // Step 2: the bridge commits it: a COMMITTED receipt naming the slice; the request on the
    // ledger.
    WireTap.Message receipt =
        tap.await(
            "the request's receipt", WAIT, receiptTo(fog.id()).and(m -> id.equals(m.result("id"))));
    assertThat(receipt.field("status")).isEqualTo("COMMITTED");
    assertThat(receipt.field("messageType")).isEqualTo("slice-request");
    JsonObject stored = stack.read(TransactionName.REQUEST_GET_REQUEST, id);
    assertThat(stored.toString()).contains(fog.id());
    assertThat(stack.sliceState(id)).isIn("OFFERING", "AWARDED");

    // Steps 3-4: the blueprint is on the ledger and broadcast to the RPs.
    JsonObject blueprint = stack.read(TransactionName.REQUEST_GET_BLUEPRINT, id);
    assertThat(blueprint.get("tenantId").getAsString()).isEqualTo(fog.id());
    assertThat(blueprint.getAsJsonArray("categories")).hasSize(2);
    Instant deadline = Instant.parse(blueprint.get("offerDeadline").getAsString());
    assertThat(Duration.between(Instant.parse(blueprint.get("openedAt").getAsString()), deadline))
        .isEqualTo(Duration.ofSeconds(WINDOW_SECONDS));
    tap.await(
        "the blueprint",
        WAIT,
        m -> m.topic().equals(Topics.BLUEPRINTS) && id.equals(m.payload("id")));

    // Steps 5-6: each RP finds what it can serve and sends a signed offer; step 7: it is
    // committed in time.
    for (Rp rp : rps) {
      WireTap.Message offerReceipt =
          tap.await(
              "the offer receipt of " + rp.id(),
              WAIT,
              receiptTo(rp.id())
                  .and(m -> "offer".equals(m.field("messageType")))
                  .and(m -> id.equals(m.result("blueprintId"))));
      assertThat(offerReceipt.field("status")).as(offerReceipt.toString()).isEqualTo("COMMITTED");
      JsonObject offer = stack.read(TransactionName.OFFER_GET_OFFER, id, rp.id());
      assertThat(Instant.parse(offer.get("submittedAt").getAsString())).isBeforeOrEqualTo(deadline);
      List<String> offered = new ArrayList<>();
      for (JsonElement element : offer.getAsJsonArray("categories")) {
        JsonObject line = element.getAsJsonObject();
        offered.add(line.get("category").getAsString());
        assertThat(line.get("reservePrice").getAsLong()).as("reserve = cost").isEqualTo(1);
        assertThat(line.get("unitPrice").getAsLong())
            .as("ask = list price, at most the tenant's maximum")
            .isEqualTo(line.get("category").getAsString().equals(CPU) ? 3 : 2);
      }
      assertThat(offered).containsExactlyInAnyOrderElementsOf(offers.get(rp.id()));
      assertThat(rp.agent().inUse()).as("the offer reserves capacity").isNotEmpty();
    }
    assertThat(
            stack
                .read(TransactionName.OFFER_LIST_OFFERS, Json.toJson(Map.of("blueprintId", id)))
                .getAsJsonArray("items"))
        .hasSize(rps.size());

    // Step 8: the window closes and the bridge invokes closeAndSelect; the Stackelberg selection is
    // recorded with winners and prices, and the tenant's credits are locked in escrow.
    JsonObject selection = stack.broker.awaitSelection(id);
    assertThat(selection.get("status").getAsString()).isEqualTo("SELECTED");
    assertThat(selection.get("strategy").getAsString()).isEqualTo("STACKELBERG");
    assertThat(selection.get("offerCount").getAsInt()).isEqualTo(rps.size());
    assertThat(Instant.parse(selection.get("selectedAt").getAsString())).isAfter(deadline);
    Map<String, List<String>> categoriesByRp = new TreeMap<>();
    Map<String, Map<String, Long>> amountsByRp = new TreeMap<>();
    Map<String, Long> earnings = new TreeMap<>();
    long total = 0;
    for (JsonElement element : selection.getAsJsonArray("winners")) {
      JsonObject winner = element.getAsJsonObject();
      String rpId = winner.get("rpId").getAsString();
      String category = winner.get("category").getAsString();
      long amount = winner.get("amount").getAsLong();
      long price = winner.get("price").getAsLong();
      // The request names exact amounts (500 millicores, 256 MiB): that is what is awarded, paid
      // for and, below, given to the container, although the RPs have more free.
      assertThat(amount).as(winner.toString()).isEqualTo(CPU.equals(category) ? 500 : 256);
      assertThat(price).isEqualTo(amount * winner.get("unitPrice").getAsLong());
      categoriesByRp.computeIfAbsent(rpId, k -> new ArrayList<>()).add(category);
      amountsByRp.computeIfAbsent(rpId, k -> new TreeMap<>()).put(category, amount);
      earnings.merge(rpId, price, Long::sum);
      total += price;
    }
    assertThat(categoriesByRp.values().stream().flatMap(List::stream))
        .containsExactlyInAnyOrder(CPU, MEMORY);
    assertThat(selection.get("totalPrice").getAsLong()).isEqualTo(total);
    JsonObject escrow = stack.read(TransactionName.CREDIT_GET_ESCROW, id);
    assertThat(escrow.get("amount").getAsLong()).isEqualTo(total);
    assertThat(escrow.get("state").getAsString()).isIn("LOCKED", "RELEASED");
    assertThat(stack.balance(fog.id())).isEqualTo(fogBefore - total);

    // Step 9: the award notice reaches every winner (and the tenant hears of it).
    for (String rpId : categoriesByRp.keySet()) {
      tap.await(
          "the award to " + rpId,
          WAIT,
          notice(rpId, Downlink.AWARD, "SliceAwarded", "sliceId", id));
    }
    tap.await(
        "the award to the tenant",
        WAIT,
        notice(fog.id(), Downlink.STATUS, "SliceAwarded", "sliceId", id));

    // Step 9: each winner runs its part as a container with exactly the awarded limits.
    Map<String, List<Integer>> portsByRp = new TreeMap<>();
    for (String rpId : categoriesByRp.keySet()) {
      await(
          "the running container of " + rpId,
          WAIT,
          () ->
              stack.containersOf(id).stream()
                  .filter(c -> rpId.equals(c.getLabels().get(SliceContainers.LABEL_RP)))
                  .filter(c -> "running".equals(c.getState()))
                  .findFirst());
      Map<String, Long> amounts = amountsByRp.get(rpId);
      portsByRp.put(
          rpId,
          SystemStack.assertRunsLockedDown(
              stack.inspect(rpId, id),
              amounts.getOrDefault(CPU, 0L),
              amounts.getOrDefault(MEMORY, 0L)));
    }

    // Steps 9-10: each winner confirms with its endpoints: the ledger has every part, the slice is
    // ACTIVE.
    for (String rpId : categoriesByRp.keySet()) {
      WireTap.Message confirmation =
          tap.await(
              "the instantiation receipt of " + rpId,
              WAIT,
              receiptTo(rpId)
                  .and(m -> "instantiation-confirmation".equals(m.field("messageType")))
                  .and(m -> id.equals(m.result("id"))));
      assertThat(confirmation.field("status")).as(confirmation.toString()).isEqualTo("COMMITTED");
    }
    assertThat(stack.sliceState(id)).isIn("ACTIVE", "IN_SERVICE");
    JsonArray parts = stack.readList(TransactionName.SLICE_GET_SLICE_PARTS, id);
    assertThat(parts).hasSize(categoriesByRp.size());
    for (JsonElement element : parts) {
      JsonObject part = element.getAsJsonObject();
      String rpId = part.get("rpId").getAsString();
      List<Integer> confirmed = new ArrayList<>();
      for (JsonElement endpoint : part.getAsJsonArray("endpoints")) {
        endpoint
            .getAsJsonObject()
            .getAsJsonArray("ports")
            .forEach(p -> confirmed.add(p.getAsInt()));
      }
      assertThat(confirmed)
          .as("confirmed ports = published ports")
          .containsExactlyInAnyOrderElementsOf(portsByRp.get(rpId));
    }

    // Steps 11-12: the fog node receives the handover, checks every port and confirms service: the
    // slice is IN_SERVICE and the escrow is released to the RPs.
    SliceReport report = pending.report().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    long handoverMillis = (System.nanoTime() - began) / 1_000_000;
    WireTap.Message ready =
        tap.await("the handover", WAIT, notice(fog.id(), Downlink.SLICE, "SliceReady", "id", id));
    assertThat(ready.payload("state")).isEqualTo("ACTIVE");
    assertThat(report.sliceId()).isEqualTo(id);
    assertThat(report.ports())
        .hasSize(portsByRp.values().stream().mapToInt(List::size).sum())
        .allSatisfy(
            p -> {
              assertThat(p.reached()).as(p.toString()).isTrue();
              assertThat(p.httpStatus()).as(p.toString()).isEqualTo(200);
            });
    for (SliceReport.PortCheck port : report.ports()) {
      JsonObject page = get(port.host(), port.port());
      assertThat(page.get("slice").getAsString()).isEqualTo(id);
      assertThat(page.get("rp").getAsString()).isEqualTo(port.rpId());
      assertThat(page.get("service").getAsString()).isEqualTo(port.category());
    }
    if (agentConfirms) {
      assertThat(report.outcome()).isEqualTo(SliceReport.Outcome.CONFIRMED);
    } else {
      assertThat(report.outcome()).isEqualTo(SliceReport.Outcome.NOT_CONFIRMED);
      assertThat(stack.sliceState(id)).isEqualTo("ACTIVE");
      assertThat(stack.read(TransactionName.CREDIT_GET_ESCROW, id).get("state").getAsString())
          .isEqualTo("LOCKED");
      StepReport service = fog.agent().confirmService(id);
      assertThat(service.state()).isEqualTo("IN_SERVICE");
    }
    assertThat(stack.sliceState(id)).isEqualTo("IN_SERVICE");
    assertThat(stack.read(TransactionName.CREDIT_GET_ESCROW, id).get("state").getAsString())
        .isEqualTo("RELEASED");
    for (Map.Entry<String, Long> earned : earnings.entrySet()) {
      assertThat(stack.balance(earned.getKey()))
          .as("paid to " + earned.getKey())
          .isEqualTo(rpBefore.get(earned.getKey()) + earned.getValue());
    }
    assertThat(stack.balance(fog.id())).isEqualTo(fogBefore - total);

    // After step 12: the fog node releases the slice: every winner removes its container.
    StepReport released = fog.agent().decommission(id);
    assertThat(released.state()).isEqualTo("DECOMMISSIONED");
    assertThat(stack.sliceState(id)).isEqualTo("DECOMMISSIONED");
    for (String rpId : categoriesByRp.keySet()) {
      tap.await(
          "the end notice to " + rpId,
          WAIT,
          notice(rpId, Downlink.STATUS, "SliceDecommissioned", "id", id));
    }
    await(
        "the containers of " + id + " removed",
        WAIT,
        () -> stack.containersOf(id).isEmpty() ? Optional.of(true) : Optional.empty());
    for (List<Integer> ports : portsByRp.values()) {
      for (int port : ports) {
        assertThat(answers(port)).as("port " + port + " after decommission").isFalse();
      }
    }
    for (Rp rp : rps) {
      assertThat(rp.agent().inUse().values())
          .as("nothing held by " + rp.id())
          .allMatch(v -> v == 0);
    }
    assertThat(stack.transitions(id))
        .containsExactly("OFFERING", "AWARDED", "ACTIVE", "IN_SERVICE", "DECOMMISSIONED");

    System.out.printf(
        "%s: %s; receipt %d ms, award %d ms, handover %d ms (agent) / %d ms (test), port checks %d"
            + " ms, end to end %d ms%n",
        getClass().getSimpleName(),
        id,
        report.timings().receipt(),
        report.timings().award(),
        report.timings().handover(),
        handoverMillis,
        report.timings().portChecks(),
        report.timings().endToEnd());
    return new Outcome(selection, categoriesByRp, report);
  }

  private JsonObject get(final String host, final int port) throws Exception {
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    return Json.parseObject(page.body());
  }

  private static boolean answers(final int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
