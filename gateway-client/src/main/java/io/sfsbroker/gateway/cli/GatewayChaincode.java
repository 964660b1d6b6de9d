package io.sfsbroker.gateway.cli;

import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.connection.OrgProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.GatewayRuntimeException;

/** The broker chaincode on a real network, reached through one peer's Gateway service. */
final class GatewayChaincode implements Chaincode {

  private final GatewayConnection connection;
  private final ChaincodeClient client;

  private GatewayChaincode(final GatewayConnection connection, final ChaincodeClient client) {
    this.connection = connection;
    this.client = client;
  }

  /**
   * Connects as {@code identity} of {@code org} (a short name such as {@code broker}, or an MSP id)
   * to the network that {@code networkFile} describes.
   *
   * @throws IllegalArgumentException when the profile, the organisation or the identity is missing
   */
  static GatewayChaincode open(
      final Path networkFile, final String org, final ClientIdentity identity) {
    Objects.requireNonNull(identity, "identity");
    NetworkProfile profile = NetworkProfile.load(networkFile);
    OrgProfile orgProfile = profile.org(org);
    GatewayConnection connection =
        identity == ClientIdentity.ADMIN
            ? GatewayConnection.asAdmin(orgProfile, Deadlines.DEFAULT)
            : GatewayConnection.asUser(orgProfile, Deadlines.DEFAULT);
    return new GatewayChaincode(
        connection,
        new ChaincodeClient(connection.network(profile.channel()), profile.chaincode()));
  }

  @Override
  public String evaluate(final TransactionName transaction, final String... args) {
    return client.evaluate(transaction, args);
  }

  @Override
  public Committed submit(final TransactionName transaction, final String... args) {
    return client.submit(transaction, args);
  }

  @Override
  public long blockHeight() {
    return client.blockHeight();
  }

  @Override
  public CloseableIterator<ChainEvent> events(final long startBlock) {
    CloseableIterator<ChaincodeEvent> events = client.events(startBlock);
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return events.hasNext();
        } catch (GatewayRuntimeException e) {
          throw new LedgerException(
              Stage.EVALUATE,
              e.getStatus().getCode().name(),
              null,
              "the event stream from block " + startBlock + " ended: " + e.getMessage(),
              e);
        }
      }

      @Override
      public ChainEvent next() {
        ChaincodeEvent event = events.next();
        return new ChainEvent(
            event.getBlockNumber(),
            event.getTransactionId(),
            event.getEventName(),
            new String(event.getPayload(), StandardCharsets.UTF_8));
      }

      @Override
      public void close() {
        events.close();
      }
    };
  }

  @Override
  public void close() {
    connection.close();
  }
}
