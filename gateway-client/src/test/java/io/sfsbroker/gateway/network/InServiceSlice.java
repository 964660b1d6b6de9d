package io.sfsbroker.gateway.network;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A slice taken through the whole signed flow on the real network, for tests that need one in
 * service: a new fog node and RP, one category, the RP's offer, selection, instantiation and
 * service confirmation (which pays the RP from escrow).
 *
 * @param sliceId the slice (and blueprint) id
 * @param fog the tenant
 * @param rp the winning RP
 */
public record InServiceSlice(String sliceId, NetworkDevice fog, NetworkDevice rp) {

  private static final long WINDOW_SECONDS = 5;

  /** Takes a new slice through the whole flow on the network {@code clients} reach. */
  public static InServiceSlice create(final NetworkClients clients) throws InterruptedException {
    NetworkDevice fog = NetworkDevice.register(clients.tenantsAdmin(), "fog", "FOG_NODE");
    NetworkDevice rp = NetworkDevice.register(clients.providersAdmin(), "rp", "RESOURCE_PROVIDER");
    clients.fund(fog, 100_000);
    ChaincodeClient bridge = clients.bridge();

    Map<String, Object> request =
        Map.of(
            "categories",
            List.of(Map.of("category", "cpu-millicores", "amount", 250, "maxUnitPrice", 20)),
            "offerWindowSeconds",
            WINDOW_SECONDS);
    JsonObject blueprint =
        Json.parseObject(
            bridge
                .submit(
                    TransactionName.REQUEST_SUBMIT_SLICE_REQUEST,
                    fog.sign(MessageType.SLICE_REQUEST, request))
                .result());
    String id = blueprint.get("id").getAsString();
    Instant deadline = Instant.parse(blueprint.get("offerDeadline").getAsString());

    Map<String, Object> line =
        Map.of("category", "cpu-millicores", "unitPrice", 10, "available", 500, "reservePrice", 4);
    bridge.submit(
        TransactionName.OFFER_SUBMIT_OFFER,
        rp.sign(MessageType.OFFER, Map.of("blueprintId", id, "categories", List.of(line))));

    long wait = deadline.plusSeconds(2).toEpochMilli() - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
    bridge.submit(TransactionName.SELECTION_CLOSE_AND_SELECT, id);
    Map<String, Object> part =
        Map.of(
            "category",
            "cpu-millicores",
            "host",
            "127.0.0.1",
            "ports",
            List.of(18999),
            "instanceId",
            "sfsb-" + id + "-cpu");
    bridge.submit(
        TransactionName.SLICE_CONFIRM_INSTANTIATION,
        rp.sign(
            MessageType.INSTANTIATION_CONFIRMATION, Map.of("sliceId", id, "parts", List.of(part))));
    bridge.submit(
        TransactionName.SLICE_CONFIRM_SERVICE,
        fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", id, "status", "RECEIVED")));
    return new InServiceSlice(id, fog, rp);
  }
}
