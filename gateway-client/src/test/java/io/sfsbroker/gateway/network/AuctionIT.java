package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.keeper.Keeper;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.AuctionParameters;
import io.sfsbroker.market.auction.AuctionResult;
import io.sfsbroker.market.auction.AuctionState;
import io.sfsbroker.market.auction.CapacityCheck;
import io.sfsbroker.market.auction.DdraAuction;
import io.sfsbroker.market.auction.GroupBidding;
import io.sfsbroker.market.auction.GroupResponse;
import io.sfsbroker.market.auction.GroupState;
import io.sfsbroker.market.auction.Member;
import io.sfsbroker.market.auction.Planet;
import io.sfsbroker.market.auction.ResourceVector;
import io.sfsbroker.market.auction.Timetable;
import io.sfsbroker.market.auction.UserGroup;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.EnvelopeSigner;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.keys.P256;
import io.sfsbroker.protocol.keys.Pem;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A small DDRA auction (3 Planets, 6 user groups) run entirely on the real network: an admin opens
 * it, the groups opt in with signed {@code auction-opt-in} envelopes and submit signed best
 * responses round by round, anyone closes each round, and the settled allocation is exactly what
 * the plain-Java algorithm computes for the same inputs. The funded groups' payments are locked in
 * escrow and their allocation tokens minted, and one group's signed confirmation pays its Planet.
 * An auction naming groups that did not opt in binds nothing; an allocation escrow whose deadline
 * passed is refunded once by {@code expireAllocation}, and a second settle changes nothing.
 */
class AuctionIT {

  private static final int PLANETS = 3;
  private static final int GROUPS = 6;
  private static final int SLOTS = 4;
  private static final AuctionParameters PARAMETERS = new AuctionParameters(0.9, 1.0, 300, 5);

  /** What each group is funded with: far more than its payments (about 10⁸ minor units). */
  private static final long FUNDS = 1_000_000_000_000L;

  /** The opening gives no payment scale, so the contract's default applies. */
  private static final long PAYMENT_SCALE = 1_000_000;

  @Test
  void smallAuction_roundByRoundOnTheNetwork_settlesOnTheAllocationOfThePlainJavaAlgorithm()
      throws Exception {
    NetworkProfile profile = TestNetwork.running().profile();
    String run = Long.toString(System.nanoTime(), 36);
    List<String> planetIds = new ArrayList<>();
    List<String> groupIds = new ArrayList<>();
    for (int j = 1; j <= PLANETS; j++) {
      planetIds.add("planet-" + j + "-" + run);
    }
    for (int i = 1; i <= GROUPS; i++) {
      groupIds.add("group-" + i + "-" + run);
    }
    AuctionInstance instance = instance(planetIds, groupIds);
    AuctionResult expected = DdraAuction.run(instance, AuctionState.initial(instance), PARAMETERS);

    try (GatewayConnection bridgeConnection =
            GatewayConnection.asUser(profile.org("broker"), Deadlines.DEFAULT);
        GatewayConnection brokerAdmin =
            GatewayConnection.asAdmin(profile.org("broker"), Deadlines.DEFAULT);
        GatewayConnection providersAdmin =
            GatewayConnection.asAdmin(profile.org("providers"), Deadlines.DEFAULT);
        GatewayConnection tenantsAdmin =
            GatewayConnection.asAdmin(profile.org("tenants"), Deadlines.DEFAULT)) {
      ChaincodeClient bridge = client(bridgeConnection, profile);
      for (String planet : planetIds) {
        register(client(providersAdmin, profile), planet, "PLANET");
      }
      List<KeyPair> groupKeys = new ArrayList<>();
      for (String group : groupIds) {
        groupKeys.add(register(client(tenantsAdmin, profile), group, "USER_GROUP"));
        TestNetwork.fund(
            client(brokerAdmin, profile), profile.org("broker").mspId(), account(group), FUNDS);
      }

      Map<String, Object> opening = new LinkedHashMap<>();
      opening.put("period", "it-" + run);
      opening.put("instance", instance);
      opening.put("parameters", PARAMETERS);
      opening.put("roundSeconds", 60);
      JsonObject opened =
          Json.parseObject(
              client(brokerAdmin, profile)
                  .submit(TransactionName.AUCTION_OPEN_AUCTION, Json.toJson(opening))
                  .result());
      String auctionId = opened.getAsJsonObject("auction").get("id").getAsString();

      ExecutorService pool = Executors.newFixedThreadPool(GROUPS);
      int rounds = 0;
      try {
        // The tenants' groups are not the broker's: each takes part only by its own opt-in.
        List<Future<?>> optIns = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
          String optIn = optInEnvelope(groupIds.get(g), groupKeys.get(g), auctionId);
          optIns.add(pool.submit(() -> bridge.submit(TransactionName.AUCTION_OPT_IN, optIn)));
        }
        for (Future<?> optIn : optIns) {
          optIn.get();
        }
        while (status(bridge, auctionId).equals("OPEN")) {
          rounds++;
          JsonObject round =
              Json.parseObject(
                  bridge.evaluate(
                      TransactionName.AUCTION_GET_ROUND, auctionId, Integer.toString(rounds)));
          List<ResourceVector> prices =
              Json.gson()
                  .fromJson(
                      round.get("prices"), new TypeToken<List<ResourceVector>>() {}.getType());
          List<GroupState> states =
              Json.gson()
                  .fromJson(round.get("groups"), new TypeToken<List<GroupState>>() {}.getType());
          List<Future<?>> bids = new ArrayList<>();
          for (int g = 0; g < GROUPS; g++) {
            GroupResponse response =
                GroupBidding.bestResponse(instance, g, prices, states.get(g), PARAMETERS);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("auctionId", auctionId);
            body.put("round", rounds);
            body.put("planet", response.planet());
            body.put("volumes", response.volumes());
            String envelope =
                new EnvelopeSigner(
                        groupIds.get(g),
                        (ECPrivateKey) groupKeys.get(g).getPrivate(),
                        Clock.systemUTC())
                    .sign(MessageType.AUCTION_BID, body);
            bids.add(
                pool.submit(() -> bridge.submit(TransactionName.AUCTION_SUBMIT_BID, envelope)));
          }
          for (Future<?> bid : bids) {
            bid.get();
          }
          bridge.submit(TransactionName.AUCTION_CLOSE_ROUND, auctionId);
          assertThat(rounds).isLessThanOrEqualTo(PARAMETERS.maxRounds());
        }
      } finally {
        pool.shutdownNow();
      }

      JsonObject allocation =
          Json.parseObject(bridge.evaluate(TransactionName.AUCTION_GET_ALLOCATION, auctionId));
      List<List<Double>> settled =
          Json.gson()
              .fromJson(
                  allocation.get("allocation"), new TypeToken<List<List<Double>>>() {}.getType());
      System.out.printf(
          "[auction] settled on the network after %d rounds (plain Java: %d), converged %s,"
              + " largest capacity ratio %s%n",
          rounds,
          expected.rounds(),
          allocation.get("converged").getAsBoolean(),
          allocation.get("maxCapacityRatio").getAsDouble());
      assertThat(rounds).isEqualTo(expected.rounds());
      assertThat(allocation.get("converged").getAsBoolean()).isEqualTo(expected.converged());
      assertThat(Json.toJson(settled)).isEqualTo(Json.toJson(expected.allocation()));
      assertThat(allocation.get("prices").toString()).isEqualTo(Json.toJson(expected.prices()));
      assertThat(CapacityCheck.check(instance, settled).withinCapacity()).isTrue();

      // Settlement: one escrow and one allocation token per group and Planet it pays.
      assertThat(allocation.getAsJsonArray("unfunded")).isEmpty();
      List<JsonObject> payments = TestNetwork.objects(allocation.getAsJsonArray("payments"));
      Map<Integer, Long> expectedPayments = expectedPayments(instance, expected);
      assertThat(payments).hasSize(expectedPayments.size());
      Map<String, Long> paid = new LinkedHashMap<>();
      for (JsonObject payment : payments) {
        String groupId = payment.get("groupId").getAsString();
        String planetId = payment.get("planetId").getAsString();
        long amount = payment.get("amount").getAsLong();
        String tokenId = payment.get("tokenId").getAsString();
        assertThat(tokenId)
            .isEqualTo(payment.get("escrowId").getAsString())
            .isEqualTo("allocation:" + auctionId + ":" + groupId + ":" + planetId);
        assertThat(amount)
            .isEqualTo(
                expectedPayments.get(
                    groupIds.indexOf(groupId) * PLANETS + planetIds.indexOf(planetId)));
        JsonObject token =
            Json.parseObject(bridge.evaluate(TransactionName.NFT_GET_TOKEN, tokenId));
        assertThat(token.get("kind").getAsString()).isEqualTo("ALLOCATION");
        assertThat(token.get("owner").getAsString()).isEqualTo(account(groupId));
        assertThat(token.getAsJsonObject("metadata").get("payment").getAsLong()).isEqualTo(amount);
        JsonObject escrow =
            Json.parseObject(bridge.evaluate(TransactionName.CREDIT_GET_ESCROW, tokenId));
        assertThat(escrow.get("state").getAsString()).isEqualTo("LOCKED");
        assertThat(escrow.get("amount").getAsLong()).isEqualTo(amount);
        assertThat(escrow.get("payer").getAsString()).isEqualTo(account(groupId));
        paid.merge(groupId, amount, Long::sum);
      }
      for (String groupId : groupIds) {
        assertThat(balance(bridge, account(groupId)))
            .isEqualTo(FUNDS - paid.getOrDefault(groupId, 0L));
      }

      // The group confirms one allocation: its Planet is paid, once.
      JsonObject first = payments.get(0);
      String groupId = first.get("groupId").getAsString();
      String planetId = first.get("planetId").getAsString();
      long amount = first.get("amount").getAsLong();
      Map<String, Object> confirmation = new LinkedHashMap<>();
      confirmation.put("auctionId", auctionId);
      confirmation.put("planetId", planetId);
      String envelope =
          new EnvelopeSigner(
                  groupId,
                  (ECPrivateKey) groupKeys.get(groupIds.indexOf(groupId)).getPrivate(),
                  Clock.systemUTC())
              .sign(MessageType.ALLOCATION_CONFIRMATION, confirmation);
      JsonObject confirmed =
          Json.parseObject(
              bridge.submit(TransactionName.AUCTION_CONFIRM_ALLOCATION, envelope).result());
      assertThat(confirmed.getAsJsonObject("escrow").get("state").getAsString())
          .isEqualTo("RELEASED");
      assertThat(
              Json.parseObject(
                      bridge.evaluate(
                          TransactionName.CREDIT_GET_ESCROW, first.get("escrowId").getAsString()))
                  .get("state")
                  .getAsString())
          .isEqualTo("RELEASED");
      assertThat(balance(bridge, account(planetId))).isEqualTo(amount);
      assertThat(balance(bridge, account(groupId))).isEqualTo(FUNDS - paid.get(groupId));
      System.out.printf(
          "[auction] %d allocation(s) paid into escrow; %s confirmed %s and was paid %d%n",
          payments.size(), groupId, planetId, amount);
    }
  }

  @Test
  void auctionNamingGroupsThatDidNotOptIn_settlesWithoutBindingThem() throws Exception {
    NetworkProfile profile = TestNetwork.running().profile();
    String run = Long.toString(System.nanoTime(), 36);
    List<String> planetIds = new ArrayList<>();
    List<String> groupIds = new ArrayList<>();
    for (int j = 1; j <= PLANETS; j++) {
      planetIds.add("planet-" + j + "-c" + run);
    }
    for (int i = 1; i <= GROUPS; i++) {
      groupIds.add("group-" + i + "-c" + run);
    }
    AuctionInstance instance = instance(planetIds, groupIds);

    try (GatewayConnection bridgeConnection =
            GatewayConnection.asUser(profile.org("broker"), Deadlines.DEFAULT);
        GatewayConnection brokerAdmin =
            GatewayConnection.asAdmin(profile.org("broker"), Deadlines.DEFAULT);
        GatewayConnection providersAdmin =
            GatewayConnection.asAdmin(profile.org("providers"), Deadlines.DEFAULT);
        GatewayConnection tenantsAdmin =
            GatewayConnection.asAdmin(profile.org("tenants"), Deadlines.DEFAULT)) {
      ChaincodeClient bridge = client(bridgeConnection, profile);
      for (String planet : planetIds) {
        register(client(providersAdmin, profile), planet, "PLANET");
      }
      List<KeyPair> groupKeys = new ArrayList<>();
      for (String group : groupIds) {
        groupKeys.add(register(client(tenantsAdmin, profile), group, "USER_GROUP"));
        TestNetwork.fund(
            client(brokerAdmin, profile), profile.org("broker").mspId(), account(group), FUNDS);
      }

      // The broker's admin names the tenants' groups with a start allocation on the first Planet
      // and a one-second round: the shape of the hostage auction of issue 11.
      List<List<Double>> start = new ArrayList<>();
      for (int i = 0; i < GROUPS; i++) {
        start.add(List.of(20.0, 0.0, 0.0));
      }
      Map<String, Object> opening = new LinkedHashMap<>();
      opening.put("period", "it-consent-" + run);
      opening.put("instance", instance);
      opening.put("startAllocation", start);
      opening.put("parameters", PARAMETERS);
      opening.put("roundSeconds", 1);
      String auctionId =
          Json.parseObject(
                  client(brokerAdmin, profile)
                      .submit(TransactionName.AUCTION_OPEN_AUCTION, Json.toJson(opening))
                      .result())
              .getAsJsonObject("auction")
              .get("id")
              .getAsString();

      // A group's bid without opt-in is refused; the broker's admin cannot opt it in.
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("auctionId", auctionId);
      body.put("round", 1);
      body.put("planet", 0);
      body.put("volumes", List.of(20.0, 0.0, 0.0));
      String bid =
          new EnvelopeSigner(
                  groupIds.get(0), (ECPrivateKey) groupKeys.get(0).getPrivate(), Clock.systemUTC())
              .sign(MessageType.AUCTION_BID, body);
      assertRejected(() -> bridge.submit(TransactionName.AUCTION_SUBMIT_BID, bid), "INVALID_STATE");
      assertRejected(
          () ->
              client(brokerAdmin, profile)
                  .submit(TransactionName.AUCTION_OPT_IN_AS_ADMIN, auctionId, groupIds.get(0)),
          "FORBIDDEN");

      Thread.sleep(2_500);
      JsonObject closed =
          Json.parseObject(bridge.submit(TransactionName.AUCTION_CLOSE_ROUND, auctionId).result());

      assertThat(closed.get("last").getAsBoolean()).isTrue();
      JsonObject allocation =
          Json.parseObject(bridge.evaluate(TransactionName.AUCTION_GET_ALLOCATION, auctionId));
      List<List<Double>> settled =
          Json.gson()
              .fromJson(
                  allocation.get("allocation"), new TypeToken<List<List<Double>>>() {}.getType());
      assertThat(settled).allSatisfy(row -> assertThat(row).containsOnly(0.0));
      assertThat(allocation.getAsJsonArray("payments")).isEmpty();
      assertThat(allocation.getAsJsonArray("unfunded")).isEmpty();
      assertThat(
              Json.gson()
                  .fromJson(
                      bridge.evaluate(TransactionName.AUCTION_GET_CONSENTS, auctionId),
                      JsonArray.class))
          .isEmpty();
      for (String groupId : groupIds) {
        assertThat(balance(bridge, account(groupId))).isEqualTo(FUNDS);
      }
      for (String planetId : planetIds) {
        assertThat(balance(bridge, account(planetId))).isZero();
      }
      System.out.printf(
          "[auction] %s named %d groups that did not opt in: settled with no payment%n",
          auctionId, GROUPS);
    }
  }

  @Test
  void allocationEscrow_pastItsDeadline_isRefundedOnce() throws Exception {
    NetworkProfile profile = TestNetwork.running().profile();
    AuctionParameters oneRound = new AuctionParameters(0.9, 1.0, 1, 5);

    try (GatewayConnection bridgeConnection =
            GatewayConnection.asUser(profile.org("broker"), Deadlines.DEFAULT);
        GatewayConnection brokerAdmin =
            GatewayConnection.asAdmin(profile.org("broker"), Deadlines.DEFAULT);
        GatewayConnection providersAdmin =
            GatewayConnection.asAdmin(profile.org("providers"), Deadlines.DEFAULT);
        GatewayConnection tenantsAdmin =
            GatewayConnection.asAdmin(profile.org("tenants"), Deadlines.DEFAULT);
        GatewayConnection providersUser =
            GatewayConnection.asUser(profile.org("providers"), Deadlines.DEFAULT)) {
      ChaincodeClient bridge = client(bridgeConnection, profile);
      ChaincodeClient keeper = client(providersUser, profile);
      OneRound market =
          OneRound.open(
              "d",
              oneRound,
              60,
              5,
              profile,
              client(brokerAdmin, profile),
              client(providersAdmin, profile),
              client(tenantsAdmin, profile));
      String auctionId = market.auctionId();
      List<String> planetIds = market.planetIds();
      List<String> groupIds = market.groupIds();

      // Group 1 opts in by its own signature, the others by their org's admin; all bid once.
      bridge.submit(
          TransactionName.AUCTION_OPT_IN,
          optInEnvelope(groupIds.get(0), market.groupKeys().get(0), auctionId));
      for (int g = 1; g < GROUPS; g++) {
        client(tenantsAdmin, profile)
            .submit(TransactionName.AUCTION_OPT_IN_AS_ADMIN, auctionId, groupIds.get(g));
      }
      market.bestResponses(bridge, GROUPS);
      bridge.submit(TransactionName.AUCTION_CLOSE_ROUND, auctionId);
      JsonObject allocation =
          Json.parseObject(bridge.evaluate(TransactionName.AUCTION_GET_ALLOCATION, auctionId));
      List<JsonObject> payments = TestNetwork.objects(allocation.getAsJsonArray("payments"));
      assertThat(payments).isNotEmpty();
      JsonObject first = payments.get(0);
      String groupId = first.get("groupId").getAsString();
      String planetId = first.get("planetId").getAsString();
      String escrowId = first.get("escrowId").getAsString();
      long amount = first.get("amount").getAsLong();
      Instant deadline = Instant.parse(first.get("deadline").getAsString());
      JsonObject escrow =
          Json.parseObject(bridge.evaluate(TransactionName.CREDIT_GET_ESCROW, escrowId));
      assertThat(Instant.parse(escrow.get("deadline").getAsString())).isEqualTo(deadline);
      assertThat(deadline)
          .isEqualTo(Instant.parse(allocation.get("settledAt").getAsString()).plusSeconds(5));
      long groupBalance = balance(bridge, account(groupId));

      // Before the deadline nothing is due; after it, anyone (here a providers' client) refunds
      // the escrow once, and the token is burned.
      assertRejected(
          () ->
              keeper.submit(
                  TransactionName.AUCTION_EXPIRE_ALLOCATION, auctionId, groupId, planetId),
          "INVALID_STATE");
      long wait = deadline.toEpochMilli() - System.currentTimeMillis() + 2_000;
      if (wait > 0) {
        Thread.sleep(wait);
      }
      JsonObject expired =
          Json.parseObject(
              keeper
                  .submit(TransactionName.AUCTION_EXPIRE_ALLOCATION, auctionId, groupId, planetId)
                  .result());
      assertThat(expired.getAsJsonObject("escrow").get("state").getAsString())
          .isEqualTo("REFUNDED");
      assertThat(balance(bridge, account(groupId))).isEqualTo(groupBalance + amount);
      assertThat(balance(bridge, account(planetId))).isZero();
      assertRejected(() -> bridge.evaluate(TransactionName.NFT_GET_TOKEN, escrowId), "NOT_FOUND");

      // A second settle is INVALID_STATE and changes nothing.
      assertRejected(
          () ->
              keeper.submit(
                  TransactionName.AUCTION_EXPIRE_ALLOCATION, auctionId, groupId, planetId),
          "INVALID_STATE");
      assertThat(balance(bridge, account(groupId))).isEqualTo(groupBalance + amount);
      assertThat(
              Json.parseObject(bridge.evaluate(TransactionName.CREDIT_GET_ESCROW, escrowId))
                  .get("settledTx")
                  .getAsString())
          .isEqualTo(expired.getAsJsonObject("escrow").get("settledTx").getAsString());

      // Credits are conserved: what the groups hold plus what is still locked is what was minted.
      long held = 0;
      for (String group : groupIds) {
        held += balance(bridge, account(group));
      }
      long locked = 0;
      for (JsonObject payment : payments) {
        JsonObject each =
            Json.parseObject(
                bridge.evaluate(
                    TransactionName.CREDIT_GET_ESCROW, payment.get("escrowId").getAsString()));
        if (each.get("state").getAsString().equals("LOCKED")) {
          locked += each.get("amount").getAsLong();
        }
      }
      long planets = 0;
      for (String planet : planetIds) {
        planets += balance(bridge, account(planet));
      }
      assertThat(held + locked + planets).isEqualTo(GROUPS * FUNDS);
      System.out.printf(
          "[auction] %s: the escrow of %s expired at %s and was refunded once (%d)%n",
          auctionId, escrowId, deadline, amount);
    }
  }

  @Test
  void auctionLeftAlone_itsRoundClosesAndItsEscrowsRefundByThemselves() throws Exception {
    NetworkProfile profile = TestNetwork.running().profile();
    AuctionParameters oneRound = new AuctionParameters(0.9, 1.0, 1, 5);

    try (GatewayConnection bridgeConnection =
            GatewayConnection.asUser(profile.org("broker"), Deadlines.DEFAULT);
        GatewayConnection brokerAdmin =
            GatewayConnection.asAdmin(profile.org("broker"), Deadlines.DEFAULT);
        GatewayConnection providersAdmin =
            GatewayConnection.asAdmin(profile.org("providers"), Deadlines.DEFAULT);
        GatewayConnection tenantsAdmin =
            GatewayConnection.asAdmin(profile.org("tenants"), Deadlines.DEFAULT)) {
      ChaincodeClient bridge = client(bridgeConnection, profile);
      OneRound market =
          OneRound.open(
              "k",
              oneRound,
              25,
              4,
              profile,
              client(brokerAdmin, profile),
              client(providersAdmin, profile),
              client(tenantsAdmin, profile));
      String auctionId = market.auctionId();
      List<String> planetIds = market.planetIds();
      List<String> groupIds = market.groupIds();
      for (String group : groupIds) {
        client(tenantsAdmin, profile)
            .submit(TransactionName.AUCTION_OPT_IN_AS_ADMIN, auctionId, group);
      }
      market.bestResponses(bridge, GROUPS - 1);

      // The last group stays silent and nobody closes the round: the keeper closes it at its
      // deadline, the auction settles, and every escrow nobody confirms is refunded.
      Instant started = Instant.now();
      try (Keeper keeper =
          Keeper.start(bridge, Clock.systemUTC(), Duration.ofMillis(500), Duration.ofSeconds(1))) {
        List<JsonObject> payments = List.of();
        while (Duration.between(started, Instant.now()).toSeconds() < 60) {
          try {
            JsonObject allocation =
                Json.parseObject(
                    bridge.evaluate(TransactionName.AUCTION_GET_ALLOCATION, auctionId));
            payments = TestNetwork.objects(allocation.getAsJsonArray("payments"));
            if (payments.stream().allMatch(p -> escrowState(bridge, p).equals("REFUNDED"))) {
              break;
            }
          } catch (LedgerException e) {
            assertThat(e.code()).isEqualTo("NOT_FOUND");
          }
          Thread.sleep(250);
        }
        assertThat(payments).isNotEmpty();
        assertThat(payments).allMatch(p -> escrowState(bridge, p).equals("REFUNDED"));
      }
      for (String group : groupIds) {
        assertThat(balance(bridge, account(group))).isEqualTo(FUNDS);
      }
      for (String planet : planetIds) {
        assertThat(balance(bridge, account(planet))).isZero();
      }
      System.out.printf(
          "[keeper] auction %s: round closed and escrows refunded by the keeper %d s after it"
              + " opened%n",
          auctionId, Duration.between(started, Instant.now()).toSeconds());
    }
  }

  /** A one-round auction opened on the network over new Planets and funded groups. */
  private record OneRound(
      String auctionId,
      AuctionInstance instance,
      AuctionParameters parameters,
      List<String> planetIds,
      List<String> groupIds,
      List<KeyPair> groupKeys) {

    static OneRound open(
        final String tag,
        final AuctionParameters parameters,
        final long roundSeconds,
        final long confirmationSeconds,
        final NetworkProfile profile,
        final ChaincodeClient brokerAdmin,
        final ChaincodeClient providersAdmin,
        final ChaincodeClient tenantsAdmin) {
      String run = tag + Long.toString(System.nanoTime(), 36);
      List<String> planetIds = new ArrayList<>();
      List<String> groupIds = new ArrayList<>();
      for (int j = 1; j <= PLANETS; j++) {
        planetIds.add("planet-" + j + "-" + run);
      }
      for (int i = 1; i <= GROUPS; i++) {
        groupIds.add("group-" + i + "-" + run);
      }
      AuctionInstance instance = AuctionIT.instance(planetIds, groupIds);
      for (String planet : planetIds) {
        register(providersAdmin, planet, "PLANET");
      }
      List<KeyPair> groupKeys = new ArrayList<>();
      for (String group : groupIds) {
        groupKeys.add(register(tenantsAdmin, group, "USER_GROUP"));
      }
      // Funded only once every group is registered: a peer that endorses the mint may be a block
      // behind the one that reported the registration committed.
      for (String group : groupIds) {
        TestNetwork.fund(brokerAdmin, profile.org("broker").mspId(), account(group), FUNDS);
      }
      Map<String, Object> opening = new LinkedHashMap<>();
      opening.put("period", "it-" + run);
      opening.put("instance", instance);
      opening.put("parameters", parameters);
      opening.put("roundSeconds", roundSeconds);
      opening.put("confirmationSeconds", confirmationSeconds);
      String auctionId =
          Json.parseObject(
                  brokerAdmin
                      .submit(TransactionName.AUCTION_OPEN_AUCTION, Json.toJson(opening))
                      .result())
              .getAsJsonObject("auction")
              .get("id")
              .getAsString();
      return new OneRound(auctionId, instance, parameters, planetIds, groupIds, groupKeys);
    }

    /** The first {@code groups} groups send their best response to round 1's prices. */
    void bestResponses(final ChaincodeClient bridge, final int groups) {
      JsonObject round =
          Json.parseObject(bridge.evaluate(TransactionName.AUCTION_GET_ROUND, auctionId, "1"));
      List<ResourceVector> prices =
          Json.gson()
              .fromJson(round.get("prices"), new TypeToken<List<ResourceVector>>() {}.getType());
      List<GroupState> states =
          Json.gson().fromJson(round.get("groups"), new TypeToken<List<GroupState>>() {}.getType());
      for (int g = 0; g < groups; g++) {
        GroupResponse response =
            GroupBidding.bestResponse(instance, g, prices, states.get(g), parameters);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auctionId", auctionId);
        body.put("round", 1);
        body.put("planet", response.planet());
        body.put("volumes", response.volumes());
        bridge.submit(
            TransactionName.AUCTION_SUBMIT_BID,
            new EnvelopeSigner(
                    groupIds.get(g),
                    (ECPrivateKey) groupKeys.get(g).getPrivate(),
                    Clock.systemUTC())
                .sign(MessageType.AUCTION_BID, body));
      }
    }
  }

  private static String escrowState(final ChaincodeClient bridge, final JsonObject payment) {
    return Json.parseObject(
            bridge.evaluate(
                TransactionName.CREDIT_GET_ESCROW, payment.get("escrowId").getAsString()))
        .get("state")
        .getAsString();
  }

  private static String optInEnvelope(
      final String groupId, final KeyPair keys, final String auctionId) {
    return new EnvelopeSigner(groupId, (ECPrivateKey) keys.getPrivate(), Clock.systemUTC())
        .sign(MessageType.AUCTION_OPT_IN, Map.of("auctionId", auctionId));
  }

  private static void assertRejected(final Runnable call, final String... codes) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            LedgerException.class, e -> assertThat(e.code()).isIn((Object[]) codes));
  }

  /**
   * The payments the plain-Java result implies, by {@code group × PLANETS + planet}: {@code Σ
   * p̂·c·r·x̂} at the final prices and volumes, times the payment scale, rounded half up from the
   * double's exact value. Volumes that cost less than one minor unit (dust) are not paid.
   */
  private static Map<Integer, Long> expectedPayments(
      final AuctionInstance instance, final AuctionResult result) {
    Map<Integer, Long> amounts = new LinkedHashMap<>();
    for (int i = 0; i < GROUPS; i++) {
      for (int j = 0; j < PLANETS; j++) {
        double volume = result.allocation().get(i).get(j);
        if (volume > 0) {
          double payment =
              GroupBidding.bid(instance, i, j, result.prices().get(j), volume).totalPayment();
          long amount =
              new BigDecimal(payment)
                  .multiply(BigDecimal.valueOf(PAYMENT_SCALE))
                  .setScale(0, RoundingMode.HALF_UP)
                  .longValueExact();
          if (amount > 0) {
            amounts.put(i * PLANETS + j, amount);
          }
        }
      }
    }
    return amounts;
  }

  private static String account(final String participantId) {
    return "device:" + participantId;
  }

  private static long balance(final ChaincodeClient client, final String account) {
    return Json.parseObject(client.evaluate(TransactionName.CREDIT_BALANCE_OF, account))
        .get("balance")
        .getAsLong();
  }

  private static ChaincodeClient client(
      final GatewayConnection connection, final NetworkProfile profile) {
    return new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
  }

  private static String status(final ChaincodeClient client, final String auctionId) {
    return Json.parseObject(client.evaluate(TransactionName.AUCTION_GET_AUCTION, auctionId))
        .getAsJsonObject("progress")
        .get("status")
        .getAsString();
  }

  private static KeyPair register(final ChaincodeClient admin, final String id, final String role) {
    KeyPair keys = P256.generateKeyPair();
    Map<String, String> registration = new LinkedHashMap<>();
    registration.put("id", id);
    registration.put("role", role);
    registration.put("publicKey", Pem.encodePublicKey((ECPublicKey) keys.getPublic()));
    admin.submit(TransactionName.PARTICIPANT_REGISTER, Json.toJson(registration));
    return keys;
  }

  /**
   * Three Planets with one strong resource each and capacities that bind; six groups of two members
   * with two activity types over four slots; no migration (Type 1). The same instance as the
   * auction contract's unit test, under ids unique to this run.
   */
  private static AuctionInstance instance(
      final List<String> planetIds, final List<String> groupIds) {
    List<Planet> planets = new ArrayList<>();
    double[][] capacities = {{6, 8, 4, 5}, {8, 6, 5, 4}, {7, 7, 6, 6}};
    for (int j = 0; j < PLANETS; j++) {
      double[] c = capacities[j];
      planets.add(
          new Planet(
              planetIds.get(j),
              new ResourceVector(c[0], c[1], c[2], c[3]),
              List.of(
                  new ResourceVector(0.05 + 0.01 * j, 0.08, 0.06, 0.04),
                  new ResourceVector(0.04, 0.06 + 0.01 * j, 0.09, 0.05)),
              new ResourceVector(0.4 + 0.1 * j, 0.3, 0.6, 0.5)));
    }
    List<UserGroup> groups = new ArrayList<>();
    for (int i = 0; i < GROUPS; i++) {
      int near = i % PLANETS;
      List<Member> members = new ArrayList<>();
      for (int u = 0; u < 2; u++) {
        List<Integer> distances = new ArrayList<>();
        for (int j = 0; j < PLANETS; j++) {
          distances.add(j == near ? 1 + u : 3 + ((i + j + u) % 3));
        }
        members.add(new Member(groupIds.get(i) + "/u" + u, distances));
      }
      Timetable timetable =
          Timetable.idle(SLOTS, 2).with(0, 0, 2 + (i % 2)).with(1, 1 + (i % 3), SLOTS);
      double share = 0.3 + 0.1 * (i % 4);
      groups.add(
          new UserGroup(
              groupIds.get(i),
              members,
              timetable,
              80 + 10 * i,
              List.of(share, 1 - share),
              List.of(0.01 + 0.002 * i, 0.015),
              1 + 0.15 * i,
              null));
    }
    List<List<Integer>> distances = List.of(List.of(0, 4, 6), List.of(4, 0, 5), List.of(6, 5, 0));
    return new AuctionInstance(planets, groups, distances, 0.001);
  }
}
