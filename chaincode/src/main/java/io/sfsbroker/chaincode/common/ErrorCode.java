package io.sfsbroker.chaincode.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The stable codes every rejection of the chaincode begins with. Only a transaction's error message
 * reaches gateway clients, so the message is {@code CODE: what went wrong}, for example {@code
 * NOT_FOUND: participant fog-7 does not exist}; clients parse the code with {@link #of(String)}.
 *
 * <p>{@link #reject(String)} is the one place that builds a rejection: contracts write {@code throw
 * ErrorCode.NOT_FOUND.reject("participant " + id + " does not exist")}. The code's name is also the
 * exception's payload.
 */
public enum ErrorCode {
  /** An envelope's signature does not verify, or it is not signed with ES256. */
  BAD_SIGNATURE,
  /** An envelope's nonce was already used by its signer. */
  REPLAY,
  /** An envelope's issued-at is too far from the transaction time. */
  EXPIRED,
  /** An offer arrived after its offer window closed. */
  LATE_OFFER,
  /** The thing asked for does not exist. */
  NOT_FOUND,
  /** The caller or signer may not do this. */
  FORBIDDEN,
  /** An argument is missing, out of range or of the wrong form. */
  INVALID_ARGUMENT,
  /** The thing exists but is not in a state that allows this. */
  INVALID_STATE,
  /** The thing to create already exists. */
  CONFLICT,
  /** An envelope or JSON argument cannot be read at all. */
  MALFORMED,
  /** The chaincode found its own state inconsistent; a defect, never the caller's fault. */
  INTERNAL;

  /**
   * Builds the rejection for this code.
   *
   * @param detail what went wrong, in words the sender can act on
   * @return the exception to throw
   */
  public ChaincodeException reject(final String detail) {
    Objects.requireNonNull(detail, "detail");
    return new ChaincodeException(name() + ": " + detail, name().getBytes(StandardCharsets.UTF_8));
  }

  /** Builds the rejection for this code, keeping the low-level cause for the peer's log. */
  public ChaincodeException reject(final String detail, final Throwable cause) {
    Objects.requireNonNull(detail, "detail");
    return new ChaincodeException(
        name() + ": " + detail, name().getBytes(StandardCharsets.UTF_8), cause);
  }

  /**
   * Reads the code at the start of an error message, as a gateway client receives it.
   *
   * @return the code, or empty when the message does not begin with one
   */
  public static Optional<ErrorCode> of(final String message) {
    if (message == null) {
      return Optional.empty();
    }
    int colon = message.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String name = message.substring(0, colon);
    return Arrays.stream(values()).filter(code -> code.name().equals(name)).findFirst();
  }
}
