package io.sfsbroker.gateway.keeper;

import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.protocol.transaction.TransactionName;

/**
 * What the keeper needs of the ledger: queries ({@code deadline:listDue}) and submissions (the
 * settlements). {@link ChaincodeClient} is the real one ({@link #of}); unit tests use a fake.
 */
interface KeeperLedger {

  /**
   * Evaluates a query.
   *
   * @throws io.sfsbroker.gateway.ledger.LedgerException when it fails
   */
  String evaluate(TransactionName transaction, String... args);

  /**
   * Submits a transaction and waits until it is committed.
   *
   * @throws io.sfsbroker.gateway.ledger.LedgerException when it fails
   */
  Committed submit(TransactionName transaction, String... args);

  /** The ledger of {@code client}. */
  static KeeperLedger of(final ChaincodeClient client) {
    return new KeeperLedger() {
      @Override
      public String evaluate(final TransactionName transaction, final String... args) {
        return client.evaluate(transaction, args);
      }

      @Override
      public Committed submit(final TransactionName transaction, final String... args) {
        return client.submit(transaction, args);
      }
    };
  }
}
