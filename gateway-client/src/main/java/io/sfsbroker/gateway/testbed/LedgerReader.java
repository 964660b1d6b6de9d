package io.sfsbroker.gateway.testbed;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the integration tests and the demo read from the ledger, through evaluate-only transactions:
 * any state as JSON, balances, a slice's state and the states it went through, the selection once a
 * bridge has closed a window.
 */
public final class LedgerReader {

  private final ChaincodeClient client;

  /** Reads through {@code client} (any participant may read). */
  public LedgerReader(final ChaincodeClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** What an evaluate-only transaction returns, as JSON. */
  public JsonObject read(final TransactionName transaction, final String... args) {
    return Json.parseObject(client.evaluate(transaction, args));
  }

  /** What an evaluate-only transaction returns, or empty when it answers {@code NOT_FOUND}. */
  public Optional<JsonObject> find(final TransactionName transaction, final String... args) {
    try {
      return Optional.of(read(transaction, args));
    } catch (LedgerException e) {
      if ("NOT_FOUND".equals(e.code())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** What an evaluate-only transaction that returns a list returns. */
  public JsonArray readList(final TransactionName transaction, final String... args) {
    return JsonParser.parseString(client.evaluate(transaction, args)).getAsJsonArray();
  }

  /** The credit balance of a device's account. */
  public long balance(final String deviceId) {
    return read(TransactionName.CREDIT_BALANCE_OF, "device:" + deviceId).get("balance").getAsLong();
  }

  /** The slice's ledger state. */
  public String sliceState(final String sliceId) {
    return read(TransactionName.SLICE_GET_SLICE, sliceId).get("state").getAsString();
  }

  /** The states the slice went through, from its history: each change of state once. */
  public List<String> transitions(final String sliceId) {
    List<String> states = new ArrayList<>();
    for (JsonElement element : readList(TransactionName.SLICE_GET_SLICE_HISTORY, sliceId)) {
      JsonObject entry = element.getAsJsonObject();
      JsonElement from = entry.get("from");
      String to = entry.get("to").getAsString();
      if (from == null || from.isJsonNull() || !from.getAsString().equals(to)) {
        states.add(to);
      }
    }
    return states;
  }

  /**
   * Polls the ledger every 500 ms until a bridge has closed the offer window of {@code id}.
   *
   * @return the selection
   * @throws IllegalStateException when there is none after {@code timeout}
   */
  public JsonObject awaitSelection(final String id, final Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<JsonObject> selection = find(TransactionName.SELECTION_GET_SELECTION, id);
      if (selection.isPresent()) {
        return selection.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no bridge closed the offer window of " + id + " within " + timeout);
      }
      Thread.sleep(500);
    }
  }
}
