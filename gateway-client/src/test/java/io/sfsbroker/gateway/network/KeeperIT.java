package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.keeper.Keeper;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.testbed.Governance;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.governance.Setting;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deadlines fire by themselves on the real network: a keeper (the one the bridge runs) closes offer
 * windows, decommissions a slice whose validity ended, times out an award nobody instantiated and
 * refunds it exactly once, and after being stopped past a deadline fires it when it starts again —
 * the ledger is its only schedule. Each path prints how long after its deadline it fired.
 */
class KeeperIT {

  private static final Duration INTERVAL = Duration.ofMillis(500);
  private static final Duration GRACE = Duration.ofSeconds(1);
  private static final long FUNDS = 100_000;
  private static final long PRICE = 250 * 10;

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

  @Test
  void offerWindowAndValidity_endByThemselves_andTheRpIsPaidOnce() throws Exception {
    try (Keeper keeper = startKeeper()) {
      Market market = Market.open(8);
      JsonObject awarded = waitForState(market.id(), "AWARDED", Duration.ofSeconds(60));
      report("offer window closed", market.offerDeadline(), awarded);

      market.instantiate();
      market.confirmService();
      JsonObject serving = slice(market.id());
      assertThat(serving.get("state").getAsString()).isEqualTo("IN_SERVICE");
      Instant validUntil = Instant.parse(serving.get("validUntil").getAsString());

      JsonObject ended = waitForState(market.id(), "DECOMMISSIONED", Duration.ofSeconds(60));
      report("validity ended", validUntil, ended);
      assertThat(escrowState(market.id())).isEqualTo("RELEASED");
      assertThat(balance(market.rp().account())).isEqualTo(PRICE);
      assertThat(balance(market.fog().account())).isEqualTo(FUNDS - PRICE);
      assertThat(due(market.id())).isFalse();
    }
  }

  @Test
  void awardNobodyInstantiates_timesOutByItself_andIsRefundedOnce() throws Exception {
    ChaincodeClient admin = clients.brokerAdmin();
    long before =
        Json.parseObject(admin.evaluate(TransactionName.CATALOG_GET_CONFIG))
            .get("instantiationTimeoutSeconds")
            .getAsLong();
    Governance.change(clients.profile(), Setting.BROKER, "{\"instantiationTimeoutSeconds\":6}");
    try (Keeper keeper = startKeeper()) {
      Market market = Market.open(3600);
      JsonObject awarded = waitForState(market.id(), "AWARDED", Duration.ofSeconds(60));
      assertThat(balance(market.fog().account())).isEqualTo(FUNDS - PRICE);
      Instant deadline = Instant.parse(awarded.get("confirmationDeadline").getAsString());

      JsonObject ended = waitForState(market.id(), "TIMED_OUT", Duration.ofSeconds(60));
      report("instantiation timed out", deadline, ended);
      assertThat(escrowState(market.id())).isEqualTo("REFUNDED");
      assertThat(balance(market.fog().account())).isEqualTo(FUNDS);
      assertThat(balance(market.rp().account())).isZero();
      Thread.sleep(3 * INTERVAL.toMillis());
      assertThat(balance(market.fog().account())).isEqualTo(FUNDS);
    } finally {
      Governance.change(
          clients.profile(), Setting.BROKER, "{\"instantiationTimeoutSeconds\":" + before + "}");
    }
  }

  @Test
  void keeperStoppedPastADeadline_firesItWhenItStartsAgain() throws Exception {
    Market market = Market.open(3600);
    sleepUntil(market.offerDeadline().plus(GRACE).plusSeconds(3));
    assertThat(slice(market.id()).get("state").getAsString()).isEqualTo("OFFERING");
    assertThat(due(market.id())).isTrue();

    Instant started = Instant.now();
    try (Keeper keeper = startKeeper()) {
      JsonObject awarded = waitForState(market.id(), "AWARDED", Duration.ofSeconds(60));
      System.out.printf(
          Locale.ROOT,
          "[keeper] restarted %d s after the deadline; fired %d ms after its start%n",
          Duration.between(market.offerDeadline(), started).toSeconds(),
          Duration.between(started, Instant.parse(awarded.get("updatedAt").getAsString()))
              .toMillis());
    }
  }

  private static Keeper startKeeper() {
    return Keeper.start(bridge, Clock.systemUTC(), INTERVAL, GRACE);
  }

  /** A request with one offer, opened now with a 5 s window; nobody closes it but a keeper. */
  private record Market(String id, Instant offerDeadline, NetworkDevice fog, NetworkDevice rp) {

    static Market open(final long validitySeconds) {
      NetworkDevice fog = NetworkDevice.register(clients.tenantsAdmin(), "fog", "FOG_NODE");
      NetworkDevice rp =
          NetworkDevice.register(clients.providersAdmin(), "rp", "RESOURCE_PROVIDER");
      clients.fund(fog, FUNDS);
      Map<String, Object> request = new LinkedHashMap<>();
      request.put(
          "categories",
          List.of(Map.of("category", "cpu-millicores", "amount", 250, "maxUnitPrice", 20)));
      request.put("offerWindowSeconds", 5);
      request.put("validitySeconds", validitySeconds);
      request.put("strategy", "LOWEST_OFFER");
      JsonObject blueprint =
          Json.parseObject(
              bridge
                  .submit(
                      TransactionName.REQUEST_SUBMIT_SLICE_REQUEST,
                      fog.sign(MessageType.SLICE_REQUEST, request))
                  .result());
      String id = blueprint.get("id").getAsString();
      Map<String, Object> line =
          Map.of(
              "category", "cpu-millicores", "unitPrice", 10, "available", 500, "reservePrice", 4);
      bridge.submit(
          TransactionName.OFFER_SUBMIT_OFFER,
          rp.sign(MessageType.OFFER, Map.of("blueprintId", id, "categories", List.of(line))));
      return new Market(id, Instant.parse(blueprint.get("offerDeadline").getAsString()), fog, rp);
    }

    void instantiate() {
      Map<String, Object> part =
          Map.of(
              "category",
              "cpu-millicores",
              "host",
              "127.0.0.1",
              "ports",
              List.of(18998),
              "instanceId",
              "sfsb-" + id + "-cpu");
      bridge.submit(
          TransactionName.SLICE_CONFIRM_INSTANTIATION,
          rp.sign(
              MessageType.INSTANTIATION_CONFIRMATION,
              Map.of("sliceId", id, "parts", List.of(part))));
    }

    void confirmService() {
      bridge.submit(
          TransactionName.SLICE_CONFIRM_SERVICE,
          fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", id, "status", "RECEIVED")));
    }
  }

  private static JsonObject slice(final String id) {
    return Json.parseObject(bridge.evaluate(TransactionName.SLICE_GET_SLICE, id));
  }

  private static JsonObject waitForState(
      final String id, final String state, final Duration timeout) throws InterruptedException {
    return waitFor(
        () -> {
          JsonObject slice = slice(id);
          return slice.get("state").getAsString().equals(state) ? slice : null;
        },
        timeout,
        "slice " + id + " to become " + state);
  }

  private static <T> T waitFor(final Supplier<T> probe, final Duration timeout, final String what)
      throws InterruptedException {
    Instant end = Instant.now().plus(timeout);
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(250);
    }
  }

  /** Whether the ledger lists a deadline for the slice. */
  private static boolean due(final String sliceId) {
    JsonObject page =
        Json.parseObject(bridge.evaluate(TransactionName.DEADLINE_LIST_DUE, "{\"pageSize\":200}"));
    String subject = "slice:" + sliceId;
    String bookmark = page.get("bookmark").getAsString();
    boolean found =
        page.getAsJsonArray("items").asList().stream()
            .anyMatch(d -> d.getAsJsonObject().get("subject").getAsString().equals(subject));
    while (!found && !bookmark.isEmpty()) {
      page =
          Json.parseObject(
              bridge.evaluate(
                  TransactionName.DEADLINE_LIST_DUE,
                  "{\"pageSize\":200,\"bookmark\":" + Json.toJson(bookmark) + "}"));
      bookmark = page.get("bookmark").getAsString();
      found =
          page.getAsJsonArray("items").asList().stream()
              .anyMatch(d -> d.getAsJsonObject().get("subject").getAsString().equals(subject));
    }
    return found;
  }

  private static String escrowState(final String id) {
    return Json.parseObject(bridge.evaluate(TransactionName.CREDIT_GET_ESCROW, id))
        .get("state")
        .getAsString();
  }

  private static long balance(final String account) {
    return Json.parseObject(bridge.evaluate(TransactionName.CREDIT_BALANCE_OF, account))
        .get("balance")
        .getAsLong();
  }

  private static void report(final String what, final Instant deadline, final JsonObject slice) {
    Instant at = Instant.parse(slice.get("updatedAt").getAsString());
    System.out.printf(
        Locale.ROOT,
        "[keeper] %s: fired %d ms after the deadline %s%n",
        what,
        Duration.between(deadline, at).toMillis(),
        deadline);
  }

  private static void sleepUntil(final Instant when) throws InterruptedException {
    long wait = Duration.between(Instant.now(), when).toMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
