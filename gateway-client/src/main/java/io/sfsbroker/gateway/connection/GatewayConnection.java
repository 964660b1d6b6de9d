package io.sfsbroker.gateway.connection;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;

/**
 * An open connection to one peer's Gateway service as one identity. Close it when done: it owns the
 * gRPC channel.
 */
public final class GatewayConnection implements AutoCloseable {

  private final ManagedChannel grpcChannel;
  private final Gateway gateway;

  private GatewayConnection(final ManagedChannel grpcChannel, final Gateway gateway) {
    this.grpcChannel = grpcChannel;
    this.gateway = gateway;
  }

  /**
   * Connects to the peer of {@code org} over TLS, trusting the organisation's TLS CA, as {@code
   * identity}.
   *
   * @throws IllegalArgumentException when the TLS CA file cannot be read
   */
  public static GatewayConnection open(
      final OrgProfile org, final MspIdentity identity, final Deadlines deadlines) {
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(deadlines, "deadlines");
    ChannelCredentials credentials;
    try {
      credentials =
          TlsChannelCredentials.newBuilder().trustManager(org.tlsCaFile().toFile()).build();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the TLS CA " + org.tlsCaFile() + ": " + e.getMessage(), e);
    }
    ManagedChannel channel = Grpc.newChannelBuilder(org.peerAddress(), credentials).build();
    Gateway gateway =
        Gateway.newInstance()
            .identity(identity.identity())
            .signer(identity.signer())
            .hash(Hash.SHA256)
            .connection(channel)
            .evaluateOptions(
                o -> o.withDeadlineAfter(deadlines.evaluate().toMillis(), TimeUnit.MILLISECONDS))
            .endorseOptions(
                o -> o.withDeadlineAfter(deadlines.endorse().toMillis(), TimeUnit.MILLISECONDS))
            .submitOptions(
                o -> o.withDeadlineAfter(deadlines.submit().toMillis(), TimeUnit.MILLISECONDS))
            .commitStatusOptions(
                o ->
                    o.withDeadlineAfter(deadlines.commitStatus().toMillis(), TimeUnit.MILLISECONDS))
            .connect();
    return new GatewayConnection(channel, gateway);
  }

  /** Connects to the peer of {@code org} as the organisation's ordinary user. */
  public static GatewayConnection asUser(final OrgProfile org, final Deadlines deadlines) {
    return open(org, MspIdentity.load(org.mspId(), org.userMspDir()), deadlines);
  }

  /** Connects to the peer of {@code org} as the organisation's admin. */
  public static GatewayConnection asAdmin(final OrgProfile org, final Deadlines deadlines) {
    return open(org, MspIdentity.load(org.mspId(), org.adminMspDir()), deadlines);
  }

  /** The channel {@code name} as this connection sees it. */
  public Network network(final String name) {
    return gateway.getNetwork(name);
  }

  /** The underlying Gateway, for calls this class does not wrap. */
  public Gateway gateway() {
    return gateway;
  }

  @Override
  public void close() {
    gateway.close();
    grpcChannel.shutdownNow();
    try {
      grpcChannel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
