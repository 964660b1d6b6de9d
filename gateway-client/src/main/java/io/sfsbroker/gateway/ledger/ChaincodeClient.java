package io.sfsbroker.gateway.ledger;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
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
   * @param contract the contract name within the chaincode, e.g. {@code probe}
   * @param transaction the transaction name, e.g. {@code record}
   * @param args the string arguments
   * @throws LedgerException when any stage fails or the transaction is committed as invalid
   */
  public Committed submit(final String contract, final String transaction, final String... args) {
    Contract target = network.getContract(chaincode, contract);
    SubmittedTransaction submitted;
    try {
      submitted =
          target.newProposal(transaction).addArguments(args).build().endorse().submitAsync();
    } catch (EndorseException e) {
      throw failure(Stage.ENDORSE, e.getTransactionId(), e);
    } catch (SubmitException e) {
      throw failure(Stage.SUBMIT, e.getTransactionId(), e);
    }
    String txId = submitted.getTransactionId();
    Status status;
    try {
      status = submitted.getStatus();
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
        txId, status.getBlockNumber(), new String(submitted.getResult(), StandardCharsets.UTF_8));
  }

  /**
   * Evaluates a query on one peer; nothing is written.
   *
   * @throws LedgerException when the chaincode rejects the query or the peer does not answer
   */
  public String evaluate(final String contract, final String transaction, final String... args) {
    try {
      byte[] result =
          network.getContract(chaincode, contract).evaluateTransaction(transaction, args);
      return new String(result, StandardCharsets.UTF_8);
    } catch (GatewayException e) {
      throw failure(Stage.EVALUATE, null, e);
    }
  }

  /**
   * The chaincode's events from block {@code startBlock} on, as they are committed. Close the
   * iterator to stop listening.
   */
  public CloseableIterator<ChaincodeEvent> events(final long startBlock) {
    return network.newChaincodeEventsRequest(chaincode).startBlock(startBlock).build().getEvents();
  }

  private static LedgerException failure(
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
    LOG.log(Level.WARNING, "transaction {0} failed at {1}: {2}", txId, stage, code);
    return new LedgerException(stage, code, txId, message, e);
  }
}
