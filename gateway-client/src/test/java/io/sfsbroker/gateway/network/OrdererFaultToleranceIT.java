package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Raft cluster of five orderers tolerates two crashed orderers, the leader among them, and
 * refuses work without a quorum instead of committing part of it.
 */
class OrdererFaultToleranceIT {

  /** Deadlines short enough that a fault shows within seconds; for the fault tests. */
  static final Deadlines SHORT =
      new Deadlines(
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30));

  @Test
  void twoOrderersCrashIncludingTheLeader_transactionsCommit_aThirdCrash_stopsCommitsCleanly() {
    TestNetwork network = TestNetwork.running();
    NetworkProfile profile = network.profile();
    List<String> killed = new ArrayList<>();
    try (GatewayConnection connection = GatewayConnection.asUser(profile.org("broker"), SHORT)) {
      ChaincodeClient client =
          new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
      network.awaitStatus(
          "a Raft leader", Duration.ofSeconds(60), s -> network.raftLeader() != null);

      String leader = network.raftLeader();
      String follower =
          network.orderers().stream()
              .map(o -> o.get("name").getAsString())
              .filter(n -> !n.equals(leader))
              .findFirst()
              .orElseThrow();
      crash(network, leader, killed);
      crash(network, follower, killed);
      network.awaitStatus(
          "a new Raft leader among the three survivors",
          Duration.ofSeconds(60),
          s -> network.raftLeader() != null);

      String survivorKey = "survivor-" + System.nanoTime();
      assertThat(
              client
                  .submit(TransactionName.PROBE_RECORD, survivorKey, "committed by three")
                  .result())
          .isEqualTo("committed by three");

      crash(network, network.raftLeader(), killed);
      String lostKey = "no-quorum-" + System.nanoTime();
      assertThatThrownBy(
              () -> client.submit(TransactionName.PROBE_RECORD, lostKey, "must not commit"))
          .isInstanceOfSatisfying(
              LedgerException.class,
              e -> {
                System.out.printf(
                    "[fault] submit without a quorum failed at %s with %s: %s%n",
                    e.stage(), e.code(), e.getMessage());
                assertThat(e.stage()).isIn(Stage.SUBMIT, Stage.COMMIT_STATUS);
                assertThat(e.code()).isIn("UNAVAILABLE", "DEADLINE_EXCEEDED", "ABORTED");
              });

      for (String name : List.copyOf(killed)) {
        network.sfsbroker("network", "start", name);
        killed.remove(name);
      }
      JsonObject healed =
          network.awaitStatus(
              "all five orderers and every peer at one block height",
              Duration.ofSeconds(120),
              OrdererFaultToleranceIT::allAtOneHeight);
      System.out.printf("[fault] after recovery every node is at height %s%n", heights(healed));

      assertThat(client.evaluate(TransactionName.PROBE_READ, survivorKey))
          .isEqualTo("committed by three");
      assertThatThrownBy(() -> client.evaluate(TransactionName.PROBE_READ, lostKey))
          .isInstanceOfSatisfying(
              LedgerException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
      for (var org : profile.orgs()) {
        commitsAgainThrough(network, org);
      }
    } finally {
      for (String name : killed) {
        network.sfsbroker("network", "start", name);
      }
    }
  }

  /**
   * Waits until a transaction commits through {@code org}'s peer again: after the restart its
   * Gateway may need a few seconds to reconnect to the orderers it saw fail.
   */
  private static void commitsAgainThrough(
      final TestNetwork network, final io.sfsbroker.gateway.connection.OrgProfile org) {
    NetworkProfile profile = network.profile();
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(90);
    try (GatewayConnection connection = GatewayConnection.asUser(org, Deadlines.DEFAULT)) {
      ChaincodeClient client =
          new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
      while (true) {
        try {
          client.submit(
              TransactionName.PROBE_RECORD, "healed-" + System.nanoTime(), "through " + org.org());
          return;
        } catch (LedgerException e) {
          if (java.time.Instant.now().isAfter(deadline)) {
            throw new AssertionError(
                "no transaction committed through " + org.peer() + " 90 s after recovery", e);
          }
          System.out.printf("[fault] %s not ready yet (%s), retrying%n", org.peer(), e.code());
        }
      }
    }
  }

  private static void crash(
      final TestNetwork network, final String name, final List<String> killed) {
    network.sfsbroker("network", "stop", name, "--kill");
    killed.add(name);
    System.out.printf("[fault] killed %s%n", name);
  }

  private static boolean allAtOneHeight(final JsonObject status) {
    Set<String> heights = heights(status);
    boolean allRunning = true;
    for (String group : List.of("orderers", "peers")) {
      for (JsonElement node : status.getAsJsonArray(group)) {
        allRunning &= node.getAsJsonObject().get("running").getAsBoolean();
      }
    }
    return allRunning && heights.size() == 1 && !heights.contains("null");
  }

  private static Set<String> heights(final JsonObject status) {
    Set<String> heights = new TreeSet<>();
    for (String group : List.of("orderers", "peers")) {
      for (JsonElement node : status.getAsJsonArray(group)) {
        heights.add(node.getAsJsonObject().get("height").toString());
      }
    }
    return heights;
  }
}
