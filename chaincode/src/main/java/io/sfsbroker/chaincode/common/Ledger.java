package io.sfsbroker.chaincode.common;

import com.google.gson.JsonParseException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.event.EventName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * Small helpers over a transaction's {@link ChaincodeStub}: composite keys, records stored as JSON
 * with the protocol's {@link Json} codec, paginated queries by partial composite key, and the
 * transaction time. One instance per transaction.
 *
 * <p>Values read are those committed before the transaction: like on a peer, a transaction does not
 * see its own writes.
 */
public final class Ledger {

  /** The largest page a query may ask for. */
  public static final int MAX_PAGE_SIZE = 200;

  /**
   * The value of an index entry: one zero byte, because Fabric treats an empty value as a delete.
   */
  private static final byte[] MARKER = {0};

  private final ChaincodeStub stub;

  /** Wraps {@code stub}. */
  public Ledger(final ChaincodeStub stub) {
    this.stub = Objects.requireNonNull(stub, "stub");
  }

  /** Wraps the stub of {@code ctx}. */
  public static Ledger of(final Context ctx) {
    Objects.requireNonNull(ctx, "ctx");
    return new Ledger(ctx.getStub());
  }

  /** Returns the underlying stub. */
  public ChaincodeStub stub() {
    return stub;
  }

  /**
   * Builds the composite key {@code objectType} + {@code attributes} in the shim's encoding.
   * Attributes must not contain U+0000 or U+10FFFF; validate ids before building keys.
   */
  public String key(final String objectType, final String... attributes) {
    return stub.createCompositeKey(objectType, attributes).toString();
  }

  /** Splits a composite key into its object type and attributes. */
  public CompositeKey split(final String compositeKey) {
    return stub.splitCompositeKey(compositeKey);
  }

  /** Tells whether anything is stored under {@code key}. */
  public boolean exists(final String key) {
    byte[] value = stub.getState(key);
    return value != null && value.length > 0;
  }

  /**
   * Reads the JSON record stored under {@code key}.
   *
   * @return the record, or empty when nothing is stored there
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INTERNAL} when the stored value
   *     cannot be decoded as {@code type}
   */
  public <T> Optional<T> get(final String key, final Class<T> type) {
    byte[] value = stub.getState(key);
    if (value == null || value.length == 0) {
      return Optional.empty();
    }
    return Optional.of(decode(key, value, type));
  }

  /** Stores {@code value} as JSON (UTF-8) under {@code key}. */
  public void put(final String key, final Object value) {
    Objects.requireNonNull(value, "value");
    stub.putState(key, Json.toJson(value).getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes whatever is stored under {@code key}. */
  public void delete(final String key) {
    stub.delState(key);
  }

  /** Stores an index entry, whose key is all that matters, under {@code key}. */
  public void putMarker(final String key) {
    stub.putState(key, MARKER.clone());
  }

  /**
   * Reads one page of the entries whose composite key starts with {@code objectType} and {@code
   * attributes}, in key order. Fabric allows paginated queries only in transactions that are
   * evaluated, not submitted.
   *
   * @param pageSize 1 to {@value #MAX_PAGE_SIZE}
   * @param bookmark empty for the first page, else the bookmark of the previous page
   * @param mapper turns each entry into an item
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the page
   *     size is out of range or the bookmark does not belong to this query
   */
  public <T> Page<T> page(
      final String objectType,
      final List<String> attributes,
      final int pageSize,
      final String bookmark,
      final Function<KeyValue, T> mapper) {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "page size must be 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
    }
    CompositeKey prefix = stub.createCompositeKey(objectType, attributes.toArray(String[]::new));
    String start = bookmark == null ? "" : bookmark;
    if (!start.isEmpty() && !start.startsWith(prefix.toString())) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "the bookmark does not belong to this query; pass the bookmark of the previous page");
    }
    List<T> items = new ArrayList<>();
    try (QueryResultsIteratorWithMetadata<KeyValue> results =
        stub.getStateByPartialCompositeKeyWithPagination(prefix, pageSize, start)) {
      for (KeyValue entry : results) {
        items.add(mapper.apply(entry));
      }
      return new Page<>(items, results.getMetadata().getBookmark());
    }
  }

  /**
   * Reads all entries whose composite key starts with {@code objectType} and {@code attributes}, in
   * key order. For small sets only; use {@link #page} for anything a client lists.
   */
  public <T> List<T> all(
      final String objectType, final List<String> attributes, final Function<KeyValue, T> mapper) {
    List<T> items = new ArrayList<>();
    try (QueryResultsIterator<KeyValue> results =
        stub.getStateByPartialCompositeKey(objectType, attributes.toArray(String[]::new))) {
      for (KeyValue entry : results) {
        items.add(mapper.apply(entry));
      }
    }
    return items;
  }

  /** Decodes an entry returned by {@link #page} or {@link #all} as {@code type}. */
  public <T> T decode(final KeyValue entry, final Class<T> type) {
    return decode(entry.getKey(), entry.getValue(), type);
  }

  /**
   * Returns the transaction's timestamp, the only clock a contract may use: every endorsing peer
   * sees the same value.
   */
  public Instant txTime() {
    Instant time = stub.getTxTimestamp();
    if (time == null) {
      throw ErrorCode.INTERNAL.reject("the transaction has no timestamp");
    }
    return time;
  }

  /** Returns the transaction id. */
  public String txId() {
    return stub.getTxId();
  }

  /**
   * Emits {@code payload} as JSON in the chaincode event {@code event}; one event per transaction.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INTERNAL} when the payload is not
   *     the event's record
   */
  public void emit(final EventName event, final Object payload) {
    Objects.requireNonNull(payload, "payload");
    if (event.payloadType().isPresent() && !event.payloadType().get().isInstance(payload)) {
      throw ErrorCode.INTERNAL.reject(
          "event " + event + " carries a " + event.payloadType().get().getSimpleName());
    }
    stub.setEvent(event.wireName(), Json.toJson(payload).getBytes(StandardCharsets.UTF_8));
  }

  private static <T> T decode(final String key, final byte[] value, final Class<T> type) {
    try {
      return Json.fromJson(new String(value, StandardCharsets.UTF_8), type);
    } catch (JsonParseException e) {
      throw ErrorCode.INTERNAL.reject(
          "the value stored under " + printable(key) + " is not a " + type.getSimpleName(), e);
    }
  }

  private static String printable(final String key) {
    return key.replace('\u0000', '~');
  }
}
