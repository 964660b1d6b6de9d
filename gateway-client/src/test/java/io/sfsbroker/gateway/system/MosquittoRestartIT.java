package io.sfsbroker.gateway.system;

import static io.sfsbroker.gateway.system.WireTap.notice;
import static io.sfsbroker.gateway.system.WireTap.receiptTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.fog.SliceReport;
import io.sfsbroker.gateway.system.SystemStack.Fog;
import io.sfsbroker.gateway.system.SystemStack.Pending;
import io.sfsbroker.gateway.system.SystemStack.Rp;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Downlink;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mosquitto stopped mid-flow ({@code ./sfsbroker mqtt down}) and started again: the ledger goes on
 * without it (the bridge closes the window it knows of), what the bridge must tell devices waits,
 * what devices send waits in their durable outboxes, and once the broker is back both slices reach
 * service with every request, offer and confirmation on the ledger exactly once.
 */
class MosquittoRestartIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final long WINDOW_SECONDS = 6;

  private static SystemStack stack;
  private static WireTap tap;

  @BeforeAll
  static void start() throws Exception {
    stack = new SystemStack("mqtt-restart");
    stack.startBridge();
    tap = stack.tap();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void mosquittoRestartedMidFlow_losesNothing_appliesNothingTwice() throws Exception {
    Rp rp = stack.rp("rp-mq", SystemStack.terms(4000, 4096));
    Fog early = stack.fog("fog-mq-a");
    Fog late = stack.fog("fog-mq-b");

    // Before the outage: slice A is requested, committed, and the RP's offer committed.
    long began = System.nanoTime();
    Pending a = SystemStack.request(early, SystemStack.request(WINDOW_SECONDS), true);
    assertThat(
            tap.await(
                    "the offer's receipt",
                    WAIT,
                    receiptTo(rp.id()).and(m -> a.sliceId().equals(m.result("blueprintId"))))
                .field("status"))
        .isEqualTo("COMMITTED");

    Pending b;
    long outageMillis;
    stack.broker.stopMosquitto();
    long stopped = System.nanoTime();
    try {
      // During the outage: the window of A closes on the ledger; its award cannot reach the RP.
      JsonObject selection = stack.broker.awaitSelection(a.sliceId());
      assertThat(selection.get("status").getAsString()).isEqualTo("SELECTED");
      assertThat(stack.sliceState(a.sliceId())).isEqualTo("AWARDED");
      assertThat(stack.containersOf(a.sliceId())).as("no award heard yet").isEmpty();

      // Slice B is requested while the broker is away: it waits in the fog node's outbox.
      b = SystemStack.request(late, SystemStack.request(WINDOW_SECONDS), true);
      assertThat(b.progress().poll(20, TimeUnit.SECONDS)).contains("queued in the outbox");
      assertThat(stack.find(TransactionName.REQUEST_GET_REQUEST, b.sliceId())).isEmpty();
    } finally {
      stack.broker.startMosquitto();
      outageMillis = (System.nanoTime() - stopped) / 1_000_000;
    }

    // After the outage: both slices reach service through the agents.
    SliceReport reportA = a.report().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    long handoverA = (System.nanoTime() - began) / 1_000_000;
    SliceReport reportB = b.report().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    for (SliceReport report : List.of(reportA, reportB)) {
      assertThat(report.outcome()).isEqualTo(SliceReport.Outcome.CONFIRMED);
      assertThat(report.ports()).isNotEmpty().allMatch(SliceReport.PortCheck::reached);
    }

    // Exactly once on the ledger: one request, one offer, one selection, one part, each state once.
    for (String id : List.of(a.sliceId(), b.sliceId())) {
      assertThat(stack.read(TransactionName.REQUEST_GET_REQUEST, id).toString()).contains(id);
      assertThat(
              stack
                  .read(TransactionName.OFFER_LIST_OFFERS, Json.toJson(Map.of("blueprintId", id)))
                  .getAsJsonArray("items"))
          .as("offers on " + id)
          .hasSize(1);
      assertThat(
              stack.read(TransactionName.SELECTION_GET_SELECTION, id).get("offerCount").getAsInt())
          .isEqualTo(1);
      assertThat(stack.readList(TransactionName.SLICE_GET_SLICE_PARTS, id)).hasSize(1);
      assertThat(stack.transitions(id))
          .containsExactly("OFFERING", "AWARDED", "ACTIVE", "IN_SERVICE");
      assertThat(stack.read(TransactionName.CREDIT_GET_ESCROW, id).get("state").getAsString())
          .isEqualTo("RELEASED");
      assertThat(stack.containersOf(id)).as("containers of " + id).hasSize(1);
    }
    // The award of A reached the RP once the broker was back.
    tap.await(
        "the award of A",
        WAIT,
        notice(rp.id(), Downlink.AWARD, "SliceAwarded", "sliceId", a.sliceId()));

    // Every message of every device was answered COMMITTED, each by one transaction (a receipt
    // sent again after a redelivery names the same one).
    for (String device : List.of(early.id(), late.id(), rp.id())) {
      List<WireTap.Message> receipts = tap.all(receiptTo(device));
      assertThat(receipts).as("receipts of " + device).isNotEmpty();
      Map<String, Set<String>> transactions = new TreeMap<>();
      for (WireTap.Message receipt : receipts) {
        assertThat(receipt.field("status")).as(receipt.toString()).isEqualTo("COMMITTED");
        transactions
            .computeIfAbsent(receipt.field("nonce"), k -> new TreeSet<>())
            .add(receipt.field("transactionId"));
      }
      assertThat(transactions.values()).allSatisfy(t -> assertThat(t).hasSize(1));
    }

    // Both slices end, and their containers go.
    for (Pending pending : List.of(a, b)) {
      Fog fog = pending == a ? early : late;
      assertThat(fog.agent().decommission(pending.sliceId()).state()).isEqualTo("DECOMMISSIONED");
      SystemStack.await(
          "the containers of " + pending.sliceId() + " removed",
          WAIT,
          () ->
              stack.containersOf(pending.sliceId()).isEmpty()
                  ? Optional.of(true)
                  : Optional.empty());
    }

    System.out.printf(
        "MosquittoRestartIT: outage %d ms; slice A request -> handover %d ms (agent: %d ms);"
            + " slice B request (queued) -> handover %d ms, end to end %d ms%n",
        outageMillis,
        handoverA,
        reportA.timings().handover(),
        reportB.timings().handover(),
        reportB.timings().endToEnd());
  }
}
