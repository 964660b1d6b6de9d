package io.sfsbroker.fog;

import java.util.Objects;

/**
 * A request the ledger refused or that did not end in a slice: the code is a receipt's ({@code
 * INVALID_ARGUMENT}, {@code FORBIDDEN}, …) or an {@link AgentError} name; the message says what
 * happened and, where there is one, what to do.
 */
public final class AgentException extends RuntimeException {

  private final String code;

  /** A failure with a receipt's code. */
  public AgentException(final String code, final String message) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
  }

  /** A failure with one of the agent's own codes. */
  public AgentException(final AgentError error, final String message) {
    this(Objects.requireNonNull(error, "error").name(), message);
  }

  /** The stable code: a receipt's code or an {@link AgentError} name. */
  public String code() {
    return code;
  }

  /** {@code CODE: reason}, the code not repeated when the message already starts with it. */
  public String describe() {
    String reason = getMessage().strip();
    return reason.startsWith(code + ":") ? reason : code + ": " + reason;
  }
}
