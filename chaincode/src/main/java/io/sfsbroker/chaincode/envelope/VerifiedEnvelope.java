package io.sfsbroker.chaincode.envelope;

import com.google.gson.JsonParseException;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.protocol.envelope.VerifiedMessage;
import io.sfsbroker.protocol.participant.Participant;
import java.util.Objects;

/**
 * An envelope that passed every check of {@link EnvelopeVerifier}: the message and the registered,
 * active participant that signed it.
 *
 * @param message the verified message (type, signer id, nonce, issued-at, body)
 * @param signer the signer as registered
 */
public record VerifiedEnvelope(VerifiedMessage message, Participant signer) {

  /** Checks that both are present and belong together. */
  public VerifiedEnvelope {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signer, "signer");
    if (!message.signerId().equals(signer.id())) {
      throw new IllegalArgumentException("the message is not signed by " + signer.id());
    }
  }

  /**
   * Decodes the body as {@code type}, typically a record whose compact constructor validates.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the body
   *     does not fit {@code type}
   */
  public <T> T bodyAs(final Class<T> type) {
    try {
      return message.bodyAs(type);
    } catch (JsonParseException e) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "the body of the " + message.type().wireName() + " message: " + e.getMessage(), e);
    }
  }
}
