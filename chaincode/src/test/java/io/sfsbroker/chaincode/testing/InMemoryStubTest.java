package io.sfsbroker.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.junit.jupiter.api.Test;

class InMemoryStubTest {

  private static final TestIdentity ADMIN = TestIdentity.admin("Org1MSP");

  private final InMemoryLedger ledger = new InMemoryLedger();

  @Test
  void submit_commitsWritesAndTheLastEvent() {
    ledger.submit(
        ADMIN,
        ctx -> {
          ctx.getStub().putStringState("a", "1");
          ctx.getStub().setEvent("First", bytes("x"));
          ctx.getStub().setEvent("Second", bytes("y"));
          return null;
        });

    assertThat(ledger.get("a")).contains("1");
    assertThat(ledger.events())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.name()).isEqualTo("Second");
              assertThat(event.payload()).isEqualTo("y");
            });
  }

  @Test
  void reads_doNotSeeTheTransactionsOwnWrites() {
    String seen =
        ledger.submit(
            ADMIN,
            ctx -> {
              ctx.getStub().putStringState("a", "1");
              return ctx.getStub().getStringState("a");
            });

    assertThat(seen).isEmpty();
    assertThat(ledger.get("a")).contains("1");
  }

  @Test
  void submit_thatThrows_commitsNothingButShowsItsWrites() {
    assertThatThrownBy(
            () ->
                ledger.submit(
                    ADMIN,
                    ctx -> {
                      ctx.getStub().putStringState("a", "1");
                      ctx.getStub().setEvent("Nope", bytes("x"));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(ledger.state()).isEmpty();
    assertThat(ledger.events()).isEmpty();
    assertThat(ledger.lastWrites()).containsOnlyKeys("a");
  }

  @Test
  void putState_emptyValue_deletesLikeFabric() {
    ledger.submit(ADMIN, ctx -> put(ctx, "a", "1"));

    ledger.submit(
        ADMIN,
        ctx -> {
          ctx.getStub().putState("a", new byte[0]);
          return null;
        });

    assertThat(ledger.state()).isEmpty();
  }

  @Test
  void getState_missingKey_returnsEmptyBytes() {
    byte[] value = ledger.evaluate(ADMIN, ctx -> ctx.getStub().getState("missing"));

    assertThat(value).isEmpty();
  }

  @Test
  void partialCompositeKeyQuery_returnsOnlyThatPrefixInFabricOrder() {
    ledger.submit(
        ADMIN,
        ctx -> {
          ChaincodeStub stub = ctx.getStub();
          for (String id : List.of("b", "a", "\uD83D\uDE00", "\uFFFD", "c")) {
            stub.putStringState(stub.createCompositeKey("thing", "x", id).toString(), id);
          }
          stub.putStringState(stub.createCompositeKey("thing", "y", "z").toString(), "other");
          stub.putStringState(stub.createCompositeKey("thingy", "x", "a").toString(), "other");
          stub.putStringState("simple", "other");
          return null;
        });

    List<String> values =
        ledger.evaluate(
            ADMIN, ctx -> values(ctx.getStub().getStateByPartialCompositeKey("thing", "x")));

    // U+1F600 sorts after U+FFFD in UTF-8 byte order, though not in UTF-16 order.
    assertThat(values).containsExactly("a", "b", "c", "\uFFFD", "\uD83D\uDE00");
  }

  @Test
  void rangeQuery_withoutStart_skipsCompositeKeys() {
    ledger.submit(
        ADMIN,
        ctx -> {
          ChaincodeStub stub = ctx.getStub();
          stub.putStringState(stub.createCompositeKey("thing", "a").toString(), "composite");
          stub.putStringState("k1", "1");
          stub.putStringState("k2", "2");
          stub.putStringState("k3", "3");
          return null;
        });

    List<String> all = ledger.evaluate(ADMIN, ctx -> values(ctx.getStub().getStateByRange("", "")));
    List<String> some =
        ledger.evaluate(ADMIN, ctx -> values(ctx.getStub().getStateByRange("k2", "k3")));

    assertThat(all).containsExactly("1", "2", "3");
    assertThat(some).containsExactly("2");
  }

  @Test
  void paginatedQuery_walksAllPagesWithBookmarks() {
    ledger.submit(
        ADMIN,
        ctx -> {
          for (int i = 0; i < 5; i++) {
            ctx.getStub()
                .putStringState(
                    ctx.getStub().createCompositeKey("thing", "k" + i).toString(), "v" + i);
          }
          return null;
        });
    List<String> seen = new ArrayList<>();
    String bookmark = "";
    int pages = 0;

    do {
      final String current = bookmark;
      String[] next = new String[1];
      seen.addAll(
          ledger.evaluate(
              ADMIN,
              ctx -> {
                ChaincodeStub stub = ctx.getStub();
                try (QueryResultsIteratorWithMetadata<KeyValue> results =
                    stub.getStateByPartialCompositeKeyWithPagination(
                        stub.createCompositeKey("thing"), 2, current)) {
                  next[0] = results.getMetadata().getBookmark();
                  List<String> page = new ArrayList<>();
                  results.forEach(kv -> page.add(kv.getStringValue()));
                  return page;
                }
              }));
      bookmark = next[0];
      pages++;
    } while (!bookmark.isEmpty());

    assertThat(seen).containsExactly("v0", "v1", "v2", "v3", "v4");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void queryIteratorLeftOpen_failsTheTransaction() {
    assertThatThrownBy(() -> ledger.evaluate(ADMIN, ctx -> ctx.getStub().getStateByRange("", "")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not closed");
  }

  @Test
  void evaluate_thatWrites_isRefused() {
    assertThatThrownBy(() -> ledger.evaluate(ADMIN, ctx -> put(ctx, "a", "1")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(ledger.state()).isEmpty();
  }

  @Test
  void creator_isReadByClientIdentity() {
    ClientIdentity identity = ledger.evaluate(ADMIN, Context::getClientIdentity);

    assertThat(identity.getMSPID()).isEqualTo("Org1MSP");
    assertThat(identity.getId())
        .startsWith("x509::")
        .contains("OU=admin")
        .contains("CN=Admin@org1.example.com");
  }

  @Test
  void transactions_getTheLedgerTimeAndDistinctIds() {
    String first = ledger.evaluate(ADMIN, ctx -> ctx.getStub().getTxId());
    ledger.advance(Duration.ofSeconds(30));
    var time = ledger.evaluate(ADMIN, ctx -> ctx.getStub().getTxTimestamp());
    String second = ledger.evaluate(ADMIN, ctx -> ctx.getStub().getTxId());

    assertThat(time).isEqualTo(InMemoryLedger.START.plusSeconds(30));
    assertThat(first).isNotEqualTo(second).hasSize(64);
  }

  @Test
  void unsupportedFeatures_throw() {
    InMemoryStub stub = ledger.newTransaction(ADMIN);

    assertThatThrownBy(() -> stub.getQueryResult("{}"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> stub.getPrivateData("c", "k"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> stub.getHistoryForKey("k"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> stub.invokeChaincode("cc", List.of(), "ch"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void emptyKeyOrEventName_isRefusedLikeTheShim() {
    InMemoryStub stub = ledger.newTransaction(ADMIN);

    assertThatThrownBy(() -> stub.putStringState("", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stub.setEvent("", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Object put(final Context ctx, final String key, final String value) {
    ctx.getStub().putStringState(key, value);
    return null;
  }

  private static List<String> values(final QueryResultsIterator<KeyValue> results) {
    try (results) {
      List<String> values = new ArrayList<>();
      results.forEach(kv -> values.add(kv.getStringValue()));
      return values;
    }
  }

  private static byte[] bytes(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
