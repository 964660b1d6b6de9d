package io.sfsbroker.benchmarks.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.benchmarks.support.Progress;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadRoundTest {

  @Test
  void run_countsSuccessesAndFailuresByStageAndCode() {
    LoadRound.Result result =
        LoadRound.run(
            "mixed",
            new LoadRound.Schedule(0, 4, 5),
            9,
            n -> {
              if (n % 3 == 0) {
                throw new LedgerException(Stage.COMMIT, "MVCC_READ_CONFLICT", "tx" + n, "x", null);
              }
              return "tx" + n;
            },
            new Progress());

    assertThat(result.succeeded()).isEqualTo(6);
    assertThat(result.failures()).isEqualTo(Map.of(Stage.COMMIT + " MVCC_READ_CONFLICT", 3));
    assertThat(result.failed()).isEqualTo(3);
    assertThat(result.latencySeconds().count()).isEqualTo(6);
    assertThat(result.sampleTransactionId()).startsWith("tx");
    assertThat(result.committedPerSecond().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
  }

  @Test
  void run_atAFixedRate_sendsNoFasterThanTheRate() {
    AtomicInteger sent = new AtomicInteger();
    LoadRound.Result result =
        LoadRound.run(
            "fixed",
            new LoadRound.Schedule(20, 8, 0.5),
            Long.MAX_VALUE,
            n -> "tx" + sent.incrementAndGet(),
            new Progress());

    // 20 per second for half a second: the sends are due at 0, 50, …, 450 ms (a stalled machine
    // may skip the last ones; the maximum rate would have sent thousands).
    assertThat(sent.get()).isBetween(1, 10);
    assertThat(result.succeeded()).isEqualTo(sent.get());
  }

  @Test
  void run_stopsAtTheLimitOfTheWork() {
    LoadRound.Result result =
        LoadRound.run(
            "limited", new LoadRound.Schedule(0, 2, 30), 5, n -> "tx" + n, new Progress());

    assertThat(result.succeeded()).isEqualTo(5);
    assertThat(result.spanSeconds()).isLessThan(30);
  }
}
