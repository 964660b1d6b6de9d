package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Measures the commit latency of a single transaction (endorse, order, validate, commit) against
 * the block cutting time. It prints figures; it asserts only that the transactions committed and
 * that the channel used the block cutting time being measured.
 */
class CommitLatencyIT {

  private static final int WARM_UP = 2;
  private static final int SAMPLES = 10;

  @Test
  void commitLatency_atBatchTimeoutsOfHalfASecondAndTwoSeconds_isPrinted() {
    TestNetwork network = TestNetwork.running();
    NetworkProfile profile = network.profile();
    String original =
        network.status().getAsJsonObject("batching").get("batchTimeout").getAsString();
    List<String> report = new ArrayList<>();
    try (GatewayConnection connection =
        GatewayConnection.asUser(profile.org("broker"), Deadlines.DEFAULT)) {
      ChaincodeClient client =
          new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
      for (String batchTimeout : List.of("0.5s", "2s")) {
        network.sfsbroker("network", "up", "--batch-timeout", batchTimeout);
        assertThat(network.status().getAsJsonObject("batching").get("batchTimeout").getAsString())
            .isEqualTo(batchTimeout);
        for (int i = 0; i < WARM_UP; i++) {
          client.submit(TransactionName.PROBE_RECORD, "warm-" + System.nanoTime(), "warm-up");
        }
        long[] millis = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
          long start = System.nanoTime();
          client.submit(
              TransactionName.PROBE_RECORD, "latency-" + System.nanoTime(), "sample " + i);
          millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        report.add(summary(batchTimeout, millis));
      }
    } finally {
      network.sfsbroker("network", "up", "--batch-timeout", original);
    }
    System.out.println("[latency] single-transaction commit latency through the Gateway");
    report.forEach(System.out::println);
  }

  private static String summary(final String batchTimeout, final long[] millis) {
    long[] sorted = millis.clone();
    java.util.Arrays.sort(sorted);
    double mean = java.util.Arrays.stream(sorted).average().orElse(0);
    return String.format(
        Locale.ROOT,
        "[latency] BatchTimeout %-4s  n=%d  mean %.0f ms  median %d ms  min %d ms  max %d ms",
        batchTimeout,
        sorted.length,
        mean,
        sorted[sorted.length / 2],
        sorted[0],
        sorted[sorted.length - 1]);
  }
}
