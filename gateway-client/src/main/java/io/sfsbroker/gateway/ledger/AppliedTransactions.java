package io.sfsbroker.gateway.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Reads one endorser transaction out of a committed block (protobuf glue, nothing else): whether
 * the peers validated it, which chaincode function it invoked and what that returned. Pure, so it
 * is tested on blocks built in the test.
 */
final class AppliedTransactions {

  /**
   * One transaction of a block.
   *
   * @param blockNumber the block that holds it
   * @param valid whether the peers committed it as valid
   * @param function the invoked function, {@code contract:function} as the contract API names it
   * @param result what the chaincode returned (UTF-8)
   */
  record Applied(long blockNumber, boolean valid, String function, String result) {}

  private AppliedTransactions() {}

  /**
   * The transaction {@code transactionId} of {@code chaincode} in {@code block}, or empty when the
   * block holds none (or one of another chaincode).
   *
   * @throws InvalidProtocolBufferException when the block's content does not parse
   */
  static Optional<Applied> find(
      final Block block, final String transactionId, final String chaincode)
      throws InvalidProtocolBufferException {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(chaincode, "chaincode");
    byte[] flags =
        block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
            ? block
                .getMetadata()
                .getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                .toByteArray()
            : new byte[0];
    for (int i = 0; i < block.getData().getDataCount(); i++) {
      Payload payload =
          Payload.parseFrom(Envelope.parseFrom(block.getData().getData(i)).getPayload());
      ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
      if (!header.getTxId().equals(transactionId)
          || header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
        continue;
      }
      ChaincodeActionPayload action =
          ChaincodeActionPayload.parseFrom(
              Transaction.parseFrom(payload.getData()).getActions(0).getPayload());
      ChaincodeInvocationSpec invocation =
          ChaincodeInvocationSpec.parseFrom(
              ChaincodeProposalPayload.parseFrom(action.getChaincodeProposalPayload()).getInput());
      if (!invocation.getChaincodeSpec().getChaincodeId().getName().equals(chaincode)) {
        return Optional.empty();
      }
      ChaincodeAction response =
          ChaincodeAction.parseFrom(
              ProposalResponsePayload.parseFrom(action.getAction().getProposalResponsePayload())
                  .getExtension());
      boolean valid = i < flags.length && flags[i] == TxValidationCode.VALID_VALUE;
      String function =
          invocation.getChaincodeSpec().getInput().getArgsCount() == 0
              ? ""
              : invocation
                  .getChaincodeSpec()
                  .getInput()
                  .getArgs(0)
                  .toString(StandardCharsets.UTF_8);
      return Optional.of(
          new Applied(
              block.getHeader().getNumber(),
              valid,
              function,
              response.getResponse().getPayload().toString(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }
}
