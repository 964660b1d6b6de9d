package io.sfsbroker.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

class AppliedTransactionsTest {

  @Test
  void aValidTransaction_isFoundWithItsBlockFunctionAndResult() throws Exception {
    Block block =
        block(
            42,
            new byte[] {TxValidationCode.VALID_VALUE, TxValidationCode.VALID_VALUE},
            endorser("tx-a", "sfsbroker", "probe:record", "{}"),
            endorser("tx-b", "sfsbroker", "request:submitSliceRequest", "{\"id\":\"s-1\"}"));

    AppliedTransactions.Applied found =
        AppliedTransactions.find(block, "tx-b", "sfsbroker").orElseThrow();

    assertThat(found.blockNumber()).isEqualTo(42);
    assertThat(found.valid()).isTrue();
    assertThat(found.function()).isEqualTo("request:submitSliceRequest");
    assertThat(found.result()).isEqualTo("{\"id\":\"s-1\"}");
  }

  @Test
  void aTransactionThePeersInvalidated_isFoundAsInvalid() throws Exception {
    Block block =
        block(
            7,
            new byte[] {TxValidationCode.MVCC_READ_CONFLICT_VALUE},
            endorser("tx-a", "sfsbroker", "request:submitSliceRequest", "{}"));

    assertThat(AppliedTransactions.find(block, "tx-a", "sfsbroker").orElseThrow().valid())
        .isFalse();
  }

  @Test
  void anotherChaincodesTransaction_orAnIdNotInTheBlock_isNotFound() throws Exception {
    Block block =
        block(
            7,
            new byte[] {TxValidationCode.VALID_VALUE},
            endorser("tx-a", "other", "request:submitSliceRequest", "{}"));

    assertThat(AppliedTransactions.find(block, "tx-a", "sfsbroker")).isEmpty();
    assertThat(AppliedTransactions.find(block, "tx-z", "other")).isEmpty();
  }

  private static Block block(final long number, final byte[] flags, final Envelope... envelopes) {
    BlockData.Builder data = BlockData.newBuilder();
    for (Envelope envelope : envelopes) {
      data.addData(envelope.toByteString());
    }
    return Block.newBuilder()
        .setHeader(BlockHeader.newBuilder().setNumber(number))
        .setData(data)
        .setMetadata(
            BlockMetadata.newBuilder()
                .addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.EMPTY)
                .addMetadata(ByteString.copyFrom(flags)))
        .build();
  }

  private static Envelope endorser(
      final String txId, final String chaincode, final String function, final String result) {
    ChaincodeInvocationSpec invocation =
        ChaincodeInvocationSpec.newBuilder()
            .setChaincodeSpec(
                ChaincodeSpec.newBuilder()
                    .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                    .setInput(
                        ChaincodeInput.newBuilder()
                            .addArgs(ByteString.copyFromUtf8(function))
                            .addArgs(ByteString.copyFromUtf8("envelope"))))
            .build();
    ChaincodeAction action =
        ChaincodeAction.newBuilder()
            .setResponse(
                Response.newBuilder().setStatus(200).setPayload(ByteString.copyFromUtf8(result)))
            .build();
    ChaincodeActionPayload payload =
        ChaincodeActionPayload.newBuilder()
            .setChaincodeProposalPayload(
                ChaincodeProposalPayload.newBuilder()
                    .setInput(invocation.toByteString())
                    .build()
                    .toByteString())
            .setAction(
                ChaincodeEndorsedAction.newBuilder()
                    .setProposalResponsePayload(
                        ProposalResponsePayload.newBuilder()
                            .setExtension(action.toByteString())
                            .build()
                            .toByteString()))
            .build();
    Transaction transaction =
        Transaction.newBuilder()
            .addActions(TransactionAction.newBuilder().setPayload(payload.toByteString()))
            .build();
    ChannelHeader header =
        ChannelHeader.newBuilder()
            .setTxId(txId)
            .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
            .setChannelId("sfsbroker")
            .build();
    return Envelope.newBuilder()
        .setPayload(
            Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(header.toByteString()))
                .setData(transaction.toByteString())
                .build()
                .toByteString())
        .build();
  }
}
