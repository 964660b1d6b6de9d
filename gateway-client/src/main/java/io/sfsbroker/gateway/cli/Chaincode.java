package io.sfsbroker.gateway.cli;

import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.file.Path;
import org.hyperledger.fabric.client.CloseableIterator;

/**
 * The broker chaincode as the commands call it. {@link GatewayChaincode} reaches the real network;
 * the unit tests put a recording fake in its place.
 */
interface Chaincode extends AutoCloseable {

  /**
   * Evaluates a query on one peer.
   *
   * @throws LedgerException when the chaincode rejects it or the peer does not answer
   */
  String evaluate(TransactionName transaction, String... args);

  /**
   * Submits a transaction and waits until it is committed.
   *
   * @throws LedgerException when any stage fails
   */
  Committed submit(TransactionName transaction, String... args);

  /**
   * The channel's block height: the number of the next block.
   *
   * @throws LedgerException when the peer does not answer
   */
  long blockHeight();

  /** The chaincode's events from {@code startBlock} on, as they are committed. */
  CloseableIterator<ChainEvent> events(long startBlock);

  @Override
  void close();

  /** Connects to the chaincode of a network. */
  @FunctionalInterface
  interface Opener {

    /**
     * Connects as {@code identity} of organisation {@code org} to the network {@code networkFile}
     * describes.
     *
     * @throws IllegalArgumentException when the file, the organisation or its identity is missing
     */
    Chaincode open(Path networkFile, String org, ClientIdentity identity);
  }
}
