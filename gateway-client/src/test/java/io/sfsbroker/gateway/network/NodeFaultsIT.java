package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hyperledger.fabric.client.Transaction;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults of single nodes on the real network (issue 10 item 5), each injected by pid through {@code
 * ./sfsbroker network stop|start NODE}: a peer down (MAJORITY still endorses, the peer catches up),
 * one org's chaincode server killed (MAJORITY still endorses through the other two orgs' servers),
 * then all three (a clear ENDORSE failure) and restarted, and the Raft leader killed while requests
 * are in flight (each request commits exactly once). Each prints its time to recover.
 *
 * <p>The tests run in the order of their names, so the Raft leader's crash comes last: right after
 * it the cluster may still be settling, which a test that submits once would take for a fault.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class NodeFaultsIT {

  private static final Deadlines SHORT = OrdererFaultToleranceIT.SHORT;

  @Test
  void onePeerOfThreeDown_majorityStillEndorses_andThePeerCatchesUp() {
    TestNetwork network = TestNetwork.running();
    NetworkProfile profile = network.profile();
    try (GatewayConnection connection = GatewayConnection.asUser(profile.org("broker"), SHORT)) {
      ChaincodeClient client =
          new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
      network.sfsbroker("network", "stop", "peer0.tenants", "--kill");
      Instant down = Instant.now();
      List<String> keys = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          String key = "peer-down-" + System.nanoTime();
          assertThat(client.submit(TransactionName.PROBE_RECORD, key, "two of three").result())
              .isEqualTo("two of three");
          keys.add(key);
        }
        System.out.printf(
            Locale.ROOT,
            "[fault] peer0.tenants down: 3 transactions committed in %d ms%n",
            Duration.between(down, Instant.now()).toMillis());
      } finally {
        network.sfsbroker("network", "start", "peer0.tenants");
      }
      Instant restarted = Instant.now();
      network.awaitStatus(
          "every peer at one height", Duration.ofSeconds(90), NodeFaultsIT::peersAtOneHeight);
      System.out.printf(
          Locale.ROOT,
          "[fault] peer0.tenants caught up %d ms after its restart%n",
          Duration.between(restarted, Instant.now()).toMillis());
      try (GatewayConnection tenants =
          GatewayConnection.asUser(profile.org("tenants"), Deadlines.DEFAULT)) {
        ChaincodeClient viaTenants =
            new ChaincodeClient(tenants.network(profile.channel()), profile.chaincode());
        for (String key : keys) {
          assertThat(viaTenants.evaluate(TransactionName.PROBE_READ, key))
              .isEqualTo("two of three");
        }
      }
    }
  }

  @Test
  void chaincodeServers_oneDownStillEndorses_allDownFailAtEndorse_andNothingIsLost() {
    TestNetwork network = TestNetwork.running();
    NetworkProfile profile = network.profile();
    try (GatewayConnection connection = GatewayConnection.asUser(profile.org("broker"), SHORT)) {
      ChaincodeClient client =
          new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
      String before = "before-cc-crash-" + System.nanoTime();
      client.submit(TransactionName.PROBE_RECORD, before, "kept");

      String oneDown = "one-cc-down-" + System.nanoTime();
      String during = "during-cc-crash-" + System.nanoTime();
      try {
        network.sfsbroker("network", "stop", "chaincode.tenants", "--kill");
        Instant tenantsKilled = Instant.now();
        assertThat(client.submit(TransactionName.PROBE_RECORD, oneDown, "two of three").result())
            .isEqualTo("two of three");
        System.out.printf(
            Locale.ROOT,
            "[fault] chaincode.tenants down: a transaction committed (MAJORITY) in %d ms%n",
            Duration.between(tenantsKilled, Instant.now()).toMillis());

        network.sfsbroker("network", "stop", "chaincode", "--kill");
        Instant killed = Instant.now();
        LedgerException refused = null;
        try {
          client.submit(TransactionName.PROBE_RECORD, during, "must not commit");
        } catch (LedgerException e) {
          refused = e;
        }
        assertThat(refused).as("a submit while every chaincode server is down").isNotNull();
        assertThat(refused.stage()).isEqualTo(Stage.ENDORSE);
        System.out.printf(
            Locale.ROOT,
            "[fault] every chaincode server down: the submit failed at %s with %s after %d ms%n",
            refused.stage(),
            refused.code(),
            Duration.between(killed, Instant.now()).toMillis());
      } finally {
        network.sfsbroker("network", "start", "chaincode");
      }
      Instant restarted = Instant.now();
      String after = "after-cc-crash-" + System.nanoTime();
      submitUntilCommitted(client, after, Duration.ofSeconds(90));
      System.out.printf(
          Locale.ROOT,
          "[fault] chaincode servers restarted: a transaction committed %d ms after the restart%n",
          Duration.between(restarted, Instant.now()).toMillis());
      assertThat(client.evaluate(TransactionName.PROBE_READ, before)).isEqualTo("kept");
      assertThat(client.evaluate(TransactionName.PROBE_READ, oneDown)).isEqualTo("two of three");
      assertThat(client.evaluate(TransactionName.PROBE_READ, after)).isEqualTo("after");
      try {
        client.evaluate(TransactionName.PROBE_READ, during);
        throw new AssertionError("the transaction sent while the chaincode was down committed");
      } catch (LedgerException e) {
        assertThat(e.code()).isEqualTo("NOT_FOUND");
      }
    }
  }

  @Test
  void raftLeaderKilledWithRequestsInFlight_eachRequestCommitsExactlyOnce() throws Exception {
    TestNetwork network = TestNetwork.running();
    NetworkProfile profile = network.profile();
    NetworkClients clients = new NetworkClients();
    String leader = null;
    try (GatewayConnection connection = GatewayConnection.asUser(profile.org("broker"), SHORT);
        clients) {
      ChaincodeClient client =
          new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
      network.awaitStatus(
          "a Raft leader", Duration.ofSeconds(60), s -> network.raftLeader() != null);
      NetworkDevice fog = NetworkDevice.register(clients.tenantsAdmin(), "fog", "FOG_NODE");
      clients.fund(fog, 1_000_000);
      int requests = 12;
      List<String> envelopes = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        envelopes.add(
            fog.sign(
                MessageType.SLICE_REQUEST,
                Map.of(
                    "categories",
                    List.of(Map.of("category", "cpu-millicores", "amount", 100, "maxUnitPrice", 9)),
                    "offerWindowSeconds",
                    600)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      Instant start = Instant.now();
      List<Future<Committed>> inFlight = new ArrayList<>();
      try {
        for (String envelope : envelopes) {
          inFlight.add(pool.submit(() -> commitOnce(client, envelope, Duration.ofSeconds(120))));
        }
        Thread.sleep(300);
        leader = network.raftLeader();
        network.sfsbroker("network", "stop", leader, "--kill");
        System.out.printf("[fault] killed the Raft leader %s with requests in flight%n", leader);
        Set<String> ids = new TreeSet<>();
        for (Future<Committed> future : inFlight) {
          ids.add(Json.parseObject(future.get().result()).get("id").getAsString());
        }
        System.out.printf(
            Locale.ROOT,
            "[fault] all %d requests committed %d ms after they were sent%n",
            requests,
            Duration.between(start, Instant.now()).toMillis());
        assertThat(ids).hasSize(requests);
        for (String id : ids) {
          JsonObject request =
              Json.parseObject(client.evaluate(TransactionName.REQUEST_GET_REQUEST, id));
          assertThat(request.get("tenantId").getAsString()).isEqualTo(fog.id());
        }
        // Each envelope once: sending any of them again is a replay.
        for (String envelope : envelopes) {
          try {
            client.submit(TransactionName.REQUEST_SUBMIT_SLICE_REQUEST, envelope);
            throw new AssertionError("an envelope was applied twice");
          } catch (LedgerException e) {
            assertThat(e.code()).isIn("REPLAY", "EXPIRED");
          }
        }
      } finally {
        pool.shutdownNow();
        if (leader != null) {
          network.sfsbroker("network", "start", leader);
          // The next test class must find the cluster serving: the old leader has rejoined and a
          // transaction commits through the Gateway again.
          network.awaitStatus(
              "a Raft leader", Duration.ofSeconds(60), s -> network.raftLeader() != null);
          submitUntilCommitted(client, "leader-rejoined-" + leader, Duration.ofSeconds(120));
        }
      }
    }
  }

  /**
   * What any client that must not apply a transaction twice does: endorse once, then send the same
   * signed transaction (same id) until the ledger answers; the ledger applies one id at most once.
   */
  private static Committed commitOnce(
      final ChaincodeClient client, final String envelope, final Duration patience)
      throws InterruptedException {
    Instant end = Instant.now().plus(patience);
    Transaction endorsed = null;
    while (endorsed == null) {
      try {
        endorsed = client.endorse(TransactionName.REQUEST_SUBMIT_SLICE_REQUEST, envelope);
      } catch (LedgerException e) {
        if (Instant.now().isAfter(end)) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
    while (true) {
      try {
        return client.awaitCommit(client.submitEndorsed(endorsed), endorsed.getResult());
      } catch (LedgerException e) {
        if ("DUPLICATE_TXID".equals(e.code())) {
          return new Committed(endorsed.getTransactionId(), -1, new String(endorsed.getResult()));
        }
        if (Instant.now().isAfter(end)) {
          throw e;
        }
        Thread.sleep(1000);
      }
    }
  }

  private static void submitUntilCommitted(
      final ChaincodeClient client, final String key, final Duration patience) {
    Instant end = Instant.now().plus(patience);
    while (true) {
      try {
        client.submit(TransactionName.PROBE_RECORD, key, "after");
        return;
      } catch (LedgerException e) {
        if (Instant.now().isAfter(end)) {
          throw new AssertionError("nothing committed " + patience + " after the restart", e);
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new AssertionError(interrupted);
        }
      }
    }
  }

  private static boolean peersAtOneHeight(final JsonObject status) {
    Set<String> heights = new TreeSet<>();
    for (JsonElement node : status.getAsJsonArray("peers")) {
      JsonObject peer = node.getAsJsonObject();
      if (!peer.get("running").getAsBoolean()) {
        return false;
      }
      heights.add(peer.get("height").toString());
    }
    return heights.size() == 1 && !heights.contains("null");
  }
}
