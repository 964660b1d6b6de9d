package io.sfsbroker.benchmarks.support;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * The state a committed transaction read and wrote, from its read-write set as the block holds it
 * (fetched with the system chaincode {@code qscc}).
 *
 * @param keysRead keys read one by one
 * @param rangeQueries range queries
 * @param rangeKeysRead keys returned by range queries, counted where the block lists them (Fabric
 *     stores a Merkle summary instead for long ranges: see {@code rangeSummarised})
 * @param rangeSummarised whether some range query is recorded only as a Merkle summary
 * @param keysWritten keys written (or deleted)
 * @param bytesWritten the size of the written values
 * @param transactionBytes the size of the whole transaction envelope in the block
 */
public record StateAccess(
    int keysRead,
    int rangeQueries,
    int rangeKeysRead,
    boolean rangeSummarised,
    int keysWritten,
    long bytesWritten,
    long transactionBytes) {

  /**
   * Reads the read-write set of {@code txId} on {@code network}'s channel.
   *
   * @throws IllegalStateException when the peer does not answer or the transaction cannot be parsed
   */
  public static StateAccess of(final Network network, final String txId) {
    try {
      byte[] bytes =
          network
              .getContract("qscc")
              .evaluateTransaction("GetTransactionByID", network.getName(), txId);
      ProcessedTransaction processed = ProcessedTransaction.parseFrom(bytes);
      ByteString envelopePayload = processed.getTransactionEnvelope().getPayload();
      Transaction transaction = Transaction.parseFrom(Payload.parseFrom(envelopePayload).getData());
      int keysRead = 0;
      int ranges = 0;
      int rangeKeys = 0;
      boolean summarised = false;
      int written = 0;
      long bytesWritten = 0;
      for (TransactionAction action : transaction.getActionsList()) {
        ChaincodeActionPayload payload = ChaincodeActionPayload.parseFrom(action.getPayload());
        ProposalResponsePayload response =
            ProposalResponsePayload.parseFrom(payload.getAction().getProposalResponsePayload());
        ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(response.getExtension());
        TxReadWriteSet rwset = TxReadWriteSet.parseFrom(chaincodeAction.getResults());
        for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
          KVRWSet kv = KVRWSet.parseFrom(ns.getRwset());
          keysRead += kv.getReadsCount();
          for (RangeQueryInfo range : kv.getRangeQueriesInfoList()) {
            ranges++;
            if (range.hasRawReads()) {
              rangeKeys += range.getRawReads().getKvReadsCount();
            } else {
              summarised = true;
            }
          }
          for (KVWrite write : kv.getWritesList()) {
            written++;
            bytesWritten += write.getValue().size();
          }
        }
      }
      return new StateAccess(
          keysRead,
          ranges,
          rangeKeys,
          summarised,
          written,
          bytesWritten,
          processed.getTransactionEnvelope().getSerializedSize());
    } catch (GatewayException | InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot read transaction " + txId + ": " + e.getMessage(), e);
    }
  }
}
