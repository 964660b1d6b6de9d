package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checking an envelope burns nothing: another org's member who saw a device's signed request and
 * submits {@code envelope:verify} with it commits a transaction that writes no key, and the request
 * is then processed as if nobody had looked.
 */
class EnvelopeVerifyIT {

  @Test
  void anotherOrgSubmittingVerify_doesNotBurnTheNonce_theRequestStillGoesThrough() {
    try (NetworkClients clients = new NetworkClients()) {
      NetworkDevice fog = NetworkDevice.register(clients.tenantsAdmin(), "fog-verify", "FOG_NODE");
      clients.fund(fog, 10_000);
      String envelope =
          fog.sign(
              MessageType.SLICE_REQUEST,
              Map.of(
                  "categories",
                  List.of(Map.of("category", "cpu-millicores", "amount", 100, "maxUnitPrice", 5)),
                  "offerWindowSeconds",
                  30));

      ChaincodeClient outsider = clients.providersAdmin();
      JsonObject checked =
          Json.parseObject(
              outsider.submit(TransactionName.ENVELOPE_VERIFY, envelope, "slice-request").result());
      assertThat(checked.get("signerId").getAsString()).isEqualTo(fog.id());

      JsonObject blueprint =
          Json.parseObject(
              clients
                  .bridge()
                  .submit(TransactionName.REQUEST_SUBMIT_SLICE_REQUEST, envelope)
                  .result());
      assertThat(blueprint.get("tenantId").getAsString()).isEqualTo(fog.id());
    }
  }
}
