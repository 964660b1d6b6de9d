package io.sfsbroker.gateway.testbed;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.governance.Setting;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way the integration tests and the demo change a market-wide setting on the real network:
 * the broker org's admin proposes, the providers' admin approves (two of the three peer
 * organisations), the broker org's admin applies. Whoever needs a setting (the treasury, short
 * timeouts) goes through here.
 */
public final class Governance {

  /** How long one organisation's peer may lag behind another's in committing a block. */
  private static final Duration PROPAGATION = Duration.ofSeconds(30);

  private Governance() {}

  /**
   * Changes {@code setting} to {@code valueJson} with the approval of the broker and providers
   * organisations' admins, connecting as them to the network of {@code profile}.
   *
   * @return the applied proposal
   * @throws LedgerException when the ledger refuses any step
   */
  public static JsonObject change(
      final NetworkProfile profile, final Setting setting, final String valueJson) {
    try (GatewayConnection broker =
            GatewayConnection.asAdmin(profile.org("broker"), Deadlines.DEFAULT);
        GatewayConnection providers =
            GatewayConnection.asAdmin(profile.org("providers"), Deadlines.DEFAULT)) {
      return change(client(profile, broker), client(profile, providers), setting, valueJson);
    }
  }

  /**
   * Changes {@code setting} to {@code valueJson}: {@code proposer} (an admin of one governing
   * organisation) proposes, {@code approver} (an admin of another) approves, {@code proposer}
   * applies.
   *
   * @return the applied proposal
   * @throws LedgerException when the ledger refuses any step
   */
  public static JsonObject change(
      final ChaincodeClient proposer,
      final ChaincodeClient approver,
      final Setting setting,
      final String valueJson) {
    String id =
        Json.parseObject(
                proposer
                    .submit(TransactionName.GOVERNANCE_PROPOSE, setting.wireName(), valueJson)
                    .result())
            .get("id")
            .getAsString();
    submitOnceSeen(approver, TransactionName.GOVERNANCE_APPROVE, id, "NOT_FOUND", "");
    return Json.parseObject(
        submitOnceSeen(proposer, TransactionName.GOVERNANCE_APPLY, id, "FORBIDDEN", "approved by"));
  }

  /**
   * Submits {@code transaction} on proposal {@code id} once the endorsing peers have the previous
   * step. That step's commit was confirmed by one organisation's peer; another's may commit the
   * block a moment later and until then answers {@code code} (a message containing {@code sign}):
   * the proposal is unknown, or not yet approved. A refused endorsement writes nothing, so the step
   * is tried again for a bounded time.
   */
  private static String submitOnceSeen(
      final ChaincodeClient client,
      final TransactionName transaction,
      final String id,
      final String code,
      final String sign) {
    long giveUp = System.nanoTime() + PROPAGATION.toNanos();
    while (true) {
      try {
        return client.submit(transaction, id).result();
      } catch (LedgerException e) {
        boolean notYetSeen = code.equals(e.code()) && String.valueOf(e.getMessage()).contains(sign);
        if (!notYetSeen || System.nanoTime() > giveUp) {
          throw e;
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an approval to commit", e);
    }
  }

  /**
   * Makes {@code mspId} the treasury through the consortium, unless some treasury is set already.
   *
   * @param reader any client of the network, to read the treasury
   * @return the applied proposal; empty when a treasury was set already
   */
  public static Optional<JsonObject> ensureTreasury(
      final NetworkProfile profile, final ChaincodeClient reader, final String mspId) {
    try {
      reader.evaluate(TransactionName.CREDIT_GET_TREASURY);
      return Optional.empty();
    } catch (LedgerException e) {
      if (!"NOT_FOUND".equals(e.code())) {
        throw e;
      }
      return Optional.of(
          change(profile, Setting.TREASURY, Json.toJson(Map.of("treasuryOrgs", List.of(mspId)))));
    }
  }

  private static ChaincodeClient client(
      final NetworkProfile profile, final GatewayConnection connection) {
    return new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
  }
}
