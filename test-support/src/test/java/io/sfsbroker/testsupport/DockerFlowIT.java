package io.sfsbroker.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.network.InServiceSlice;
import io.sfsbroker.gateway.network.NetworkClients;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import org.junit.jupiter.api.Test;

/**
 * The broker's flow on the network {@link SfsbrokerNetwork} starts in Docker, through the Gateway
 * as the bridge would take it (gateway-client's {@link InServiceSlice}): a fog node's signed slice
 * request, an RP's signed offer, selection when the window closes, the award, the RP's signed
 * instantiation confirmation and the fog node's service confirmation, which leaves the slice {@code
 * IN_SERVICE} and pays the RP from escrow.
 */
@SfsbrokerNetwork
class DockerFlowIT {

  @Test
  void signedRequestOfferSelectionAndConfirmations_takeTheSliceInService(
      final NetworkProfile profile, @Org("tenants") final ChaincodeClient reader)
      throws InterruptedException {
    InServiceSlice slice;
    try (NetworkClients clients = new NetworkClients(profile)) {
      slice = InServiceSlice.create(clients);
    }
    JsonObject state =
        Json.parseObject(reader.evaluate(TransactionName.SLICE_GET_SLICE, slice.sliceId()));
    assertThat(state.get("state").getAsString()).isEqualTo("IN_SERVICE");
    assertThat(reader.evaluate(TransactionName.SLICE_GET_SLICE_HISTORY, slice.sliceId()))
        .contains("AWARDED", "ACTIVE", "IN_SERVICE");
  }
}
