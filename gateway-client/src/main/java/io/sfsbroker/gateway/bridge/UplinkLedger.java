package io.sfsbroker.gateway.bridge;

import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.protocol.transaction.TransactionName;
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
}
