package io.sfsbroker.gateway.testbed;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.participant.ParticipantRole;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A testbed operator's hands on a running network, shared by the integration tests and the demo:
 * the admins of the three peer organisations (the tenants' registers fog nodes, the providers'
 * registers RPs, the broker's mints credits once the consortium made it the treasury) and a reader.
 */
public final class Testbed implements AutoCloseable {

  private final NetworkProfile profile;
  private final GatewayConnection tenantsAdmin;
  private final GatewayConnection providersAdmin;
  private final GatewayConnection brokerAdmin;
  private final GatewayConnection observer;
  private final LedgerReader reader;

  private Testbed(final NetworkProfile profile) {
    this.profile = profile;
    this.tenantsAdmin = GatewayConnection.asAdmin(profile.org("tenants"), Deadlines.DEFAULT);
    this.providersAdmin = GatewayConnection.asAdmin(profile.org("providers"), Deadlines.DEFAULT);
    this.brokerAdmin = GatewayConnection.asAdmin(profile.org("broker"), Deadlines.DEFAULT);
    this.observer = GatewayConnection.asUser(profile.org("tenants"), Deadlines.DEFAULT);
    this.reader = new LedgerReader(client(observer));
  }

  /** Connects to the network of {@code profile} as its peer organisations' admins. */
  public static Testbed connect(final NetworkProfile profile) {
    return new Testbed(Objects.requireNonNull(profile, "profile"));
  }

  public NetworkProfile profile() {
    return profile;
  }

  /** Reads as a tenants user: what anyone may read. */
  public LedgerReader reader() {
    return reader;
  }

  /** The chaincode as a tenants user calls it. */
  public ChaincodeClient ledger() {
    return client(observer);
  }

  /**
   * Registers a fog node (through the tenants' admin) or an RP (through the providers' admin) with
   * the public key of its certificate.
   *
   * @param certificatePem the device's certificate, PEM
   * @return false when a participant of that id was registered already (the ledger answers {@code
   *     CONFLICT}), which changes nothing
   * @throws LedgerException when the ledger refuses it for any other reason
   */
  public boolean register(
      final String id, final ParticipantRole role, final String certificatePem) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(certificatePem, "certificatePem");
    if (role != ParticipantRole.FOG_NODE && role != ParticipantRole.RESOURCE_PROVIDER) {
      throw new IllegalArgumentException("a testbed registers fog nodes and RPs, not " + role);
    }
    Map<String, String> registration = new LinkedHashMap<>();
    registration.put("id", id);
    registration.put("role", role.name());
    registration.put("publicKey", certificatePem);
    GatewayConnection admin = role == ParticipantRole.FOG_NODE ? tenantsAdmin : providersAdmin;
    try {
      client(admin).submit(TransactionName.PARTICIPANT_REGISTER, Json.toJson(registration));
      return true;
    } catch (LedgerException e) {
      if ("CONFLICT".equals(e.code())) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Whether the deployed chaincode keeps credits at all (one without the {@code credit} contract
   * awards without payment).
   */
  public boolean hasCredits() {
    try {
      client(brokerAdmin).evaluate(TransactionName.CREDIT_GET_TREASURY);
      return true;
    } catch (LedgerException e) {
      return !String.valueOf(e.getMessage()).contains("Undefined contract");
    }
  }

  /**
   * Makes the broker's organisation the treasury through the consortium unless a treasury is set
   * ({@link Governance#ensureTreasury}).
   *
   * @return the applied proposal; empty when a treasury was set already
   */
  public Optional<JsonObject> ensureTreasury() {
    return Governance.ensureTreasury(profile, client(brokerAdmin), profile.org("broker").mspId());
  }

  /** Mints {@code amount} credits to a device's account, as the broker org (the treasury). */
  public void mint(final String deviceId, final long amount) {
    ensureTreasury();
    client(brokerAdmin)
        .submit(
            TransactionName.CREDIT_MINT,
            Json.toJson(Map.of("to", "device:" + deviceId, "amount", amount)));
  }

  /**
   * Mints what a device's account lacks of {@code target}; an account that holds as much already is
   * left alone.
   *
   * @return the credits minted
   */
  public long topUp(final String deviceId, final long target) {
    ensureTreasury();
    long balance = reader.balance(deviceId);
    if (balance >= target) {
      return 0;
    }
    mint(deviceId, target - balance);
    return target - balance;
  }

  private ChaincodeClient client(final GatewayConnection connection) {
    return new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
  }

  @Override
  public void close() {
    tenantsAdmin.close();
    providersAdmin.close();
    brokerAdmin.close();
    observer.close();
  }
}
