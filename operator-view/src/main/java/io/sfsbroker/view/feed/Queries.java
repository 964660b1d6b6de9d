package io.sfsbroker.view.feed;

import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The chaincode's queries as the pages call them, each answer kept until the next block arrives:
 * the world state changes only with a block, so however many browsers show a page, a query reaches
 * the peer once per block. Only evaluate-only transactions pass. A page that needs several answers
 * asks for them at once ({@link #findAll}): they go to the peer in parallel, at most {@value
 * #IN_FLIGHT} at a time for the whole view, so a page waits for about the slowest of its queries
 * rather than their sum, and the peer never sees more than that many from the view at once.
 */
public final class Queries {

  /** The most queries the view has outstanding at the peer at once. */
  static final int IN_FLIGHT = 8;

  private static final int MAX_ENTRIES = 4096;

  private record Key(TransactionName transaction, List<String> args) {}

  /**
   * One query of a page.
   *
   * @param transaction an evaluate-only transaction
   * @param args its arguments
   */
  public record Call(TransactionName transaction, List<String> args) {

    /** Checks the transaction and copies the arguments. */
    public Call {
      Objects.requireNonNull(transaction, "transaction");
      args = List.copyOf(args);
    }

    /** A call of {@code transaction} with {@code args}. */
    public static Call of(final TransactionName transaction, final String... args) {
      return new Call(transaction, Arrays.asList(args));
    }
  }

  private final BiFunction<TransactionName, String[], Optional<String>> evaluate;
  private final LongSupplier height;
  private final Map<Key, Optional<String>> answers =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<Key, Optional<String>> eldest) {
          return size() > MAX_ENTRIES;
        }
      };
  private final AtomicLong evaluated = new AtomicLong();
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          IN_FLIGHT,
          task -> {
            Thread thread = new Thread(task, "sfsb-view-query");
            thread.setDaemon(true);
            return thread;
          });
  private long cachedAt = -1;

  /**
   * Queries that {@code evaluate} answers (empty for {@code NOT_FOUND}), cached per value of {@code
   * height}.
   */
  public Queries(
      final BiFunction<TransactionName, String[], Optional<String>> evaluate,
      final LongSupplier height) {
    this.evaluate = Objects.requireNonNull(evaluate, "evaluate");
    this.height = Objects.requireNonNull(height, "height");
  }

  /**
   * Queries through {@code client}, cached until {@code height} grows; a {@code NOT_FOUND} answer
   * is empty and no warning ({@link ChaincodeClient#find}).
   */
  public static Queries of(final ChaincodeClient client, final LongSupplier height) {
    Objects.requireNonNull(client, "client");
    return new Queries(client::find, height);
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
    evaluated.incrementAndGet();
    Optional<String> answer = evaluate.apply(transaction, args);
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

  /**
   * The answers of {@code calls}, in their order, read in parallel (at most {@value #IN_FLIGHT} at
   * the peer at once); each empty when the chaincode answers {@code NOT_FOUND}.
   *
   * @throws IllegalArgumentException for a transaction that writes
   * @throws LedgerException when the chaincode rejects a query otherwise
   */
  public List<Optional<String>> findAll(final List<Call> calls) {
    for (Call call : calls) {
      if (call.transaction().kind() != TransactionName.Kind.EVALUATE) {
        throw new IllegalArgumentException(
            "the view only reads; " + call.transaction() + " writes");
      }
    }
    if (calls.size() == 1) {
      Call only = calls.get(0);
      return List.of(find(only.transaction(), only.args().toArray(String[]::new)));
    }
    List<CompletableFuture<Optional<String>>> futures = new ArrayList<>();
    for (Call call : calls) {
      futures.add(
          CompletableFuture.supplyAsync(
              () -> find(call.transaction(), call.args().toArray(String[]::new)), pool));
    }
    List<Optional<String>> answers = new ArrayList<>();
    for (CompletableFuture<Optional<String>> future : futures) {
      try {
        answers.add(future.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
    }
    return answers;
  }

  /**
   * How many queries have reached the peer since the view started (answers from the cache not
   * counted): what the view costs the peer besides its two event subscriptions.
   */
  public long evaluated() {
    return evaluated.get();
  }
}
