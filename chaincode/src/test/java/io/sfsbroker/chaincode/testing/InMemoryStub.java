package io.sfsbroker.chaincode.testing;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode.Response;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The {@link ChaincodeStub} of one transaction on an {@link InMemoryLedger}. It behaves like the
 * shim on a peer where it matters to contracts: composite keys in the shim's own encoding, range
 * and partial-composite-key queries in Fabric's key order (simple-key ranges skip composite keys),
 * pagination with Fabric's bookmarks, reads that do not see the transaction's own writes, an empty
 * value written as a delete, the last {@link #setEvent} winning. Private data, rich queries, key
 * history, validation parameters and chaincode-to-chaincode calls throw {@link
 * UnsupportedOperationException}.
 */
public final class InMemoryStub implements ChaincodeStub {

  /** The shim's end of a partial-composite-key range. */
  private static final String MAX_UNICODE_RUNE = new String(Character.toChars(0x10FFFF));

  /** The shim's start of a simple-key range without a start key; it skips composite keys. */
  private static final String UNSPECIFIED_START_KEY = "\u0001";

  private final InMemoryLedger ledger;
  private final String txId;
  private final Instant timestamp;
  private final byte[] creator;
  private final SortedMap<String, Optional<byte[]>> writes =
      new TreeMap<>(InMemoryLedger::compareKeys);
  private ChaincodeEvent event;
  private int openIterators;

  InMemoryStub(
      final InMemoryLedger ledger,
      final String txId,
      final Instant timestamp,
      final byte[] creator) {
    this.ledger = ledger;
    this.txId = txId;
    this.timestamp = timestamp;
    this.creator = creator.clone();
  }

  /** Returns the writes of this transaction so far; an empty value marks a delete. */
  public SortedMap<String, Optional<byte[]>> writes() {
    SortedMap<String, Optional<byte[]>> copy = new TreeMap<>(InMemoryLedger::compareKeys);
    writes.forEach((key, value) -> copy.put(key, value.map(byte[]::clone)));
    return Collections.unmodifiableSortedMap(copy);
  }

  void checkIteratorsClosed() {
    if (openIterators != 0) {
      throw new IllegalStateException(
          openIterators + " query iterator(s) were not closed; use try-with-resources");
    }
  }

  // ---- transaction data ----

  @Override
  public String getTxId() {
    return txId;
  }

  @Override
  public String getChannelId() {
    return InMemoryLedger.CHANNEL;
  }

  @Override
  public Instant getTxTimestamp() {
    return timestamp;
  }

  @Override
  public byte[] getCreator() {
    return creator.clone();
  }

  @Override
  public String getMspId() {
    return InMemoryLedger.PEER_MSP_ID;
  }

  @Override
  public Map<String, byte[]> getTransient() {
    return Map.of();
  }

  @Override
  public List<byte[]> getArgs() {
    return List.of();
  }

  @Override
  public List<String> getStringArgs() {
    return List.of();
  }

  @Override
  public String getFunction() {
    return "";
  }

  @Override
  public List<String> getParameters() {
    return List.of();
  }

  // ---- state ----

  @Override
  public byte[] getState(final String key) {
    validateKey(key);
    byte[] value = ledger.committed().get(key);
    return value == null ? new byte[0] : value.clone();
  }

  @Override
  public void putState(final String key, final byte[] value) {
    validateKey(key);
    if (value == null) {
      throw new NullPointerException("value");
    }
    writes.put(key, value.length == 0 ? Optional.empty() : Optional.of(value.clone()));
  }

  @Override
  public void delState(final String key) {
    validateKey(key);
    writes.put(key, Optional.empty());
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByRange(
      final String startKey, final String endKey) {
    String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
    String end = endKey == null ? "" : endKey;
    CompositeKey.validateSimpleKeys(start, end);
    return new Results(range(start, end, Integer.MAX_VALUE), "");
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
      final String startKey, final String endKey, final int pageSize, final String bookmark) {
    String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
    String end = endKey == null ? "" : endKey;
    CompositeKey.validateSimpleKeys(start, end);
    return page(start, end, pageSize, bookmark);
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String compositeKey) {
    CompositeKey key =
        compositeKey.startsWith(CompositeKey.NAMESPACE)
            ? CompositeKey.parseCompositeKey(compositeKey)
            : new CompositeKey(compositeKey);
    return getStateByPartialCompositeKey(key);
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(
      final String objectType, final String... attributes) {
    return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final CompositeKey key) {
    String prefix = prefixOf(key);
    return new Results(range(prefix, prefix + MAX_UNICODE_RUNE, Integer.MAX_VALUE), "");
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
      final CompositeKey key, final int pageSize, final String bookmark) {
    String prefix = prefixOf(key);
    return page(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
  }

  @Override
  public CompositeKey createCompositeKey(final String objectType, final String... attributes) {
    return new CompositeKey(objectType, attributes);
  }

  @Override
  public CompositeKey splitCompositeKey(final String compositeKey) {
    return CompositeKey.parseCompositeKey(compositeKey);
  }

  // ---- events ----

  @Override
  public void setEvent(final String name, final byte[] payload) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("event name can not be nil string");
    }
    event =
        ChaincodeEvent.newBuilder()
            .setEventName(name)
            .setTxId(txId)
            .setPayload(payload == null ? ByteString.EMPTY : ByteString.copyFrom(payload))
            .build();
  }

  @Override
  public ChaincodeEvent getEvent() {
    return event;
  }

  // ---- queries ----

  private static String prefixOf(final CompositeKey key) {
    return key == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString() : key.toString();
  }

  private List<KeyValue> range(final String start, final String end, final int limit) {
    NavigableMap<String, byte[]> committed = ledger.committed();
    NavigableMap<String, byte[]> view =
        end.isEmpty() ? committed.tailMap(start, true) : committed.subMap(start, true, end, false);
    List<KeyValue> entries = new ArrayList<>();
    for (Map.Entry<String, byte[]> entry : view.entrySet()) {
      if (entries.size() == limit) {
        break;
      }
      entries.add(new Entry(entry.getKey(), entry.getValue().clone()));
    }
    return entries;
  }

  private Results page(
      final String start, final String end, final int pageSize, final String bookmark) {
    if (pageSize <= 0) {
      throw new IllegalArgumentException("page size must be positive, was " + pageSize);
    }
    String from = bookmark == null || bookmark.isEmpty() ? start : bookmark;
    if (InMemoryLedger.compareKeys(from, start) < 0) {
      from = start;
    }
    // One more than the page, to learn the key the next page starts at (Fabric's bookmark).
    List<KeyValue> entries = range(from, end, pageSize + 1);
    String next = "";
    if (entries.size() > pageSize) {
      next = entries.remove(pageSize).getKey();
    }
    return new Results(entries, next);
  }

  private static void validateKey(final String key) {
    if (key == null) {
      throw new NullPointerException("key cannot be null");
    }
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key cannot not be an empty string");
    }
  }

  private record Entry(String key, byte[] value) implements KeyValue {
    @Override
    public String getKey() {
      return key;
    }

    @Override
    public byte[] getValue() {
      return value.clone();
    }

    @Override
    public String getStringValue() {
      return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(final Object other) {
      return other instanceof Entry entry
          && key.equals(entry.key)
          && Arrays.equals(value, entry.value);
    }

    @Override
    public int hashCode() {
      return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return key.replace('\u0000', '~') + "=" + getStringValue();
    }
  }

  private final class Results
      implements QueryResultsIterator<KeyValue>, QueryResultsIteratorWithMetadata<KeyValue> {
    private final List<KeyValue> entries;
    private final String bookmark;
    private boolean closed;

    Results(final List<KeyValue> entries, final String bookmark) {
      this.entries = List.copyOf(entries);
      this.bookmark = bookmark;
      openIterators++;
    }

    @Override
    public Iterator<KeyValue> iterator() {
      if (closed) {
        throw new IllegalStateException("the query iterator is closed");
      }
      return entries.iterator();
    }

    @Override
    public QueryResponseMetadata getMetadata() {
      return QueryResponseMetadata.newBuilder()
          .setBookmark(bookmark)
          .setFetchedRecordsCount(entries.size())
          .build();
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        openIterators--;
      }
    }
  }

  // ---- not supported ----

  private static UnsupportedOperationException unsupported(final String what) {
    return new UnsupportedOperationException(
        what + " is not supported by the in-memory stub; SFSBroker contracts do not use it");
  }

  @Override
  public Response invokeChaincode(
      final String chaincodeName, final List<byte[]> args, final String channel) {
    throw unsupported("invokeChaincode");
  }

  @Override
  public byte[] getStateValidationParameter(final String key) {
    throw unsupported("getStateValidationParameter");
  }

  @Override
  public void setStateValidationParameter(final String key, final byte[] value) {
    throw unsupported("setStateValidationParameter");
  }

  @Override
  public QueryResultsIterator<KeyValue> getQueryResult(final String query) {
    throw unsupported("getQueryResult (CouchDB rich queries)");
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
      final String query, final int pageSize, final String bookmark) {
    throw unsupported("getQueryResultWithPagination (CouchDB rich queries)");
  }

  @Override
  public QueryResultsIterator<KeyModification> getHistoryForKey(final String key) {
    throw unsupported("getHistoryForKey");
  }

  @Override
  public byte[] getPrivateData(final String collection, final String key) {
    throw unsupported("private data");
  }

  @Override
  public byte[] getPrivateDataHash(final String collection, final String key) {
    throw unsupported("private data");
  }

  @Override
  public byte[] getPrivateDataValidationParameter(final String collection, final String key) {
    throw unsupported("private data");
  }

  @Override
  public void putPrivateData(final String collection, final String key, final byte[] value) {
    throw unsupported("private data");
  }

  @Override
  public void setPrivateDataValidationParameter(
      final String collection, final String key, final byte[] value) {
    throw unsupported("private data");
  }

  @Override
  public void delPrivateData(final String collection, final String key) {
    throw unsupported("private data");
  }

  @Override
  public void purgePrivateData(final String collection, final String key) {
    throw unsupported("private data");
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByRange(
      final String collection, final String startKey, final String endKey) {
    throw unsupported("private data");
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      final String collection, final String compositeKey) {
    throw unsupported("private data");
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      final String collection, final CompositeKey compositeKey) {
    throw unsupported("private data");
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      final String collection, final String objectType, final String... attributes) {
    throw unsupported("private data");
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(
      final String collection, final String query) {
    throw unsupported("private data");
  }

  @Override
  public SignedProposal getSignedProposal() {
    throw unsupported("getSignedProposal");
  }

  @Override
  public byte[] getBinding() {
    throw unsupported("getBinding");
  }
}
