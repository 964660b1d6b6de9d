package io.sfsbroker.view.feed;

import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The chaincode's queries as the pages call them, each answer kept until the next block arrives:
 * the world state changes only with a block, so however many browsers show a page, a query reaches
 * the peer once per block. Only evaluate-only transactions pass.
 */
public final class Queries {

  private static final int MAX_ENTRIES = 4096;

  private record Key(TransactionName transaction, List<String> args) {}

  private final BiFunction<TransactionName, String[], String> evaluate;
  private final LongSupplier height;
  private final Map<Key, Optional<String>> answers =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<Key, Optional<String>> eldest) {
          return size() > MAX_ENTRIES;
        }
      };
  private long cachedAt = -1;

  /** Queries that {@code evaluate} answers, cached per value of {@code height}. */
  public Queries(
      final BiFunction<TransactionName, String[], String> evaluate, final LongSupplier height) {
    this.evaluate = Objects.requireNonNull(evaluate, "evaluate");
    this.height = Objects.requireNonNull(height, "height");
  }

  /** Queries through {@code client}, cached until {@code blocks} grows. */
  public static Queries of(final ChaincodeClient client, final LongSupplier height) {
    Objects.requireNonNull(client, "client");
    return new Queries(client::evaluate, height);
  }

  /**
   * The answer of an evaluate-only transaction; empty when the chaincode answers {@code NOT_FOUND}.
   *
   * @throws IllegalArgumentException for a transaction that writes
   * @throws LedgerException when the chaincode rejects the query otherwise
   */
  public Optional<String> find(final TransactionName transaction, final String... args) {
    if (transaction.kind() != TransactionName.Kind.EVALUATE) {
      throw new IllegalArgumentException("the view only reads; " + transaction + " writes");
    }
    Key key = new Key(transaction, List.copyOf(Arrays.asList(args)));
    long now = height.getAsLong();
    synchronized (this) {
      if (now != cachedAt) {
        answers.clear();
        cachedAt = now;
      }
      Optional<String> cached = answers.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Optional<String> answer;
    try {
      answer = Optional.of(evaluate.apply(transaction, args));
    } catch (LedgerException e) {
      if (!"NOT_FOUND".equals(e.code())) {
        throw e;
      }
      answer = Optional.empty();
    }
    synchronized (this) {
      // An answer read while a block arrived may predate it: kept only for the height it was read
      // at.
      if (cachedAt == now) {
        answers.put(key, answer);
      }
    }
    return answer;
  }

  /** The answer of an evaluate-only transaction that must exist. */
  public String get(final TransactionName transaction, final String... args) {
    return find(transaction, args)
        .orElseThrow(() -> new IllegalArgumentException(transaction.function() + " found nothing"));
  }
}
