package io.sfsbroker.gateway.network;

import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;

/**
 * The connections an integration test of the broker's flow needs, to the running network: the
 * bridge (an ordinary client of the broker's org) and the admins of the three peer orgs, who
 * register devices and mint credits.
 */
public final class NetworkClients implements AutoCloseable {

  private final NetworkProfile profile;
  private final GatewayConnection bridgeConnection;
  private final GatewayConnection brokerAdmin;
  private final GatewayConnection tenantsAdmin;
  private final GatewayConnection providersAdmin;

  /** Connects to the network that {@link TestNetwork#running()} finds. */
  public NetworkClients() {
    this(TestNetwork.running().profile());
  }

  /** Connects to the network {@code profile} describes (a Dockerized one, say). */
  public NetworkClients(final NetworkProfile profile) {
    this.profile = profile;
    bridgeConnection = GatewayConnection.asUser(profile.org("broker"), Deadlines.DEFAULT);
    brokerAdmin = GatewayConnection.asAdmin(profile.org("broker"), Deadlines.DEFAULT);
    tenantsAdmin = GatewayConnection.asAdmin(profile.org("tenants"), Deadlines.DEFAULT);
    providersAdmin = GatewayConnection.asAdmin(profile.org("providers"), Deadlines.DEFAULT);
  }

  public NetworkProfile profile() {
    return profile;
  }

  public GatewayConnection bridgeConnection() {
    return bridgeConnection;
  }

  /** The broker chaincode as the bridge calls it. */
  public ChaincodeClient bridge() {
    return client(bridgeConnection);
  }

  /** The broker chaincode as the broker org's admin calls it (the treasury). */
  public ChaincodeClient brokerAdmin() {
    return client(brokerAdmin);
  }

  /** The broker chaincode as the tenants' admin calls it (registers fog nodes). */
  public ChaincodeClient tenantsAdmin() {
    return client(tenantsAdmin);
  }

  /** The broker chaincode as the providers' admin calls it (registers RPs). */
  public ChaincodeClient providersAdmin() {
    return client(providersAdmin);
  }

  /** Mints {@code amount} credits to {@code device}, making the broker's org the treasury once. */
  public void fund(final NetworkDevice device, final long amount) {
    TestNetwork.fund(
        profile, brokerAdmin(), profile.org("broker").mspId(), device.account(), amount);
  }

  private ChaincodeClient client(final GatewayConnection connection) {
    return new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
  }

  @Override
  public void close() {
    bridgeConnection.close();
    brokerAdmin.close();
    tenantsAdmin.close();
    providersAdmin.close();
  }
}
