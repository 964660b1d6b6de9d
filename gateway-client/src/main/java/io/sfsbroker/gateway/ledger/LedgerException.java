package io.sfsbroker.gateway.ledger;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transaction that did not succeed. {@link #code()} is the chaincode's stable code (such as
 * {@code NOT_FOUND} or {@code BAD_SIGNATURE}) when the chaincode rejected the call, the gRPC status
 * (such as {@code UNAVAILABLE} or {@code DEADLINE_EXCEEDED}) when the network did not answer, or
 * the validation code (such as {@code MVCC_READ_CONFLICT}) when the block marked it invalid.
 */
public final class LedgerException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final Pattern CHAINCODE_CODE =
      Pattern.compile("(?:chaincode response \\d+, )?([A-Z][A-Z_]+): (.*)", Pattern.DOTALL);

  private final Stage stage;
  private final String code;
  private final String transactionId;

  /** A failure at {@code stage} with the given code and message. */
  public LedgerException(
      final Stage stage,
      final String code,
      final String transactionId,
      final String message,
      final Throwable cause) {
    super(message, cause);
    this.stage = Objects.requireNonNull(stage, "stage");
    this.code = Objects.requireNonNull(code, "code");
    this.transactionId = transactionId;
  }

  /** Where the transaction failed. */
  public Stage stage() {
    return stage;
  }

  /** The stable code of the failure. */
  public String code() {
    return code;
  }

  /** The transaction id, when one was assigned before the failure. */
  public Optional<String> transactionId() {
    return Optional.ofNullable(transactionId);
  }

  /**
   * The code at the start of a chaincode message such as {@code "chaincode response 500, NOT_FOUND:
   * slice s-17 does not exist"}, if it has one.
   */
  static Optional<String> chaincodeCode(final String message) {
    if (message == null) {
      return Optional.empty();
    }
    Matcher m = CHAINCODE_CODE.matcher(message.trim());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
