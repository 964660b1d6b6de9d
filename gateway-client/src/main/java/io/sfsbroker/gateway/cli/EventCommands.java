package io.sfsbroker.gateway.cli;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import java.util.Objects;
import org.hyperledger.fabric.client.CloseableIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code events follow}: the chaincode's events as they are committed. */
@Command(name = "events", description = "Follow the broker chaincode's events.")
final class EventCommands {

  private final Session session;

  EventCommands(final Session session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  @Command(
      name = "follow",
      description =
          "Print each chaincode event as it is committed (with --json one object per line), until"
              + " Ctrl-C or --count events.")
  void follow(
      @Option(
              names = "--from-block",
              paramLabel = "N",
              converter = Arguments.NonNegative.class,
              description = "Start at block N (default: the next block, so only new events).")
          final Long fromBlock,
      @Option(
              names = "--count",
              paramLabel = "N",
              converter = Arguments.Positive.class,
              description = "Stop after N events.")
          final Long count,
      @Option(
              names = "--name",
              paramLabel = "EVENT",
              description = "Only events of this name, such as SliceAwarded.")
          final String name) {
    long start = fromBlock != null ? fromBlock : session.chaincode().blockHeight();
    if (!session.json()) {
      session.err().println("following events from block " + start + "; Ctrl-C stops");
      session.err().flush();
    }
    long shown = 0;
    try (CloseableIterator<ChainEvent> events = session.chaincode().events(start)) {
      while ((count == null || shown < count) && events.hasNext()) {
        ChainEvent event = events.next();
        if (name == null || name.equals(event.name())) {
          session.print(toJson(event), () -> line(event));
          shown++;
        }
      }
    }
  }

  /** An event as JSON: {@code {"block","txId","event","payload"}}, the payload parsed. */
  static JsonObject toJson(final ChainEvent event) {
    JsonObject json = new JsonObject();
    json.addProperty("block", event.blockNumber());
    json.addProperty("txId", event.transactionId());
    json.addProperty("event", event.name());
    json.add("payload", JsonText.parseOrString(event.payload()));
    return json;
  }

  /** An event as one line for people: block, name, transaction, payload. */
  static String line(final ChainEvent event) {
    return "block "
        + event.blockNumber()
        + "  "
        + event.name()
        + "  tx "
        + event.transactionId()
        + "  "
        + Json.toJson(JsonText.parseOrString(event.payload()))
        + "\n";
  }
}
