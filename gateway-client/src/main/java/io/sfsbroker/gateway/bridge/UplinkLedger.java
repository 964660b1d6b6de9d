package io.sfsbroker.gateway.bridge;

import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How {@link Uplinks} gets a device message's transaction onto the ledger at most once. {@link
 * LedgerSubmitter} is the Fabric Gateway implementation; unit tests use an in-process fake.
 */
interface UplinkLedger {

  /**
   * Endorses and commits {@code transaction(argument)}; {@code onEndorsed} gets each endorsement
   * before it is submitted, to keep it for a restart or a re-sent message.
   *
   * @throws io.sfsbroker.gateway.ledger.LedgerException the final failure
   * @throws InterruptedException when the bridge stops meanwhile
   */
  Committed submit(TransactionName transaction, String argument, Consumer<Endorsement> onEndorsed)
      throws InterruptedException;

  /**
   * Submits again the transaction a previous run endorsed ({@code signedTransaction}), then commits
   * it; endorses anew like {@link #submit} when that transaction can no longer commit.
   */
  Committed resume(
      byte[] signedTransaction,
      TransactionName transaction,
      String argument,
      Consumer<Endorsement> onEndorsed)
      throws InterruptedException;

  /**
   * The valid transaction of {@code transaction} that applied {@code signerId}'s message with
   * {@code nonce}, when the ledger holds one: the original of a message the chaincode refuses as
   * {@code REPLAY} (its device sent it again, and another bridge had it applied).
   *
   * @throws io.sfsbroker.gateway.ledger.LedgerException when the peers do not answer
   */
  Optional<Committed> committedBefore(String signerId, String nonce, TransactionName transaction);
}
