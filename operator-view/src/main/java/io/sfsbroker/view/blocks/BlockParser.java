package io.sfsbroker.view.blocks;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Reads a committed block into a {@link BlockSummary}: per transaction its id, type, creator's MSP,
 * chaincode function and the validation code the peer recorded in the block's metadata. A part that
 * cannot be read is shown as {@code ?} rather than dropping the transaction.
 */
public final class BlockParser {

  private BlockParser() {}

  /** The summary of {@code block}. */
  public static BlockSummary summarise(final Block block) {
    ByteString filter = validationFilter(block);
    List<TransactionSummary> transactions = new ArrayList<>();
    List<ByteString> data = block.getData().getDataList();
    for (int i = 0; i < data.size(); i++) {
      String code =
          i < filter.size() ? validationCodeName(filter.byteAt(i) & 0xff) : "NOT_VALIDATED";
      transactions.add(transaction(data.get(i), code));
    }
    return new BlockSummary(block.getHeader().getNumber(), transactions);
  }

  /** The name of a validation code, or its number when this Fabric version does not know it. */
  static String validationCodeName(final int code) {
    TxValidationCode known = TxValidationCode.forNumber(code);
    return known == null ? String.valueOf(code) : known.name();
  }

  private static ByteString validationFilter(final Block block) {
    int index = BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE;
    if (block.getMetadata().getMetadataCount() <= index) {
      return ByteString.EMPTY;
    }
    return block.getMetadata().getMetadata(index);
  }

  private static TransactionSummary transaction(final ByteString bytes, final String code) {
    try {
      Envelope envelope = Envelope.parseFrom(bytes);
      Payload payload = Payload.parseFrom(envelope.getPayload());
      ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
      SignatureHeader signature =
          SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
      String creator = SerializedIdentity.parseFrom(signature.getCreator()).getMspid();
      HeaderType type = HeaderType.forNumber(header.getType());
      String function = "";
      if (type == HeaderType.ENDORSER_TRANSACTION) {
        function = function(payload.getData());
      }
      return new TransactionSummary(
          header.getTxId(),
          type == null ? String.valueOf(header.getType()) : type.name(),
          creator,
          function,
          code,
          header.hasTimestamp() ? instant(header.getTimestamp()) : "");
    } catch (InvalidProtocolBufferException e) {
      return new TransactionSummary("?", "?", "?", "", code, "");
    }
  }

  private static String function(final ByteString data) throws InvalidProtocolBufferException {
    Transaction transaction = Transaction.parseFrom(data);
    if (transaction.getActionsCount() == 0) {
      return "";
    }
    ChaincodeActionPayload action =
        ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
    ChaincodeProposalPayload proposal =
        ChaincodeProposalPayload.parseFrom(action.getChaincodeProposalPayload());
    ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(proposal.getInput());
    List<ByteString> args = spec.getChaincodeSpec().getInput().getArgsList();
    return args.isEmpty() ? "" : args.get(0).toString(StandardCharsets.UTF_8);
  }

  private static String instant(final Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).toString();
  }
}
