package io.sfsbroker.chaincode.testing;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.catalog.CatalogContract;
import io.sfsbroker.chaincode.credit.CreditContract;
import io.sfsbroker.chaincode.nft.NftContract;
import io.sfsbroker.chaincode.offer.OfferContract;
import io.sfsbroker.chaincode.participant.ParticipantContract;
import io.sfsbroker.chaincode.request.SliceRequestContract;
import io.sfsbroker.chaincode.selection.SelectionContract;
import io.sfsbroker.chaincode.slice.SliceContract;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A broker on an {@link InMemoryLedger} for the tests of the broker's contracts: every contract,
 * registered devices, and one-line helpers for the steps of the flow (request, offer, close,
 * confirm). Each helper submits through the bridge identity and returns the transaction's JSON.
 */
public final class BrokerFixture {

  /** The admin of the organisation that registers the devices. */
  public static final TestIdentity ADMIN = TestIdentity.admin("Org1MSP");

  /** The bridge: an ordinary client of the channel. */
  public static final TestIdentity BRIDGE = TestIdentity.client("Org1MSP");

  /** The ledger. */
  public final InMemoryLedger ledger = new InMemoryLedger();

  /** The participant registry. */
  public final ParticipantContract participants = new ParticipantContract();

  /** The catalog. */
  public final CatalogContract catalog = new CatalogContract();

  /** The prime mover. */
  public final SliceRequestContract requests = new SliceRequestContract();

  /** The mediator's offers. */
  public final OfferContract offers = new OfferContract();

  /** The mediator's selection. */
  public final SelectionContract selection = new SelectionContract();

  /** The global slice manager. */
  public final SliceContract slices = new SliceContract();

  /** The credit ledger. */
  public final CreditContract credits = new CreditContract();

  /** The NFT registry. */
  public final NftContract nfts = new NftContract();

  /** The governing organisations and the governance contract. */
  public final Consortium consortium = new Consortium(ledger);

  /** The credits every fog node created by {@link #fogNode} starts with. */
  public static final long FOG_NODE_CREDITS = 1_000_000_000_000L;

  private boolean treasuryConfigured;

  /**
   * One category of an offer.
   *
   * @param category the category
   * @param unitPrice the ask
   * @param available the amount available
   * @param reservePrice the reserve
   * @param qoe the QoE terms ({@code latencyMicros}, {@code bandwidthMbps}); {@code null} for none
   */
  public record Line(
      String category, long unitPrice, long available, long reservePrice, Map<String, Long> qoe) {

    /** A line without QoE terms. */
    public Line(String category, long unitPrice, long available, long reservePrice) {
      this(category, unitPrice, available, reservePrice, null);
    }

    /** This line with QoE terms that meet every default service class ({@link #NEAR}). */
    public Line near() {
      return new Line(category, unitPrice, available, reservePrice, NEAR);
    }
  }

  /** QoE terms that meet the needs of every default service class: 1 ms, 10 Gbit/s. */
  public static final Map<String, Long> NEAR =
      Map.of("latencyMicros", 1000L, "bandwidthMbps", 10_000L);

  /** Creates and registers a fog node of Org1MSP holding {@link #FOG_NODE_CREDITS} credits. */
  public TestDevice fogNode(final String id) {
    TestDevice fog = register(id, "FOG_NODE");
    fund("device:" + id, FOG_NODE_CREDITS);
    return fog;
  }

  /** Creates and registers a fog node of Org1MSP holding no credits. */
  public TestDevice unfundedFogNode(final String id) {
    return register(id, "FOG_NODE");
  }

  /** Mints {@code amount} credits to {@code account}, making Org1MSP the treasury first. */
  public void fund(final String account, final long amount) {
    if (!treasuryConfigured) {
      consortium.change("treasury", "{\"treasuryOrgs\":[\"Org1MSP\"]}");
      treasuryConfigured = true;
    }
    ledger.submit(
        ADMIN, ctx -> credits.mint(ctx, Json.toJson(Map.of("to", account, "amount", amount))));
  }

  /** Returns the credit balance of {@code account}. */
  public long balance(final String account) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> credits.balanceOf(ctx, account)))
        .get("balance")
        .getAsLong();
  }

  /** Creates and registers a resource provider of Org1MSP. */
  public TestDevice rp(final String id) {
    return register(id, "RESOURCE_PROVIDER");
  }

  /** Creates and registers a device of {@code role}. */
  public TestDevice register(final String id, final String role) {
    return register(id, role, ADMIN);
  }

  /** Creates a device of {@code role} and registers it as {@code admin}'s organisation's. */
  public TestDevice register(final String id, final String role, final TestIdentity admin) {
    TestDevice device = TestDevice.create(id, ledger);
    ledger.submit(admin, ctx -> participants.register(ctx, device.registration(role)));
    return device;
  }

  /** Submits a slice request with {@code bodyJson}; returns the blueprint. */
  public JsonObject request(final TestDevice fog, final String bodyJson) {
    String envelope = fog.sign(MessageType.SLICE_REQUEST, Json.parseObject(bodyJson));
    return Json.parseObject(
        ledger.submit(BRIDGE, ctx -> requests.submitSliceRequest(ctx, envelope)));
  }

  /** Submits a request for explicit categories {@code name:amount:maxUnitPrice}; returns its id. */
  public String requestCategories(final TestDevice fog, final String... categories) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (String category : categories) {
      String[] parts = category.split(":");
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("category", parts[0]);
      entry.put("amount", Long.parseLong(parts[1]));
      entry.put("maxUnitPrice", Long.parseLong(parts[2]));
      list.add(entry);
    }
    return request(fog, Json.toJson(Map.of("categories", list))).get("id").getAsString();
  }

  /** Signs an offer of {@code rp} for {@code blueprintId}. */
  public String offerEnvelope(final TestDevice rp, final String blueprintId, final Line... lines) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("blueprintId", blueprintId);
    body.put("categories", List.of(lines));
    return rp.sign(MessageType.OFFER, body);
  }

  /** Submits an offer; returns the stored offer. */
  public JsonObject offer(final TestDevice rp, final String blueprintId, final Line... lines) {
    String envelope = offerEnvelope(rp, blueprintId, lines);
    return Json.parseObject(ledger.submit(BRIDGE, ctx -> offers.submitOffer(ctx, envelope)));
  }

  /** Closes the window and selects; returns the selection record. */
  public JsonObject closeAndSelect(final String blueprintId) {
    return Json.parseObject(
        ledger.submit(BRIDGE, ctx -> selection.closeAndSelect(ctx, blueprintId)));
  }

  /** Signs an instantiation confirmation of {@code rp} for {@code categories} on one host. */
  public String confirmationEnvelope(
      final TestDevice rp, final String sliceId, final String... categories) {
    List<Map<String, Object>> parts = new ArrayList<>();
    int port = 8080;
    for (String category : categories) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("category", category);
      part.put("host", "10.0.0." + (rp.id().length() % 250 + 1));
      part.put("ports", List.of(port++));
      part.put("instanceId", "sfsb-" + sliceId + "-" + category);
      parts.add(part);
    }
    return rp.sign(
        MessageType.INSTANTIATION_CONFIRMATION, Map.of("sliceId", sliceId, "parts", parts));
  }

  /** Submits an instantiation confirmation; returns the slice. */
  public JsonObject confirm(final TestDevice rp, final String sliceId, final String... categories) {
    String envelope = confirmationEnvelope(rp, sliceId, categories);
    return Json.parseObject(
        ledger.submit(BRIDGE, ctx -> slices.confirmInstantiation(ctx, envelope)));
  }

  /** Signs a service confirmation of {@code fog} with {@code status}. */
  public String serviceEnvelope(final TestDevice fog, final String sliceId, final String status) {
    return fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", sliceId, "status", status));
  }

  /** Returns the slice as stored. */
  public JsonObject slice(final String sliceId) {
    return Json.parseObject(ledger.evaluate(BRIDGE, ctx -> slices.getSlice(ctx, sliceId)));
  }

  /** Returns the state of the slice. */
  public String state(final String sliceId) {
    return slice(sliceId).get("state").getAsString();
  }

  /** Returns the last committed event. */
  public InMemoryLedger.Event lastEvent() {
    List<InMemoryLedger.Event> events = ledger.events();
    return events.get(events.size() - 1);
  }

  /** Returns the total size in bytes of the keys and values the last transaction wrote. */
  public long lastWriteBytes() {
    long bytes = 0;
    for (Map.Entry<String, Optional<byte[]>> write : ledger.lastWrites().entrySet()) {
      bytes += write.getKey().getBytes(StandardCharsets.UTF_8).length;
      bytes += write.getValue().map(v -> v.length).orElse(0);
    }
    return bytes;
  }
}
