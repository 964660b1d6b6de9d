package io.sfsbroker.gateway.bridge;

import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.UsedNonce;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;

/**
 * Gets one transaction onto the ledger at most once, following the {@link RetryPolicy}: endorsing
 * is retried while peers do not answer; a lost commit status is asked for again and the same signed
 * transaction resubmitted (same id, so never applied twice); a read conflict leads to a new
 * endorsement; a chaincode rejection is final.
 */
final class LedgerSubmitter implements UplinkLedger {

  private static final System.Logger LOG = System.getLogger(LedgerSubmitter.class.getName());

  private final ChaincodeClient client;
  private final Gateway gateway;
  private final RetryPolicy policy;

  LedgerSubmitter(final ChaincodeClient client, final Gateway gateway, final RetryPolicy policy) {
    this.client = Objects.requireNonNull(client, "client");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Endorses and commits {@code transaction(argument)}; {@code onEndorsed} gets the signed
   * transaction before it is submitted, to keep it for a restart or a re-sent message.
   *
   * @throws LedgerException the final failure: a rejection, or the last transient failure
   * @throws InterruptedException when the bridge stops meanwhile
   */
  @Override
  public Committed submit(
      final TransactionName transaction,
      final String argument,
      final Consumer<Endorsement> onEndorsed)
      throws InterruptedException {
    for (int endorsement = 1; ; endorsement++) {
      Transaction endorsed = endorse(transaction, argument);
      onEndorsed.accept(new Endorsement(endorsed.getTransactionId(), endorsed.getBytes()));
      try {
        return commit(endorsed);
      } catch (LedgerException e) {
        if (policy.afterFailure(e.stage(), e.code(), endorsement)
            != RetryPolicy.Action.ENDORSE_AGAIN) {
          throw e;
        }
        LOG.log(Level.INFO, "{0} hit {1}; endorsing again", transaction, e.code());
        pause(endorsement);
      }
    }
  }

  /**
   * Submits again a transaction a previous run endorsed (its signed bytes), then commits it; after
   * a read conflict it endorses anew like {@link #submit}.
   */
  @Override
  public Committed resume(
      final byte[] signedTransaction,
      final TransactionName transaction,
      final String argument,
      final Consumer<Endorsement> onEndorsed)
      throws InterruptedException {
    Transaction endorsed = gateway.newTransaction(signedTransaction);
    onEndorsed.accept(new Endorsement(endorsed.getTransactionId(), endorsed.getBytes()));
    LOG.log(Level.INFO, "resubmitting transaction {0}", endorsed.getTransactionId());
    try {
      return commit(endorsed);
    } catch (LedgerException e) {
      if (policy.afterFailure(e.stage(), e.code(), 1) != RetryPolicy.Action.ENDORSE_AGAIN) {
        throw e;
      }
      return submit(transaction, argument, onEndorsed);
    }
  }

  @Override
  public Optional<Committed> committedBefore(
      final String signerId, final String nonce, final TransactionName transaction) {
    String used;
    try {
      used = client.evaluate(TransactionName.ENVELOPE_GET_USED_NONCE, signerId, nonce);
    } catch (LedgerException e) {
      if ("NOT_FOUND".equals(e.code())) {
        return Optional.empty();
      }
      throw e;
    }
    return client.committed(Json.fromJson(used, UsedNonce.class).txId(), transaction);
  }

  private Transaction endorse(final TransactionName transaction, final String argument)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.endorse(transaction, argument);
      } catch (LedgerException e) {
        if (policy.afterFailure(Stage.ENDORSE, e.code(), attempt) != RetryPolicy.Action.RETRY) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  private Committed commit(final Transaction endorsed) throws InterruptedException {
    SubmittedTransaction submitted = send(endorsed);
    for (int attempt = 1; ; attempt++) {
      try {
        return client.awaitCommit(submitted, endorsed.getResult());
      } catch (LedgerException e) {
        if (e.stage() == Stage.COMMIT && "DUPLICATE_TXID".equals(e.code())) {
          // A resubmitted copy: the first one with this id is on the ledger already.
          return new Committed(
              endorsed.getTransactionId(),
              -1,
              new String(endorsed.getResult(), StandardCharsets.UTF_8));
        }
        RetryPolicy.Action action = policy.afterFailure(e.stage(), e.code(), attempt);
        if (action == RetryPolicy.Action.CHECK_STATUS_AGAIN) {
          pause(attempt);
        } else if (action == RetryPolicy.Action.RESUBMIT) {
          pause(attempt);
          LOG.log(Level.INFO, "resubmitting transaction {0}", endorsed.getTransactionId());
          submitted = send(endorsed);
        } else {
          throw e;
        }
      }
    }
  }

  private SubmittedTransaction send(final Transaction endorsed) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.submitEndorsed(endorsed);
      } catch (LedgerException e) {
        if (policy.afterFailure(Stage.SUBMIT, e.code(), attempt) != RetryPolicy.Action.RESUBMIT) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  private void pause(final int attempt) throws InterruptedException {
    Thread.sleep(policy.backoff(attempt).toMillis());
  }
}
