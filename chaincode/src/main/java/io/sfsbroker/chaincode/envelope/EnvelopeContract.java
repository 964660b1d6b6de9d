package io.sfsbroker.chaincode.envelope;

import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Governed;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.EnvelopeConfig;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.envelope.UsedNonce;
import io.sfsbroker.protocol.transaction.Contracts;
import java.util.Arrays;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The envelope settings (the allowed clock skew; they change only through the {@code governance}
 * contract) and a transaction that verifies any envelope, for demonstrations and for testing
 * devices end to end. The other contracts verify their envelopes with {@link EnvelopeVerifier}
 * directly.
 */
@Contract(
    name = Contracts.ENVELOPE,
    info =
        @Info(
            title = "SFSBroker signed envelopes",
            description = "Verifies device envelopes and holds the allowed clock skew",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class EnvelopeContract implements ContractInterface {

  /**
   * Checks an envelope with every check of {@link EnvelopeVerifier} without processing it: a query
   * that consumes nothing, so nobody who saw an envelope (in a proposal, on the wire) can burn its
   * nonce before the contract it is meant for processes it. Submitting it changes nothing either:
   * it writes no key.
   *
   * <p>Who may call: any member of the channel (the envelope's signer is what is checked);
   * evaluate. Reads the signer's {@code participant~<id>}, {@code sfsb-config~envelope} and {@code
   * envelope-nonce~<signer>~<nonce>}; writes nothing.
   *
   * @param envelope the envelope, a JWS compact serialization
   * @param expectedType the wire name of the expected message type, such as {@code slice-request}
   * @return the verified message as JSON: {@code
   *     {"version":1,"type":…,"signerId":…,"nonce":…,"issuedAt":…,"body":{…}}}
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when {@code expectedType} is unknown or the
   *     envelope is of another type; {@code MALFORMED}, {@code FORBIDDEN}, {@code BAD_SIGNATURE},
   *     {@code EXPIRED} or {@code REPLAY} as described on {@link EnvelopeVerifier}
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String verify(final Context ctx, final String envelope, final String expectedType) {
    MessageType type =
        MessageType.fromWireName(expectedType)
            .orElseThrow(
                () ->
                    ErrorCode.INVALID_ARGUMENT.reject(
                        "unknown message type '"
                            + expectedType
                            + "'; use one of "
                            + Arrays.toString(MessageType.values())));
    return Json.toJson(EnvelopeVerifier.verify(ctx, envelope, type).message());
  }

  /**
   * Returns the record of a nonce a signer used: which transaction applied the envelope, of which
   * type, and when. A bridge that is refused {@code REPLAY} for a device's message (the device sent
   * it again, and another bridge, or this one before a lost state folder, had it applied) reads
   * here the transaction to name in its receipt, so that the device learns the original outcome.
   *
   * <p>Who may call: any member of the channel; evaluate. Reads {@code
   * envelope-nonce~<signerId>~<nonce>}; writes nothing.
   *
   * @param signerId the envelope's signer
   * @param nonce the envelope's nonce
   * @return the {@link UsedNonce} as JSON: {@code {"txId":…,"type":…,"acceptedAt":…}}
   * @throws ChaincodeException {@code INVALID_ARGUMENT} for a blank or overlong id or nonce; {@code
   *     NOT_FOUND} when the signer never used the nonce
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getUsedNonce(final Context ctx, final String signerId, final String nonce) {
    Arguments.text("signerId", signerId, 64);
    Arguments.text("nonce", nonce, 128);
    return Json.toJson(
        EnvelopeVerifier.usedNonce(Ledger.of(ctx), signerId, nonce)
            .orElseThrow(
                () ->
                    ErrorCode.NOT_FOUND.reject(
                        "signer " + signerId + " never used nonce " + nonce)));
  }

  /**
   * Refused: the envelope settings change only by the consortium. An org admin proposes the change
   * with {@code governance:propose} (setting {@code envelope}), an admin of another governing
   * organisation approves it, and any member applies it.
   *
   * <p>Who may call: nobody; kept so that a direct call gets a clear answer. Reads and writes
   * nothing.
   *
   * @param configJson ignored
   * @return never
   * @throws ChaincodeException {@code FORBIDDEN}, always
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String configure(final Context ctx, final String configJson) {
    throw Governed.forbidden("the envelope settings", "envelope");
  }

  /**
   * Returns the envelope settings in force.
   *
   * <p>Who may call: any member of the channel. Reads {@code sfsb-config~envelope}; writes nothing.
   *
   * @return the {@link EnvelopeConfig} as JSON; the default ({@code {"maxClockSkewSeconds":120}})
   *     while none was set
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getConfig(final Context ctx) {
    return Json.toJson(EnvelopeSettings.read(Ledger.of(ctx)));
  }
}
