package io.sfsbroker.gateway.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One run of the CLI: the global options, where output goes, and the chaincode connection, opened
 * on the first call that needs it and closed at the end.
 */
final class Session implements AutoCloseable {

  private final Chaincode.Opener opener;
  private final PrintWriter out;
  private final PrintWriter err;
  private Path network = Path.of(".runtime", "network.json");
  private String org = "broker";
  private ClientIdentity identity = ClientIdentity.ADMIN;
  private boolean json;
  private boolean verbose;
  private Chaincode chaincode;

  Session(final Chaincode.Opener opener, final PrintWriter out, final PrintWriter err) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
  }

  void network(final Path file) {
    network = Objects.requireNonNull(file, "file");
  }

  /** The network profile this session acts on. */
  Path networkFile() {
    return network;
  }

  void org(final String name) {
    org = Objects.requireNonNull(name, "name");
  }

  void identity(final ClientIdentity which) {
    identity = Objects.requireNonNull(which, "which");
  }

  void json(final boolean on) {
    json = on;
  }

  void verbose(final boolean on) {
    verbose = on;
  }

  /** Whether the output is JSON for machines rather than text for people. */
  boolean json() {
    return json;
  }

  /** Whether the client library's log messages are shown. */
  boolean verbose() {
    return verbose;
  }

  /** Where notes that are not the command's result go (they never mix with JSON output). */
  PrintWriter err() {
    return err;
  }

  /** The chaincode, connected on first use. */
  Chaincode chaincode() {
    if (chaincode == null) {
      chaincode = opener.open(network, org, identity);
    }
    return chaincode;
  }

  /** Evaluates a query whose answer is a JSON object. */
  JsonObject evaluateObject(final TransactionName transaction, final String... args) {
    return Json.parseObject(chaincode().evaluate(transaction, args));
  }

  /** Evaluates a query whose answer is a JSON array. */
  JsonArray evaluateArray(final TransactionName transaction, final String... args) {
    JsonElement answer = Json.parse(chaincode().evaluate(transaction, args));
    if (!answer.isJsonArray()) {
      throw new IllegalStateException(transaction + " did not return an array");
    }
    return answer.getAsJsonArray();
  }

  /** Evaluates a query whose answer is a JSON object, or empty when the chaincode has none. */
  Optional<JsonObject> find(final TransactionName transaction, final String... args) {
    try {
      return Optional.of(evaluateObject(transaction, args));
    } catch (LedgerException e) {
      if (e.code().equals("NOT_FOUND")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Submits a transaction and waits for its commit. */
  Committed submit(final TransactionName transaction, final String... args) {
    return chaincode().submit(transaction, args);
  }

  /** Prints {@code value} as one line of JSON, or else the text {@code human} makes. */
  void print(final JsonElement value, final Supplier<String> human) {
    out.print(json ? Json.toJson(value) + "\n" : human.get());
    out.flush();
  }

  /**
   * Evaluates a list query and prints the page it answers, its bookmark as the CLI prints it: as
   * JSON, or as the text {@code table} makes of it.
   */
  void printPage(
      final TransactionName transaction,
      final Map<String, Object> query,
      final Function<JsonObject, String> table) {
    JsonObject page = PageOptions.printable(evaluateObject(transaction, Json.toJson(query)));
    print(page, () -> table.apply(page));
  }

  /**
   * Prints a committed transaction: as JSON {@code {"txId","block","result"}}, or as the text
   * {@code human} makes of the result followed by the block and transaction.
   */
  void printCommitted(final Committed committed, final Function<JsonObject, String> human) {
    JsonElement result = JsonText.parseOrString(committed.result());
    JsonObject machine = new JsonObject();
    machine.addProperty("txId", committed.transactionId());
    machine.addProperty("block", committed.blockNumber());
    machine.add("result", result);
    print(
        machine,
        () ->
            (result.isJsonObject() ? human.apply(result.getAsJsonObject()) : committed.result())
                + "committed in block "
                + committed.blockNumber()
                + ", transaction "
                + committed.transactionId()
                + "\n");
  }

  @Override
  public void close() {
    if (chaincode != null) {
      chaincode.close();
      chaincode = null;
    }
  }
}
