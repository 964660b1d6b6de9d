package io.sfsbroker.gateway.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.Checkpoint;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Commit;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * Submits and evaluates transactions of one chaincode on one channel, and reads its events.
 * Thread-safe; it holds no connection of its own.
 */
public final class ChaincodeClient {

  private static final System.Logger LOG = System.getLogger(ChaincodeClient.class.getName());

  private final Network network;
  private final String chaincode;

  /** A client of {@code chaincode} on {@code network}. */
  public ChaincodeClient(final Network network, final String chaincode) {
    this.network = Objects.requireNonNull(network, "network");
    this.chaincode = Objects.requireNonNull(chaincode, "chaincode");
  }

  /**
   * Endorses, submits and waits until the transaction is committed.
   *
   * @param transaction the transaction, e.g. {@link TransactionName#PROBE_RECORD}
   * @param args the string arguments
   * @throws LedgerException when any stage fails or the transaction is committed as invalid
   */
  public Committed submit(final TransactionName transaction, final String... args) {
    Transaction endorsed = endorse(transaction, args);
    return awaitCommit(submitEndorsed(endorsed), endorsed.getResult());
  }

  /**
   * Endorses a transaction without submitting it. Keep it (or {@link Transaction#getBytes()}) to
   * submit the same signed transaction again after a failure: it keeps its transaction id, so the
   * ledger applies it at most once.
   *
   * @throws LedgerException at {@link Stage#ENDORSE}, with the chaincode's code when it rejected
   */
  public Transaction endorse(final TransactionName transaction, final String... args) {
    Objects.requireNonNull(transaction, "transaction");
    try {
      return network
          .getContract(chaincode, transaction.contract())
          .newProposal(transaction.function())
          .addArguments(args)
          .build()
          .endorse();
    } catch (EndorseException e) {
      throw failure(Stage.ENDORSE, e.getTransactionId(), e);
    }
  }

  /**
   * Sends an endorsed transaction to the orderers; calling it again with the same transaction
   * resubmits the same signed bytes.
   *
   * @throws LedgerException at {@link Stage#SUBMIT}
   */
  public SubmittedTransaction submitEndorsed(final Transaction endorsed) {
    Objects.requireNonNull(endorsed, "endorsed");
    try {
      return endorsed.submitAsync();
    } catch (SubmitException e) {
      throw failure(Stage.SUBMIT, e.getTransactionId(), e);
    }
  }

  /**
   * Waits for the commit status of a submitted transaction; may be called again after a {@link
   * Stage#COMMIT_STATUS} failure.
   *
   * @param result what the chaincode returned at endorsement
   * @throws LedgerException at {@link Stage#COMMIT_STATUS} when the status could not be read, at
   *     {@link Stage#COMMIT} (code: the validation code) when the block marked it invalid
   */
  public Committed awaitCommit(final Commit commit, final byte[] result) {
    Objects.requireNonNull(commit, "commit");
    String txId = commit.getTransactionId();
    Status status;
    try {
      status = commit.getStatus();
    } catch (CommitStatusException e) {
      throw failure(Stage.COMMIT_STATUS, txId, e);
    }
    if (!status.isSuccessful()) {
      LOG.log(Level.WARNING, "transaction {0} committed as invalid: {1}", txId, status.getCode());
      throw new LedgerException(
          Stage.COMMIT,
          status.getCode().name(),
          txId,
          "transaction " + txId + " was committed as invalid: " + status.getCode(),
          null);
    }
    return new Committed(
        txId,
        status.getBlockNumber(),
        new String(result == null ? new byte[0] : result, StandardCharsets.UTF_8));
  }

  /**
   * The channel's block height as the peer reports it (system chaincode {@code qscc}); the next
   * block to be committed has this number.
   *
   * @throws LedgerException when the peer does not answer
   */
  public long blockHeight() {
    try {
      byte[] info =
          network.getContract("qscc").evaluateTransaction("GetChainInfo", network.getName());
      return BlockchainInfo.parseFrom(info).getHeight();
    } catch (GatewayException e) {
      throw failure(Stage.EVALUATE, null, e);
    } catch (InvalidProtocolBufferException e) {
      throw new LedgerException(
          Stage.EVALUATE, "INTERNAL", null, "qscc returned no chain info: " + e.getMessage(), e);
    }
  }

  /**
   * Evaluates a query on one peer; nothing is written.
   *
   * @throws LedgerException when the chaincode rejects the query or the peer does not answer
   */
  public String evaluate(final TransactionName transaction, final String... args) {
    try {
      byte[] result =
          network
              .getContract(chaincode, transaction.contract())
              .evaluateTransaction(transaction.function(), args);
      return new String(result, StandardCharsets.UTF_8);
    } catch (GatewayException e) {
      throw failure(Stage.EVALUATE, null, e);
    }
  }

  /**
   * Evaluates a query whose answer may be that there is nothing: a {@code NOT_FOUND} rejection is
   * an empty answer, logged only at debug level, since for a reader an absent record (a slice
   * without escrow yet) is an ordinary answer, not a failure. Nothing is written.
   *
   * @return the chaincode's answer, or empty when it answered {@code NOT_FOUND}
   * @throws LedgerException when the chaincode rejects the query otherwise or the peer does not
   *     answer
   */
  public Optional<String> find(final TransactionName transaction, final String... args) {
    try {
      byte[] result =
          network
              .getContract(chaincode, transaction.contract())
              .evaluateTransaction(transaction.function(), args);
      return Optional.of(new String(result, StandardCharsets.UTF_8));
    } catch (GatewayException e) {
      LedgerException failure = describe(Stage.EVALUATE, null, e);
      if ("NOT_FOUND".equals(failure.code())) {
        LOG.log(Level.DEBUG, "{0} found nothing: {1}", transaction, failure.getMessage());
        return Optional.empty();
      }
      throw logged(failure);
    }
  }

  /**
   * The transaction {@code transactionId} as the ledger holds it, when it was committed as valid
   * and invoked {@code transaction} of this chaincode: its block and what the chaincode returned.
   * Read with the query system chaincode ({@code qscc GetBlockByTxID}); nothing is written.
   *
   * @return empty when the ledger has no such valid transaction of {@code transaction}
   * @throws LedgerException when the peer does not answer
   */
  public Optional<Committed> committed(
      final String transactionId, final TransactionName transaction) {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(transaction, "transaction");
    byte[] block;
    try {
      block =
          network
              .getContract("qscc")
              .evaluateTransaction("GetBlockByTxID", network.getName(), transactionId);
    } catch (GatewayException e) {
      LedgerException failure = failure(Stage.EVALUATE, transactionId, e);
      if (failure.getMessage().contains("no such transaction")) {
        return Optional.empty();
      }
      throw failure;
    }
    try {
      return AppliedTransactions.find(Block.parseFrom(block), transactionId, chaincode)
          .filter(found -> found.valid() && found.function().equals(transaction.toString()))
          .map(found -> new Committed(transactionId, found.blockNumber(), found.result()));
    } catch (InvalidProtocolBufferException e) {
      throw new LedgerException(
          Stage.EVALUATE,
          "INTERNAL",
          transactionId,
          "qscc returned a block that does not parse: " + e.getMessage(),
          e);
    }
  }

  /**
   * The chaincode's events from block {@code startBlock} on, as they are committed. Close the
   * iterator to stop listening.
   */
  public CloseableIterator<ChaincodeEvent> events(final long startBlock) {
    return network.newChaincodeEventsRequest(chaincode).startBlock(startBlock).build().getEvents();
  }

  /**
   * The chaincode's events after the position {@code checkpoint} holds (or from {@code startBlock}
   * when it holds none). Record each event in the checkpointer once it is handled, and a restarted
   * reader resumes after it: nothing missed, nothing repeated.
   */
  public CloseableIterator<ChaincodeEvent> events(
      final Checkpoint checkpoint, final long startBlock) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    return network
        .newChaincodeEventsRequest(chaincode)
        .startBlock(startBlock)
        .checkpoint(checkpoint)
        .build()
        .getEvents();
  }

  private static LedgerException failure(
      final Stage stage, final String txId, final GatewayException e) {
    return logged(describe(stage, txId, e));
  }

  private static LedgerException logged(final LedgerException failure) {
    LOG.log(
        Level.WARNING,
        "transaction {0} failed at {1}: {2}",
        failure.transactionId().orElse(null),
        failure.stage(),
        failure.code());
    return failure;
  }

  /** The failure as a {@link LedgerException} with the chaincode's code when it gave one. */
  private static LedgerException describe(
      final Stage stage, final String txId, final GatewayException e) {
    String code = e.getStatus().getCode().name();
    String message = e.getMessage();
    for (ErrorDetail detail : e.getDetails()) {
      var chaincodeCode = LedgerException.chaincodeCode(detail.getMessage());
      if (chaincodeCode.isPresent()) {
        code = chaincodeCode.get();
        message = detail.getMessage().replaceFirst("^chaincode response \\d+, ", "");
        break;
      }
      message = message + "; " + detail.getAddress() + ": " + detail.getMessage();
    }
    return new LedgerException(stage, code, txId, message, e);
  }
}
