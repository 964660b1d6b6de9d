package io.sfsbroker.gateway.cli;

import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.client.CloseableIterator;

/**
 * The chaincode as the unit tests see it: canned answers per {@code contract:transaction}, canned
 * events, and a record of every call and of how the CLI connected.
 */
final class FakeChaincode implements Chaincode {

  /** One call the CLI made. */
  record Call(String kind, String contract, String transaction, List<String> args) {}

  /** What one CLI run printed and returned. */
  record Run(int exitCode, String out, String err) {}

  private final Map<String, String> answers = new TreeMap<>();
  private final Map<String, LedgerException> failures = new TreeMap<>();
  private final List<ChainEvent> events = new ArrayList<>();
  final List<Call> calls = new ArrayList<>();
  Path openedNetwork;
  String openedOrg;
  ClientIdentity openedIdentity;
  Long eventsFrom;
  boolean closed;

  /** Answers {@code contract:transaction} with {@code json}. */
  FakeChaincode answer(final String name, final String json) {
    answers.put(name, json);
    return this;
  }

  /** Rejects {@code contract:transaction} as the chaincode would, with {@code code: reason}. */
  FakeChaincode reject(final String name, final String code, final String reason) {
    failures.put(name, new LedgerException(Stage.EVALUATE, code, null, code + ": " + reason, null));
    return this;
  }

  /** Adds an event that {@link #events} yields. */
  FakeChaincode event(final long block, final String name, final String payload) {
    events.add(new ChainEvent(block, "tx-" + events.size(), name, payload));
    return this;
  }

  /** Runs the CLI with {@code args} against this chaincode. */
  Run run(final String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SfsbCli.run(
            (network, org, identity) -> {
              openedNetwork = network;
              openedOrg = org;
              openedIdentity = identity;
              return this;
            },
            new PrintWriter(out),
            new PrintWriter(err),
            args);
    return new Run(code, out.toString(), err.toString());
  }

  @Override
  public String evaluate(final TransactionName transaction, final String... args) {
    calls.add(new Call("evaluate", transaction.contract(), transaction.function(), List.of(args)));
    return respond(transaction.toString());
  }

  @Override
  public Committed submit(final TransactionName transaction, final String... args) {
    calls.add(new Call("submit", transaction.contract(), transaction.function(), List.of(args)));
    return new Committed("tx-submitted", 42, respond(transaction.toString()));
  }

  @Override
  public long blockHeight() {
    return 9;
  }

  @Override
  public CloseableIterator<ChainEvent> events(final long startBlock) {
    eventsFrom = startBlock;
    Iterator<ChainEvent> remaining = events.iterator();
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        if (!remaining.hasNext()) {
          throw new AssertionError("the CLI waited for more events than the test provides");
        }
        return true;
      }

      @Override
      public ChainEvent next() {
        return remaining.next();
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {
    closed = true;
  }

  private String respond(final String name) {
    LedgerException failure = failures.get(name);
    if (failure != null) {
      throw failure;
    }
    String answer = answers.get(name);
    if (answer == null) {
      throw new AssertionError("the test gave no answer for " + name);
    }
    return answer;
  }
}
