package io.sfsbroker.view.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QueriesTest {

  @Test
  void find_theSameQueryInOneBlock_reachesThePeerOnce_andAgainAfterTheNextBlock() {
    AtomicInteger calls = new AtomicInteger();
    AtomicLong height = new AtomicLong(10);
    Queries queries =
        new Queries((tx, args) -> "{\"n\":" + calls.incrementAndGet() + "}", height::get);

    assertThat(queries.get(TransactionName.SLICE_GET_SLICE, "s-1")).isEqualTo("{\"n\":1}");
    assertThat(queries.get(TransactionName.SLICE_GET_SLICE, "s-1")).isEqualTo("{\"n\":1}");
    assertThat(queries.get(TransactionName.SLICE_GET_SLICE, "s-2")).isEqualTo("{\"n\":2}");
    height.set(11);
    assertThat(queries.get(TransactionName.SLICE_GET_SLICE, "s-1")).isEqualTo("{\"n\":3}");
  }

  @Test
  void find_notFound_isEmpty() {
    Queries queries =
        new Queries(
            (tx, args) -> {
              throw new LedgerException(Stage.EVALUATE, "NOT_FOUND", null, "no slice", null);
            },
            () -> 1);

    assertThat(queries.find(TransactionName.SLICE_GET_SLICE, "s-9")).isEmpty();
  }

  @Test
  void find_aTransactionThatWrites_isRefused() {
    Queries queries = new Queries((tx, args) -> "{}", () -> 1);

    assertThatThrownBy(() -> queries.find(TransactionName.SLICE_EXPIRE, "s-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only reads");
  }
}
