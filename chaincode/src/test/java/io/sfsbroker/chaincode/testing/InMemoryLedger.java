package io.sfsbroker.chaincode.testing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.hyperledger.fabric.contract.Context;

/**
 * The shared in-memory ledger for contract tests: world state in Fabric's key order, a clock that
 * gives each transaction its timestamp, and the chaincode events of committed transactions.
 *
 * <p>Each {@link #submit} runs one transaction on a fresh {@link InMemoryStub}, with the given
 * identity as its creator, like a peer would: reads see the state committed before the transaction,
 * never its own writes; writes and the event are kept aside and committed only when the transaction
 * returns. When it throws, nothing is committed, and {@link #lastWrites()} still shows what it
 * tried to write, so that tests can assert that a rejected call wrote nothing.
 *
 * <pre>{@code
 * InMemoryLedger ledger = new InMemoryLedger();
 * String json = ledger.submit(TestIdentity.admin("Org1MSP"), ctx -> contract.register(ctx, arg));
 * }</pre>
 *
 * <p>Time never moves by itself: {@link #advance(Duration)} moves it. Not thread-safe.
 */
public final class InMemoryLedger {

  /** The channel name the stub reports. */
  public static final String CHANNEL = "sfsbroker";

  /** The MSP id of the peer the stub pretends to run on. */
  public static final String PEER_MSP_ID = "Org1MSP";

  /** The time of the first transaction unless a test sets another. */
  public static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

  private final NavigableMap<String, byte[]> state = new TreeMap<>(InMemoryLedger::compareKeys);
  private final List<Event> events = new ArrayList<>();
  private SortedMap<String, Optional<byte[]>> lastWrites = Collections.emptySortedMap();
  private Instant time = START;
  private long transactions;

  /**
   * A committed chaincode event.
   *
   * @param txId the transaction that emitted it
   * @param name the event name
   * @param payload the payload as UTF-8 text
   */
  public record Event(String txId, String name, String payload) {}

  /**
   * Runs {@code transaction} as a submitted transaction of {@code caller} at the current time and
   * commits its writes and event if it returns.
   *
   * @return what the transaction returned
   * @throws RuntimeException whatever the transaction threw; then nothing is committed
   */
  public <T> T submit(final TestIdentity caller, final Function<Context, T> transaction) {
    InMemoryStub stub = newTransaction(caller);
    T result;
    try {
      result = transaction.apply(new Context(stub));
    } finally {
      lastWrites = stub.writes();
      stub.checkIteratorsClosed();
    }
    commit(stub);
    return result;
  }

  /**
   * Runs {@code transaction} as an evaluated transaction (a query) of {@code caller}.
   *
   * @throws IllegalStateException when the transaction wrote state or set an event, which a query
   *     must not do
   */
  public <T> T evaluate(final TestIdentity caller, final Function<Context, T> transaction) {
    InMemoryStub stub = newTransaction(caller);
    T result;
    try {
      result = transaction.apply(new Context(stub));
    } finally {
      lastWrites = stub.writes();
      stub.checkIteratorsClosed();
    }
    if (!stub.writes().isEmpty() || stub.getEvent() != null) {
      throw new IllegalStateException("an evaluated transaction wrote state or set an event");
    }
    return result;
  }

  /**
   * Starts a transaction of {@code caller} for a test that drives the stub itself; {@link
   * #commit(InMemoryStub)} commits it.
   */
  public InMemoryStub newTransaction(final TestIdentity caller) {
    Objects.requireNonNull(caller, "caller");
    transactions++;
    String txId = String.format("%064x", transactions);
    return new InMemoryStub(this, txId, time, caller.serialized());
  }

  /** Commits the writes and the event of {@code stub}. */
  public void commit(final InMemoryStub stub) {
    stub.checkIteratorsClosed();
    lastWrites = stub.writes();
    for (Map.Entry<String, Optional<byte[]>> write : stub.writes().entrySet()) {
      if (write.getValue().isPresent()) {
        state.put(write.getKey(), write.getValue().get());
      } else {
        state.remove(write.getKey());
      }
    }
    if (stub.getEvent() != null) {
      events.add(
          new Event(
              stub.getTxId(),
              stub.getEvent().getEventName(),
              stub.getEvent().getPayload().toString(StandardCharsets.UTF_8)));
    }
  }

  /** Returns a copy of the committed state, values as UTF-8 text, in Fabric's key order. */
  public SortedMap<String, String> state() {
    SortedMap<String, String> copy = new TreeMap<>(InMemoryLedger::compareKeys);
    state.forEach((key, value) -> copy.put(key, new String(value, StandardCharsets.UTF_8)));
    return Collections.unmodifiableSortedMap(copy);
  }

  /** Returns the committed value under {@code key} as UTF-8 text. */
  public Optional<String> get(final String key) {
    return Optional.ofNullable(state.get(key)).map(v -> new String(v, StandardCharsets.UTF_8));
  }

  /**
   * Returns what the last transaction wrote or tried to write (empty for a delete), committed or
   * not.
   */
  public SortedMap<String, Optional<byte[]>> lastWrites() {
    return lastWrites;
  }

  /** Returns the events of committed transactions, oldest first. */
  public List<Event> events() {
    return List.copyOf(events);
  }

  /** Returns the time the next transaction gets. */
  public Instant now() {
    return time;
  }

  /** Sets the time the next transaction gets. */
  public void setTime(final Instant time) {
    this.time = Objects.requireNonNull(time, "time");
  }

  /** Moves the time forward (or back, for a negative amount). */
  public void advance(final Duration amount) {
    time = time.plus(amount);
  }

  /** Returns a clock that reads this ledger's current time, for devices that sign envelopes. */
  public Clock clock() {
    return new LedgerClock();
  }

  NavigableMap<String, byte[]> committed() {
    return state;
  }

  /**
   * Compares keys the way Fabric's state database orders them: by the bytes of their UTF-8
   * encoding, that is by code point (Java's {@code compareTo} orders by UTF-16 unit instead).
   */
  static int compareKeys(final String a, final String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private final class LedgerClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
      throw new UnsupportedOperationException("the ledger clock is always UTC");
    }

    @Override
    public Instant instant() {
      return time;
    }
  }
}
