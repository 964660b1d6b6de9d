package io.sfsbroker.chaincode.common;

import io.sfsbroker.protocol.envelope.Envelope;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds credits and tokens: a registered device ({@code device:<participantId>}) or a Fabric
 * client identity ({@code client:<mspId>:<x509 id>}, an operator or any channel member).
 */
public final class Account {

  /** The prefix of device accounts. */
  public static final String DEVICE = "device:";

  /** The prefix of client-identity accounts. */
  public static final String CLIENT = "client:";

  /** The longest account id. */
  public static final int MAX_LENGTH = 1024;

  private Account() {}

  /** The account of device {@code participantId}. */
  public static String device(final String participantId) {
    return DEVICE + Objects.requireNonNull(participantId, "participantId");
  }

  /** The participant whose device account {@code account} is; empty for a client account. */
  public static Optional<String> participantId(final String account) {
    return account != null && account.startsWith(DEVICE)
        ? Optional.of(account.substring(DEVICE.length()))
        : Optional.empty();
  }

  /** The account of the client identity {@code caller}. */
  public static String client(final Caller caller) {
    Objects.requireNonNull(caller, "caller");
    return CLIENT + caller.mspId() + ":" + caller.id();
  }

  /**
   * Requires {@code account} to be a well-formed account id.
   *
   * @param name the argument's name, for the message
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} otherwise
   */
  public static String require(final String name, final String account) {
    boolean valid =
        account != null
            && account.length() <= MAX_LENGTH
            && account.indexOf('\u0000') < 0
            && account.indexOf('\udbff') < 0
            && ((account.startsWith(DEVICE)
                    && Envelope.SIGNER_ID.matcher(account.substring(DEVICE.length())).matches())
                || (account.startsWith(CLIENT)
                    && account.indexOf(':', CLIENT.length()) > CLIENT.length()
                    && account.indexOf(':', CLIENT.length()) < account.length() - 1));
    if (!valid) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          name
              + " '"
              + account
              + "' is not an account; use device:<participantId> or client:<mspId>:<x509 id>"
              + " (credit:whoAmI tells a client its own)");
    }
    return account;
  }
}
