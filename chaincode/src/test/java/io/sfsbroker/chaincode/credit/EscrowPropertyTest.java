package io.sfsbroker.chaincode.credit;

import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.BrokerFixture.Line;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long seeded random sequences of mint, transfer, approve, award, confirm, fail, timeout and
 * decommission, with the invariants checked after every step: credits are conserved (balances plus
 * locked escrow equal what was minted), no escrow is settled twice or unsettled, every token has
 * exactly one owner entry matching its owner, and a transferred token has no approval.
 */
class EscrowPropertyTest {

  private static final int STEPS = 400;

  private final BrokerFixture broker = new BrokerFixture();
  private final InMemoryLedger ledger = broker.ledger;
  private final Map<String, TestDevice> devices = new TreeMap<>();
  private final List<String> slices = new ArrayList<>();
  private final Map<String, String> settled = new TreeMap<>();
  private int rejected;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2025})
  void randomSequences_keepCreditsEscrowAndTokensConsistent(final long seed) {
    Random random = new Random(seed);
    List<TestDevice> fogs =
        List.of(broker.fogNode("fog-a"), broker.fogNode("fog-b"), broker.unfundedFogNode("fog-c"));
    List<TestDevice> rps = List.of(broker.rp("rp-1"), broker.rp("rp-2"));
    fogs.forEach(d -> devices.put("device:" + d.id(), d));
    rps.forEach(d -> devices.put("device:" + d.id(), d));
    broker.fund("device:fog-c", 500);
    checkInvariants();

    for (int step = 0; step < STEPS; step++) {
      ledger.advance(Duration.ofSeconds(1 + random.nextInt(3)));
      try {
        switch (random.nextInt(9)) {
          case 0 -> broker.fund("device:" + pick(random, fogs).id(), 1 + random.nextInt(2000));
          case 1, 2 -> award(random, pick(random, fogs), rps);
          case 3 -> confirmParts(random, rps);
          case 4 -> confirmService(random);
          case 5 -> fail(random, rps);
          case 6 -> expire(random);
          case 7 -> decommission(random);
          default -> moveToken(random);
        }
      } catch (ChaincodeException e) {
        rejected++;
      }
      checkInvariants();
    }
    assertThat(settled).as("some escrows were settled").isNotEmpty();
    assertThat(rejected).as("rejections happen but are not everything").isLessThan(STEPS);
  }

  private void award(final Random random, final TestDevice fog, final List<TestDevice> rps) {
    long cpu = 10 + random.nextInt(90);
    String id =
        broker
            .request(
                fog,
                "{\"categories\":[{\"category\":\"cpu\",\"amount\":%d,\"maxUnitPrice\":9},"
                        .formatted(cpu)
                    + "{\"category\":\"mem\",\"amount\":20,\"maxUnitPrice\":9}],"
                    + "\"strategy\":\"LOWEST_OFFER\",\"offerWindowSeconds\":5}")
            .get("id")
            .getAsString();
    for (TestDevice rp : rps) {
      broker.offer(
          rp,
          id,
          new Line("cpu", 1 + random.nextInt(9), cpu, 1),
          new Line("mem", 1 + random.nextInt(9), 20, 1));
    }
    ledger.advance(Duration.ofSeconds(6));
    broker.closeAndSelect(id);
    slices.add(id);
  }

  private void confirmParts(final Random random, final List<TestDevice> rps) {
    String id = pickSlice(random, "AWARDED");
    JsonObject slice = broker.slice(id);
    for (TestDevice rp : rps) {
      List<String> categories = new ArrayList<>();
      slice
          .getAsJsonArray("winners")
          .forEach(
              w -> {
                if (w.getAsJsonObject().get("rpId").getAsString().equals(rp.id())) {
                  categories.add(w.getAsJsonObject().get("category").getAsString());
                }
              });
      if (!categories.isEmpty()) {
        broker.confirm(rp, id, categories.toArray(String[]::new));
      }
    }
  }

  private void confirmService(final Random random) {
    String id = pickSlice(random, "ACTIVE");
    TestDevice fog = devices.get("device:" + broker.slice(id).get("tenantId").getAsString());
    String envelope = broker.serviceEnvelope(fog, id, "RECEIVED");
    ledger.submit(BRIDGE, ctx -> broker.slices.confirmService(ctx, envelope));
  }

  private void fail(final Random random, final List<TestDevice> rps) {
    String id = pickSlice(random, null);
    JsonObject slice = broker.slice(id);
    TestDevice signer =
        random.nextBoolean()
            ? devices.get("device:" + slice.get("tenantId").getAsString())
            : pick(random, rps);
    String report = signer.sign(MessageType.FAILURE_REPORT, Map.of("sliceId", id, "reason", "x"));
    ledger.submit(BRIDGE, ctx -> broker.slices.reportFailure(ctx, report));
  }

  private void expire(final Random random) {
    String id = pickSlice(random, null);
    ledger.advance(Duration.ofSeconds(random.nextInt(2) == 0 ? 301 : 3601));
    ledger.submit(BRIDGE, ctx -> broker.slices.expire(ctx, id));
  }

  private void decommission(final Random random) {
    String id = pickSlice(random, null);
    TestDevice fog = devices.get("device:" + broker.slice(id).get("tenantId").getAsString());
    String envelope = broker.serviceEnvelope(fog, id, "RELEASED");
    ledger.submit(BRIDGE, ctx -> broker.slices.decommission(ctx, envelope));
  }

  private void moveToken(final Random random) {
    SortedMap<String, JsonObject> tokens = tokens();
    if (tokens.isEmpty()) {
      return;
    }
    JsonObject token = new ArrayList<>(tokens.values()).get(random.nextInt(tokens.size()));
    String owner = token.get("owner").getAsString();
    TestDevice holder = devices.get(owner);
    List<String> others = new ArrayList<>(devices.keySet());
    others.remove(owner);
    String to = others.get(random.nextInt(others.size()));
    String tokenId = token.get("id").getAsString();
    if (random.nextBoolean()) {
      String approve =
          holder.sign(
              MessageType.NFT_TRANSFER, Map.of("action", "APPROVE", "tokenId", tokenId, "to", to));
      ledger.submit(BRIDGE, ctx -> broker.nfts.applySigned(ctx, approve));
      return;
    }
    TestDevice actor =
        token.has("approved") ? devices.get(token.get("approved").getAsString()) : holder;
    String transfer =
        actor.sign(
            MessageType.NFT_TRANSFER,
            Map.of("action", "TRANSFER", "tokenId", tokenId, "from", owner, "to", to));
    ledger.submit(BRIDGE, ctx -> broker.nfts.applySigned(ctx, transfer));
    JsonObject after = tokens().get(tokenId);
    assertThat(after.get("owner").getAsString()).isEqualTo(to);
    assertThat(after.has("approved")).as("approval cleared on transfer").isFalse();
  }

  private String pickSlice(final Random random, final String state) {
    List<String> candidates = new ArrayList<>();
    for (String id : slices) {
      if (state == null || broker.state(id).equals(state)) {
        candidates.add(id);
      }
    }
    if (candidates.isEmpty()) {
      throw new ChaincodeException("nothing to do");
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  private static <T> T pick(final Random random, final List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private SortedMap<String, JsonObject> tokens() {
    SortedMap<String, JsonObject> tokens = new TreeMap<>();
    ledger
        .state()
        .forEach(
            (key, value) -> {
              CompositeKey k = CompositeKey.parseCompositeKey(key);
              if (k.getObjectType().equals("nft")) {
                tokens.put(k.getAttributes().get(0), Json.parseObject(value));
              }
            });
    return tokens;
  }

  private void checkInvariants() {
    long minted = 0;
    long balances = 0;
    long locked = 0;
    Map<String, List<String>> ownersOf = new TreeMap<>();
    for (Map.Entry<String, String> entry : ledger.state().entrySet()) {
      CompositeKey key = CompositeKey.parseCompositeKey(entry.getKey());
      switch (key.getObjectType()) {
        case "credit-mint" ->
            minted += Json.parseObject(entry.getValue()).get("amount").getAsLong();
        case "credit-balance" -> {
          long balance = Json.parseObject(entry.getValue()).get("balance").getAsLong();
          assertThat(balance).isNotNegative();
          balances += balance;
        }
        case "escrow" -> {
          JsonObject escrow = Json.parseObject(entry.getValue());
          String id = escrow.get("id").getAsString();
          String state = escrow.get("state").getAsString();
          if (state.equals("LOCKED")) {
            assertThat(settled).as("a settled escrow never locks again").doesNotContainKey(id);
            locked += escrow.get("amount").getAsLong();
          } else {
            String settlement = state + "@" + escrow.get("settledTx").getAsString();
            assertThat(settled.putIfAbsent(id, settlement))
                .as("escrow %s is settled once", id)
                .isIn(null, settlement);
          }
        }
        case "nft-owner" ->
            ownersOf
                .computeIfAbsent(key.getAttributes().get(1), t -> new ArrayList<>())
                .add(key.getAttributes().get(0));
        default -> {}
      }
    }
    assertThat(balances + locked).as("credits are conserved").isEqualTo(minted);
    SortedMap<String, JsonObject> tokens = tokens();
    assertThat(ownersOf.keySet()).as("no owner entry without a token").isEqualTo(tokens.keySet());
    tokens.forEach(
        (id, token) ->
            assertThat(ownersOf.get(id))
                .as("token %s has exactly one owner", id)
                .containsExactly(token.get("owner").getAsString()));
  }
}
