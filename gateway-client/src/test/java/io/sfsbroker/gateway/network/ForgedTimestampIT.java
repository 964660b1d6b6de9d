package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.MspIdentity;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.connection.OrgProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.gateway.ProposedTransaction;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Test;

/**
 * The transaction time is the submitter's claim, so every endorsing peer checks it against its own
 * clock (the peer's {@code TimeWindowCheck} filter, {@code peer.authentication.timewindow}): a
 * proposal dated an hour back or ahead is refused before any chaincode runs, and nothing is
 * written. The same proposal dated now is endorsed and commits, so the refusal is the timestamp's
 * doing.
 */
class ForgedTimestampIT {

  @Test
  void proposalsDatedOutsideThePeersWindow_areRefused_andWriteNothing() throws Exception {
    NetworkProfile profile = TestNetwork.running().profile();
    OrgProfile org = profile.org("tenants");
    MspIdentity identity = MspIdentity.load(org.mspId(), org.userMspDir());
    try (GatewayConnection connection = GatewayConnection.open(org, identity, Deadlines.DEFAULT)) {
      Gateway gateway = connection.gateway();
      Contract contract =
          connection
              .network(profile.channel())
              .getContract(profile.chaincode(), TransactionName.PROBE_RECORD.contract());
      ChaincodeClient ledger =
          new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());

      for (Duration shift : new Duration[] {Duration.ofHours(-1), Duration.ofHours(1)}) {
        String key = "forged-" + shift.toMinutes() + "-" + System.nanoTime();
        Proposal forged = dated(gateway, identity, contract, key, Instant.now().plus(shift));
        assertThatThrownBy(forged::endorse)
            .as("a proposal dated %s from now", shift)
            .isInstanceOfSatisfying(
                EndorseException.class,
                e -> {
                  String details =
                      e.getDetails().stream()
                          .map(d -> d.getMspId() + ": " + d.getMessage())
                          .reduce((a, b) -> a + "; " + b)
                          .orElse(e.getMessage());
                  System.out.printf("[time] dated %s from now: %s%n", shift, details);
                  assertThat(details).contains("incorrect timestamp");
                });
        assertThatThrownBy(() -> ledger.evaluate(TransactionName.PROBE_READ, key))
            .isInstanceOfSatisfying(
                LedgerException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
      }

      String key = "dated-now-" + System.nanoTime();
      dated(gateway, identity, contract, key, Instant.now()).endorse().submit();
      assertThat(ledger.evaluate(TransactionName.PROBE_READ, key)).isEqualTo("honest clock");
    }
  }

  /**
   * A {@code probe:record key "honest clock"} proposal like the Gateway client builds, with its
   * channel header's timestamp set to {@code time} and signed again by {@code identity}.
   */
  private static Proposal dated(
      final Gateway gateway,
      final MspIdentity identity,
      final Contract contract,
      final String key,
      final Instant time)
      throws InvalidProtocolBufferException, GeneralSecurityException {
    Proposal built =
        contract
            .newProposal(TransactionName.PROBE_RECORD.function())
            .addArguments(key, "honest clock")
            .build();
    ProposedTransaction proposed = ProposedTransaction.parseFrom(built.getBytes());
    org.hyperledger.fabric.protos.peer.Proposal proposal =
        org.hyperledger.fabric.protos.peer.Proposal.parseFrom(
            proposed.getProposal().getProposalBytes());
    Header header = Header.parseFrom(proposal.getHeader());
    ChannelHeader channelHeader =
        ChannelHeader.parseFrom(header.getChannelHeader()).toBuilder()
            .setTimestamp(
                Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()))
            .build();
    byte[] proposalBytes =
        proposal.toBuilder()
            .setHeader(
                header.toBuilder()
                    .setChannelHeader(channelHeader.toByteString())
                    .build()
                    .toByteString())
            .build()
            .toByteArray();
    byte[] signature =
        identity.signer().sign(MessageDigest.getInstance("SHA-256").digest(proposalBytes));
    ProposedTransaction redated =
        proposed.toBuilder()
            .setProposal(
                SignedProposal.newBuilder()
                    .setProposalBytes(com.google.protobuf.ByteString.copyFrom(proposalBytes)))
            .build();
    return gateway.newSignedProposal(redated.toByteArray(), signature);
  }
}
