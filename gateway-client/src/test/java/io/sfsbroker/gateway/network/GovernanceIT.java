package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.governance.Setting;
import io.sfsbroker.protocol.transaction.TransactionName;
import org.junit.jupiter.api.Test;

/**
 * Governance by the consortium on the real network (issue 11 item 3): one organisation's admin can
 * change no market-wide setting, neither directly nor by applying its own proposal, and the ledger
 * is as it was; a change two of the three peer organisations' admins approved takes effect, is
 * readable in the setting's history, and makes a rival proposal of the same setting stale.
 */
class GovernanceIT {

  @Test
  void oneOrganisationChangesNothing_twoOfThreeChangeTheSetting() {
    try (NetworkClients clients = new NetworkClients()) {
      ChaincodeClient tenants = clients.tenantsAdmin();
      ChaincodeClient providers = clients.providersAdmin();
      ChaincodeClient broker = clients.brokerAdmin();
      ChaincodeClient bridge = clients.bridge();
      assertThat(
              Json.parseObject(bridge.evaluate(TransactionName.GOVERNANCE_GET_GOVERNING_ORGS))
                  .get("majority")
                  .getAsInt())
          .isEqualTo(2);

      // Direct calls of the old single-admin transactions are FORBIDDEN and change nothing.
      String config = bridge.evaluate(TransactionName.CATALOG_GET_CONFIG);
      String envelope = bridge.evaluate(TransactionName.ENVELOPE_GET_CONFIG);
      String classes = bridge.evaluate(TransactionName.CATALOG_LIST_SERVICE_CLASSES);
      String treasury = treasury(bridge);
      String name = "gov-it-" + Long.toString(System.nanoTime(), 36);
      assertForbidden(
          tenants,
          TransactionName.CATALOG_CONFIGURE,
          "{\"serviceConfirmationTimeoutSeconds\":31536000}");
      assertForbidden(
          tenants, TransactionName.ENVELOPE_CONFIGURE, "{\"maxClockSkewSeconds\":3600}");
      assertForbidden(tenants, TransactionName.CATALOG_SET_SERVICE_CLASS, serviceClass(name, 1));
      assertForbidden(
          tenants,
          TransactionName.CREDIT_CONFIGURE_TREASURY,
          "{\"treasuryOrgs\":[\"TenantsMSP\"]}");

      // A proposal of one organisation alone cannot be applied, not even by that organisation.
      String alone =
          propose(tenants, Setting.BROKER, "{\"serviceConfirmationTimeoutSeconds\":31536000}");
      assertThatThrownBy(() -> tenants.submit(TransactionName.GOVERNANCE_APPLY, alone))
          .isInstanceOfSatisfying(
              LedgerException.class,
              e -> {
                assertThat(e.code()).isEqualTo("FORBIDDEN");
                assertThat(e.getMessage()).contains("needs 2");
              });
      assertThatThrownBy(() -> tenants.submit(TransactionName.GOVERNANCE_APPROVE, alone))
          .isInstanceOfSatisfying(
              LedgerException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"));

      assertThat(bridge.evaluate(TransactionName.CATALOG_GET_CONFIG)).isEqualTo(config);
      assertThat(bridge.evaluate(TransactionName.ENVELOPE_GET_CONFIG)).isEqualTo(envelope);
      assertThat(bridge.evaluate(TransactionName.CATALOG_LIST_SERVICE_CLASSES)).isEqualTo(classes);
      assertThat(treasury(bridge)).isEqualTo(treasury);
      assertThat(proposal(bridge, alone).get("state").getAsString()).isEqualTo("OPEN");
      tenants.submit(TransactionName.GOVERNANCE_WITHDRAW, alone);
      assertThat(proposal(bridge, alone).get("state").getAsString()).isEqualTo("WITHDRAWN");

      // Two of three: tenants propose, providers approve, the bridge (a plain client) applies.
      String rival = propose(broker, Setting.SERVICE_CLASS, serviceClass(name, 3));
      tenants.submit(TransactionName.GOVERNANCE_APPROVE, rival);
      String chosen = propose(tenants, Setting.SERVICE_CLASS, serviceClass(name, 2));
      providers.submit(TransactionName.GOVERNANCE_APPROVE, chosen);
      JsonObject applied =
          Json.parseObject(bridge.submit(TransactionName.GOVERNANCE_APPLY, chosen).result());

      assertThat(applied.get("state").getAsString()).isEqualTo("APPLIED");
      JsonObject stored =
          Json.parseObject(bridge.evaluate(TransactionName.CATALOG_GET_SERVICE_CLASS, name));
      assertThat(
              stored.getAsJsonArray("resources").get(0).getAsJsonObject().get("amount").getAsLong())
          .isEqualTo(2);
      assertThat(stored.get("updatedBy").getAsString()).isEqualTo("TenantsMSP");
      JsonArray history =
          Json.parse(
                  bridge.evaluate(TransactionName.GOVERNANCE_GET_HISTORY, "service-class:" + name))
              .getAsJsonArray();
      assertThat(history).hasSize(1);
      JsonObject entry = history.get(0).getAsJsonObject();
      assertThat(entry.get("id").getAsString()).isEqualTo(chosen);
      assertThat(entry.getAsJsonArray("approvals").toString())
          .isEqualTo("[\"ProvidersMSP\",\"TenantsMSP\"]");

      // The rival, approved by two as well, was proposed against the value before: stale now, and
      // it can never apply.
      assertThat(proposal(bridge, rival).get("state").getAsString()).isEqualTo("STALE");
      assertThatThrownBy(() -> bridge.submit(TransactionName.GOVERNANCE_APPLY, rival))
          .isInstanceOfSatisfying(
              LedgerException.class,
              e -> {
                assertThat(e.code()).isEqualTo("INVALID_STATE");
                assertThat(e.getMessage()).contains("stale");
              });
      assertThat(bridge.evaluate(TransactionName.CATALOG_GET_SERVICE_CLASS, name))
          .isEqualTo(Json.toJson(stored));
    }
  }

  private static void assertForbidden(
      final ChaincodeClient admin, final TransactionName transaction, final String argument) {
    assertThatThrownBy(() -> admin.submit(transaction, argument))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> {
              assertThat(e.code()).isEqualTo("FORBIDDEN");
              assertThat(e.getMessage()).contains("governance:propose");
            });
  }

  private static String propose(
      final ChaincodeClient admin, final Setting setting, final String value) {
    return Json.parseObject(
            admin.submit(TransactionName.GOVERNANCE_PROPOSE, setting.wireName(), value).result())
        .get("id")
        .getAsString();
  }

  private static JsonObject proposal(final ChaincodeClient client, final String id) {
    return Json.parseObject(client.evaluate(TransactionName.GOVERNANCE_GET_PROPOSAL, id));
  }

  private static String treasury(final ChaincodeClient client) {
    try {
      return client.evaluate(TransactionName.CREDIT_GET_TREASURY);
    } catch (LedgerException e) {
      return e.code();
    }
  }

  private static String serviceClass(final String name, final long gpus) {
    return "{\"name\":\""
        + name
        + "\",\"description\":\"GovernanceIT\",\"resources\":[{\"category\":\"gpu\",\"amount\":"
        + gpus
        + ",\"budgetWeight\":1}]}";
  }
}
