package io.sfsbroker.chaincode.envelope;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.participant.Participants;
import io.sfsbroker.protocol.envelope.EnvelopeException;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.envelope.UnverifiedEnvelope;
import io.sfsbroker.protocol.envelope.UsedNonce;
import io.sfsbroker.protocol.envelope.VerifiedMessage;
import io.sfsbroker.protocol.keys.Pem;
import io.sfsbroker.protocol.participant.Participant;
import io.sfsbroker.protocol.participant.ParticipantRole;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Checks the signed envelopes that devices send, for every contract that accepts one.
 *
 * <p>The checks, in order, and the code each failure raises:
 *
 * <ol>
 *   <li>the envelope is a well-formed SFSBroker envelope ({@code MALFORMED}; {@code BAD_SIGNATURE}
 *       when its algorithm is not ES256);
 *   <li>its message type is the one the transaction expects ({@code INVALID_ARGUMENT});
 *   <li>its signer is a registered participant ({@code FORBIDDEN}), is active ({@code FORBIDDEN})
 *       and has one of the allowed roles ({@code FORBIDDEN});
 *   <li>the signature verifies with the signer's registered key ({@code BAD_SIGNATURE});
 *   <li>issued-at lies within the configured skew of the transaction time, before or after it
 *       ({@code EXPIRED});
 *   <li>the signer never used the nonce before ({@code REPLAY}).
 * </ol>
 *
 * <p>{@link #verify} only reads. {@link #consume} then records the nonce under {@code
 * envelope-nonce~<signer>~<nonce>}: a key of its own per message, so concurrent messages never
 * conflict, while two transactions carrying the same envelope conflict on that key and at most one
 * commits. A contract verifies first, makes all its own checks, and consumes and writes last, so
 * that a rejected call writes nothing; {@link #verifyAndConsume} is for contracts with no checks of
 * their own after the envelope.
 */
public final class EnvelopeVerifier {

  /** The object type of nonce keys. */
  public static final String NONCE_KEY_TYPE = "envelope-nonce";

  private static final Set<ParticipantRole> ANY_ROLE = EnumSet.allOf(ParticipantRole.class);

  private EnvelopeVerifier() {}

  /**
   * Runs every check on {@code compact}, accepting a signer of any role. Reads the signer, the
   * envelope settings and the nonce key; writes nothing.
   *
   * @param ctx the transaction context
   * @param compact the envelope, a JWS compact serialization
   * @param expected the message type the transaction accepts
   * @return the verified envelope
   * @throws ChaincodeException with the codes listed on the class
   */
  public static VerifiedEnvelope verify(
      final Context ctx, final String compact, final MessageType expected) {
    return verify(ctx, compact, expected, ANY_ROLE);
  }

  /**
   * Runs every check on {@code compact}, accepting only a signer whose role is in {@code roles}.
   * Reads the signer, the envelope settings and the nonce key; writes nothing.
   *
   * @throws ChaincodeException with the codes listed on the class
   */
  public static VerifiedEnvelope verify(
      final Context ctx,
      final String compact,
      final MessageType expected,
      final Set<ParticipantRole> roles) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(roles, "roles");
    UnverifiedEnvelope envelope;
    try {
      envelope = UnverifiedEnvelope.parse(compact);
      envelope.requireType(expected);
    } catch (EnvelopeException e) {
      throw rejection(e);
    }
    Ledger ledger = Ledger.of(ctx);
    Participant signer =
        Participants.find(ledger, envelope.signerId())
            .orElseThrow(
                () ->
                    ErrorCode.FORBIDDEN.reject(
                        "signer " + envelope.signerId() + " is not a registered participant"));
    if (!signer.isActive()) {
      throw ErrorCode.FORBIDDEN.reject(
          "signer " + signer.id() + " was revoked at " + signer.revokedAt());
    }
    if (!roles.contains(signer.role())) {
      throw ErrorCode.FORBIDDEN.reject(
          "a "
              + signer.role()
              + " may not sign a "
              + expected.wireName()
              + " message; allowed: "
              + EnumSet.copyOf(roles));
    }
    VerifiedMessage message;
    try {
      ECPublicKey key = Pem.parsePublicKey(signer.publicKeyPem());
      message = envelope.verify(key);
    } catch (IllegalArgumentException e) {
      throw ErrorCode.INTERNAL.reject(
          "the registered key of " + signer.id() + " cannot be read: " + e.getMessage(), e);
    } catch (EnvelopeException e) {
      throw rejection(e);
    }
    Instant txTime = ledger.txTime();
    Duration skew = EnvelopeSettings.read(ledger).maxClockSkew();
    Duration offset = Duration.between(txTime, message.issuedAt());
    if (offset.abs().compareTo(skew) > 0) {
      throw ErrorCode.EXPIRED.reject(
          "issued at "
              + message.issuedAt()
              + ", "
              + offset.abs().getSeconds()
              + " s "
              + (offset.isNegative() ? "before" : "after")
              + " the transaction time "
              + txTime
              + "; at most "
              + skew.getSeconds()
              + " s are allowed: check the device clock and sign again");
    }
    if (ledger.exists(nonceKey(ledger, message))) {
      throw ErrorCode.REPLAY.reject(
          "signer " + message.signerId() + " already used nonce " + message.nonce());
    }
    return new VerifiedEnvelope(message, signer);
  }

  /**
   * Records the nonce of a verified envelope as used. Call it once, after every other check of the
   * transaction passed. Writes {@code envelope-nonce~<signer>~<nonce>}.
   */
  public static void consume(final Context ctx, final VerifiedEnvelope envelope) {
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(envelope, "envelope");
    Ledger ledger = Ledger.of(ctx);
    ledger.put(
        nonceKey(ledger, envelope.message()),
        new UsedNonce(ledger.txId(), envelope.message().type(), ledger.txTime()));
  }

  /**
   * Verifies {@code compact} as {@link #verify(Context, String, MessageType, Set)} does, then
   * {@linkplain #consume consumes} its nonce.
   *
   * @throws ChaincodeException with the codes listed on the class
   */
  public static VerifiedEnvelope verifyAndConsume(
      final Context ctx,
      final String compact,
      final MessageType expected,
      final Set<ParticipantRole> roles) {
    VerifiedEnvelope envelope = verify(ctx, compact, expected, roles);
    consume(ctx, envelope);
    return envelope;
  }

  /** Tells whether {@code signerId} already used {@code nonce}. */
  public static boolean isNonceUsed(
      final Ledger ledger, final String signerId, final String nonce) {
    return ledger.exists(ledger.key(NONCE_KEY_TYPE, signerId, nonce));
  }

  /** The record of {@code signerId}'s {@code nonce}, when it was used. */
  public static Optional<UsedNonce> usedNonce(
      final Ledger ledger, final String signerId, final String nonce) {
    Objects.requireNonNull(signerId, "signerId");
    Objects.requireNonNull(nonce, "nonce");
    return ledger.get(ledger.key(NONCE_KEY_TYPE, signerId, nonce), UsedNonce.class);
  }

  private static String nonceKey(final Ledger ledger, final VerifiedMessage message) {
    return ledger.key(NONCE_KEY_TYPE, message.signerId(), message.nonce());
  }

  private static ChaincodeException rejection(final EnvelopeException e) {
    ErrorCode code =
        switch (e.error()) {
          case MALFORMED, TOO_LARGE, UNSUPPORTED_VERSION -> ErrorCode.MALFORMED;
          case UNSUPPORTED_ALGORITHM, BAD_SIGNATURE -> ErrorCode.BAD_SIGNATURE;
          case WRONG_TYPE -> ErrorCode.INVALID_ARGUMENT;
          case BAD_KEY -> ErrorCode.INTERNAL;
        };
    return code.reject(e.detail() + " [envelope " + e.error() + "]", e);
  }
}
