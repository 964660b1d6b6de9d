package io.sfsbroker.view.feed;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a chaincode event sits on the ledger: its block and its transaction (Fabric emits at most
 * one chaincode event per transaction, so the pair names one event). Written {@code <block>:<txId>}
 * as the Server-Sent Events id, which a browser sends back as {@code Last-Event-ID}.
 *
 * @param block the block number
 * @param txId the transaction id
 */
public record EventId(long block, String txId) {

  private static final Pattern TEXT = Pattern.compile("(\\d{1,19}):([0-9A-Za-z]{1,128})");

  /** Checks the parts. */
  public EventId {
    if (block < 0) {
      throw new IllegalArgumentException("block must not be negative: " + block);
    }
    Objects.requireNonNull(txId, "txId");
    if (txId.isEmpty()) {
      throw new IllegalArgumentException("txId must not be empty");
    }
  }

  /** Reads {@code <block>:<txId>}; empty for anything else, so a forged header changes nothing. */
  public static Optional<EventId> parse(final String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = TEXT.matcher(text.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new EventId(Long.parseLong(matcher.group(1)), matcher.group(2)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return block + ":" + txId;
  }
}
