package io.sfsbroker.view.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QueriesTest {

  @Test
  void find_theSameQueryInOneBlock_reachesThePeerOnce_andAgainAfterTheNextBlock() {
    AtomicInteger calls = new AtomicInteger();
    AtomicLong height = new AtomicLong(10);
    Queries queries =
        new Queries(
            (tx, args) -> Optional.of("{\"n\":" + calls.incrementAndGet() + "}"), height::get);

    assertThat(queries.get(TransactionName.SLICE_GET_SLICE, "s-1")).isEqualTo("{\"n\":1}");
    assertThat(queries.get(TransactionName.SLICE_GET_SLICE, "s-1")).isEqualTo("{\"n\":1}");
    assertThat(queries.get(TransactionName.SLICE_GET_SLICE, "s-2")).isEqualTo("{\"n\":2}");
    height.set(11);
    assertThat(queries.get(TransactionName.SLICE_GET_SLICE, "s-1")).isEqualTo("{\"n\":3}");
  }

  @Test
  void find_notFound_isEmpty_andKeptUntilTheNextBlock() {
    AtomicInteger calls = new AtomicInteger();
    Queries queries =
        new Queries(
            (tx, args) -> {
              calls.incrementAndGet();
              return Optional.empty();
            },
            () -> 1);

    assertThat(queries.find(TransactionName.SLICE_GET_SLICE, "s-9")).isEmpty();
    assertThat(queries.find(TransactionName.SLICE_GET_SLICE, "s-9")).isEmpty();
    assertThat(calls).hasValue(1);
  }

  @Test
  void find_aTransactionThatWrites_isRefused() {
    Queries queries = new Queries((tx, args) -> Optional.of("{}"), () -> 1);

    assertThatThrownBy(() -> queries.find(TransactionName.SLICE_EXPIRE, "s-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only reads");
  }

  @Test
  void findAll_answersInTheCallsOrder_andCountsOnlyTheQueriesThatReachedThePeer() {
    AtomicLong height = new AtomicLong(10);
    Queries queries =
        new Queries((tx, args) -> Optional.of("{\"id\":\"" + args[0] + "\"}"), height::get);
    queries.get(TransactionName.SLICE_GET_SLICE, "s-1");

    List<Optional<String>> answers =
        queries.findAll(
            List.of(
                Queries.Call.of(TransactionName.SLICE_GET_SLICE, "s-1"),
                Queries.Call.of(TransactionName.SLICE_GET_SLICE, "s-2"),
                Queries.Call.of(TransactionName.CREDIT_GET_ESCROW, "s-3")));

    assertThat(answers)
        .containsExactly(
            Optional.of("{\"id\":\"s-1\"}"),
            Optional.of("{\"id\":\"s-2\"}"),
            Optional.of("{\"id\":\"s-3\"}"));
    assertThat(queries.evaluated()).isEqualTo(3);
  }

  @Test
  void findAll_runsTheQueriesAtOnce_notOneAfterAnother() throws Exception {
    CountDownLatch together = new CountDownLatch(3);
    Queries queries =
        new Queries(
            (tx, args) -> {
              together.countDown();
              try {
                // Each query waits until all three are under way: one after another would hang.
                if (!together.await(10, TimeUnit.SECONDS)) {
                  throw new IllegalStateException("the queries ran one after another");
                }
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return Optional.of("{}");
            },
            () -> 1);

    assertThat(
            queries.findAll(
                List.of(
                    Queries.Call.of(TransactionName.SLICE_GET_SLICE, "s-1"),
                    Queries.Call.of(TransactionName.SLICE_GET_SLICE, "s-2"),
                    Queries.Call.of(TransactionName.SLICE_GET_SLICE, "s-3"))))
        .hasSize(3);
  }

  @Test
  void findAll_aRejectedQuery_failsThePageWithTheLedgersError() {
    Queries queries =
        new Queries(
            (tx, args) -> {
              if (args[0].equals("s-2")) {
                throw new LedgerException(Stage.EVALUATE, "INVALID_ARGUMENT", null, "bad", null);
              }
              return Optional.of("{}");
            },
            () -> 1);

    assertThatThrownBy(
            () ->
                queries.findAll(
                    List.of(
                        Queries.Call.of(TransactionName.SLICE_GET_SLICE, "s-1"),
                        Queries.Call.of(TransactionName.SLICE_GET_SLICE, "s-2"))))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("bad");
  }

  @Test
  void findAll_aTransactionThatWrites_isRefusedBeforeAnyQuery() {
    AtomicInteger calls = new AtomicInteger();
    Queries queries =
        new Queries(
            (tx, args) -> {
              calls.incrementAndGet();
              return Optional.of("{}");
            },
            () -> 1);

    assertThatThrownBy(
            () ->
                queries.findAll(
                    List.of(
                        Queries.Call.of(TransactionName.SLICE_GET_SLICE, "s-1"),
                        Queries.Call.of(TransactionName.SLICE_EXPIRE, "s-1"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(calls).hasValue(0);
  }
}
