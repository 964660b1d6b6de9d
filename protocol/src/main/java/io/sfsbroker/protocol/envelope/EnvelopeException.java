package io.sfsbroker.protocol.envelope;

import java.util.Objects;

/**
 * An envelope was refused. {@link #error()} tells why; the message begins with the error's name and
 * a colon ({@code BAD_SIGNATURE: …}).
 */
public final class EnvelopeException extends Exception {

  private final EnvelopeError error;
  private final String detail;

  /** Creates the exception; {@code detail} says what was wrong in words a sender can act on. */
  public EnvelopeException(final EnvelopeError error, final String detail) {
    this(error, detail, null);
  }

  /** Creates the exception with the low-level cause. */
  public EnvelopeException(final EnvelopeError error, final String detail, final Throwable cause) {
    super(Objects.requireNonNull(error, "error").name() + ": " + detail, cause);
    this.error = error;
    this.detail = detail;
  }

  /** Returns why the envelope was refused. */
  public EnvelopeError error() {
    return error;
  }

  /** Returns the message without the leading error name. */
  public String detail() {
    return detail;
  }
}
