package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The whole network (five orderers, three peers, the three orgs' chaincode servers) stopped cleanly
 * and then crashed at once, each time on the ledger that every other integration test left behind:
 * after {@code network up} the ledger is the same — every slice, token and balance — and new
 * transactions commit. Runs last ({@link ClassOrderer.OrderAnnotation} in
 * junit-platform.properties), so the Raft log it restarts on holds the whole suite's traffic: fault
 * tests, batching updates and large transactions.
 */
@Order(Integer.MAX_VALUE)
class WholeNetworkRestartIT {

  private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);

  @Test
  void cleanStopThenCrashOfEveryNode_keepTheLedger_andNewTransactionsCommit() throws Exception {
    TestNetwork network = TestNetwork.running();
    String sliceId;
    String fogAccount;
    String rpAccount;
    try (NetworkClients clients = new NetworkClients()) {
      InServiceSlice slice = InServiceSlice.create(clients);
      sliceId = slice.sliceId();
      fogAccount = slice.fog().account();
      rpAccount = slice.rp().account();
    }
    Fingerprint before = Fingerprint.read(sliceId, fogAccount, rpAccount);
    long heightBefore = minPeerHeight(network);
    assertThat(before.slice().get("state").getAsString()).isEqualTo("IN_SERVICE");
    System.out.printf(
        "[restart] before: height %d, %d slices, %d tokens%n",
        heightBefore, before.slices().size(), before.totalSupply());

    for (String mode : List.of("clean", "crash")) {
      Instant stopped = Instant.now();
      if (mode.equals("crash")) {
        network.sfsbroker("network", "down", "--kill");
      } else {
        network.sfsbroker("network", "down");
      }
      Instant started = Instant.now();
      network.sfsbroker("network", "up");
      Duration up = Duration.between(started, Instant.now());
      assertThat(up).isLessThan(UP_TIMEOUT);

      long heightAfter = minPeerHeight(network);
      assertThat(heightAfter)
          .as("every peer keeps its blocks after a %s restart", mode)
          .isGreaterThanOrEqualTo(heightBefore);
      Fingerprint after = Fingerprint.read(sliceId, fogAccount, rpAccount);
      assertThat(after).as("the ledger after a %s restart", mode).isEqualTo(before);
      String key = "restart-" + mode + "-" + System.nanoTime();
      try (NetworkClients clients = new NetworkClients()) {
        assertThat(clients.bridge().submit(TransactionName.PROBE_RECORD, key, mode).result())
            .isEqualTo(mode);
        assertThat(clients.tenantsAdmin().evaluate(TransactionName.PROBE_READ, key))
            .isEqualTo(mode);
      }
      System.out.printf(
          "[restart] %s: network up took %d ms (down at %s), height %d -> %d, ledger unchanged,"
              + " a new transaction committed%n",
          mode, up.toMillis(), stopped, heightBefore, heightAfter);
      heightBefore = minPeerHeight(network);
    }
  }

  private static long minPeerHeight(final TestNetwork network) {
    long min = Long.MAX_VALUE;
    for (JsonElement peer : network.status().getAsJsonArray("peers")) {
      JsonElement height = peer.getAsJsonObject().get("height");
      assertThat(height.isJsonNull()).as("a peer answers with its height").isFalse();
      min = Math.min(min, height.getAsLong());
    }
    return min;
  }

  /**
   * What must survive a restart: every slice on the ledger, the number of tokens, the slice this
   * test made (with its history and escrow) and its parties' balances and tokens.
   */
  private record Fingerprint(
      List<String> slices,
      long totalSupply,
      JsonObject slice,
      String history,
      String escrow,
      String fogBalance,
      String rpBalance,
      String fogTokens) {

    static Fingerprint read(final String sliceId, final String fog, final String rp)
        throws InterruptedException {
      Instant deadline = Instant.now().plusSeconds(90);
      while (true) {
        try (NetworkClients clients = new NetworkClients()) {
          ChaincodeClient ledger = clients.tenantsAdmin();
          return new Fingerprint(
              allSlices(ledger),
              Json.parseObject(ledger.evaluate(TransactionName.NFT_TOTAL_SUPPLY))
                  .get("totalSupply")
                  .getAsLong(),
              Json.parseObject(ledger.evaluate(TransactionName.SLICE_GET_SLICE, sliceId)),
              ledger.evaluate(TransactionName.SLICE_GET_SLICE_HISTORY, sliceId),
              ledger.evaluate(TransactionName.CREDIT_GET_ESCROW, sliceId),
              ledger.evaluate(TransactionName.CREDIT_BALANCE_OF, fog),
              ledger.evaluate(TransactionName.CREDIT_BALANCE_OF, rp),
              ledger.evaluate(
                  TransactionName.NFT_LIST_BY_OWNER,
                  Json.toJson(Map.of("owner", fog, "pageSize", 200))));
        } catch (LedgerException e) {
          // Right after `network up` a peer may still be reconnecting its Gateway.
          if (Instant.now().isAfter(deadline)) {
            throw e;
          }
          Thread.sleep(2000);
        }
      }
    }

    private static List<String> allSlices(final ChaincodeClient ledger) {
      List<String> slices = new ArrayList<>();
      String bookmark = "";
      while (true) {
        JsonObject page =
            Json.parseObject(
                ledger.evaluate(
                    TransactionName.SLICE_LIST_SLICES,
                    Json.toJson(Map.of("pageSize", 200, "bookmark", bookmark))));
        page.getAsJsonArray("items").forEach(item -> slices.add(item.toString()));
        String next =
            page.has("bookmark") && !page.get("bookmark").isJsonNull()
                ? page.get("bookmark").getAsString()
                : "";
        if (page.getAsJsonArray("items").isEmpty() || next.isEmpty() || next.equals(bookmark)) {
          return slices;
        }
        bookmark = next;
      }
    }
  }
}
