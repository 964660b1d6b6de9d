package io.sfsbroker.chaincode.auction;

import static io.sfsbroker.chaincode.testing.BrokerFixture.ADMIN;
import static io.sfsbroker.chaincode.testing.BrokerFixture.BRIDGE;

import com.google.gson.JsonObject;
import io.sfsbroker.chaincode.testing.BrokerFixture;
import io.sfsbroker.chaincode.testing.InMemoryLedger;
import io.sfsbroker.chaincode.testing.TestDevice;
import io.sfsbroker.chaincode.testing.TestIdentity;
import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.AuctionParameters;
import io.sfsbroker.market.auction.GroupBidding;
import io.sfsbroker.market.auction.GroupResponse;
import io.sfsbroker.market.auction.Member;
import io.sfsbroker.market.auction.Planet;
import io.sfsbroker.market.auction.ResourceVector;
import io.sfsbroker.market.auction.Timetable;
import io.sfsbroker.market.auction.UserGroup;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.auction.AllocationConfirmationBody;
import io.sfsbroker.protocol.auction.AllocationFailureBody;
import io.sfsbroker.protocol.auction.AuctionOptInBody;
import io.sfsbroker.protocol.envelope.MessageType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * A small auction on a broker: 3 Planets and 6 user groups, registered as participants, and helpers
 * that open it, sign the groups' best responses and close rounds through the contract.
 */
final class AuctionFixture {

  static final int PLANETS = 3;
  static final int GROUPS = 6;
  static final int SLOTS = 4;

  /** The parameters of the small auction: γ = 0.9, ε = 1, at most 300 rounds, 5 Planet changes. */
  static final AuctionParameters PARAMETERS = new AuctionParameters(0.9, 1.0, 300, 5);

  final BrokerFixture broker = new BrokerFixture();
  final InMemoryLedger ledger = broker.ledger;
  final AuctionContract contract = new AuctionContract();
  final List<TestDevice> planets = new ArrayList<>();
  final List<TestDevice> groups = new ArrayList<>();

  AuctionFixture() {
    this(ADMIN);
  }

  /** The small auction's participants, the groups registered by {@code groupsAdmin}'s org. */
  AuctionFixture(final TestIdentity groupsAdmin) {
    for (int j = 1; j <= PLANETS; j++) {
      planets.add(broker.register("planet-" + j, "PLANET"));
    }
    for (int i = 1; i <= GROUPS; i++) {
      groups.add(broker.register("group-" + i, "USER_GROUP", groupsAdmin));
    }
  }

  /**
   * The auction instance: three Planets with one strong resource each and capacities that bind, six
   * groups of two members with two activity types over four slots; no migration (Type 1).
   */
  static AuctionInstance instance() {
    List<Planet> planetList = new ArrayList<>();
    double[][] capacities = {{6, 8, 4, 5}, {8, 6, 5, 4}, {7, 7, 6, 6}};
    for (int j = 0; j < PLANETS; j++) {
      double[] c = capacities[j];
      planetList.add(
          new Planet(
              "planet-" + (j + 1),
              new ResourceVector(c[0], c[1], c[2], c[3]),
              List.of(
                  new ResourceVector(0.05 + 0.01 * j, 0.08, 0.06, 0.04),
                  new ResourceVector(0.04, 0.06 + 0.01 * j, 0.09, 0.05)),
              new ResourceVector(0.4 + 0.1 * j, 0.3, 0.6, 0.5)));
    }
    List<UserGroup> groupList = new ArrayList<>();
    for (int i = 0; i < GROUPS; i++) {
      int near = i % PLANETS;
      List<Member> members = new ArrayList<>();
      for (int u = 0; u < 2; u++) {
        List<Integer> distances = new ArrayList<>();
        for (int j = 0; j < PLANETS; j++) {
          distances.add(j == near ? 1 + u : 3 + ((i + j + u) % 3));
        }
        members.add(new Member("group-" + (i + 1) + "/u" + u, distances));
      }
      Timetable timetable =
          Timetable.idle(SLOTS, 2).with(0, 0, 2 + (i % 2)).with(1, 1 + (i % 3), SLOTS);
      double share = 0.3 + 0.1 * (i % 4);
      groupList.add(
          new UserGroup(
              "group-" + (i + 1),
              members,
              timetable,
              80 + 10 * i,
              List.of(share, 1 - share),
              List.of(0.01 + 0.002 * i, 0.015),
              1 + 0.15 * i,
              null));
    }
    List<List<Integer>> distances = List.of(List.of(0, 4, 6), List.of(4, 0, 5), List.of(6, 5, 0));
    return new AuctionInstance(planetList, groupList, distances, 0.001);
  }

  /** The opening argument of the small auction. */
  static String openingJson(final AuctionInstance instance, final AuctionParameters parameters) {
    Map<String, Object> opening = new LinkedHashMap<>();
    opening.put("period", "2025-03-01T10:00Z/p1");
    opening.put("instance", instance);
    opening.put("parameters", parameters);
    opening.put("roundSeconds", 30);
    return Json.toJson(opening);
  }

  /** Opens the small auction as the admin; returns its id. */
  String open() {
    return open(openingJson(instance(), PARAMETERS));
  }

  /** Opens an auction as the admin; returns its id. */
  String open(final String openingJson) {
    String view = ledger.submit(ADMIN, ctx -> contract.openAuction(ctx, openingJson));
    return Json.parseObject(view).getAsJsonObject("auction").get("id").getAsString();
  }

  /** Reads the stored auction. */
  Auction auction(final String auctionId) {
    return Json.fromJson(
            ledger.evaluate(BRIDGE, ctx -> contract.getAuction(ctx, auctionId)), AuctionView.class)
        .auction();
  }

  /** Reads the stored progress. */
  AuctionProgress progress(final String auctionId) {
    return Json.fromJson(
            ledger.evaluate(BRIDGE, ctx -> contract.getAuction(ctx, auctionId)), AuctionView.class)
        .progress();
  }

  /** Reads one stored round. */
  AuctionRound round(final String auctionId, final int round) {
    return Json.fromJson(
        ledger.evaluate(BRIDGE, ctx -> contract.getRound(ctx, auctionId, String.valueOf(round))),
        AuctionRound.class);
  }

  /** Computes a group's best response to the open round with the market library. */
  GroupResponse bestResponse(final String auctionId, final int group) {
    Auction auction = auction(auctionId);
    AuctionRound round = round(auctionId, progress(auctionId).round());
    return GroupBidding.bestResponse(
        auction.instance(), group, round.prices(), round.groups().get(group), auction.parameters());
  }

  /**
   * Signs a bid of group {@code group} (index) with the given choice and volumes, unchecked, so
   * that tests can send values the contract must refuse.
   */
  String bidEnvelope(
      final int group,
      final String auctionId,
      final int round,
      final int planet,
      final List<Double> volumes) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("auctionId", auctionId);
    body.put("round", round);
    body.put("planet", planet);
    body.put("volumes", volumes);
    return groups.get(group).sign(MessageType.AUCTION_BID, body);
  }

  /** Signs the best response of group {@code group} for the open round. */
  String bestBidEnvelope(final String auctionId, final int group) {
    GroupResponse response = bestResponse(auctionId, group);
    return bidEnvelope(
        group, auctionId, progress(auctionId).round(), response.planet(), response.volumes());
  }

  /** Submits a bid envelope through the bridge; returns the stored bid. */
  AuctionBid submit(final String envelope) {
    return Json.fromJson(
        ledger.submit(BRIDGE, ctx -> contract.submitBid(ctx, envelope)), AuctionBid.class);
  }

  /** Submits the best response of a group for the open round. */
  AuctionBid bid(final String auctionId, final int group) {
    return submit(bestBidEnvelope(auctionId, group));
  }

  /** Closes the open round through the bridge; returns the closed round. */
  AuctionRound close(final String auctionId) {
    return Json.fromJson(
        ledger.submit(BRIDGE, ctx -> contract.closeRound(ctx, auctionId)), AuctionRound.class);
  }

  /** Runs one round in which every group bids its best response; returns the closed round. */
  AuctionRound runRound(final String auctionId) {
    for (int i = 0; i < GROUPS; i++) {
      bid(auctionId, i);
    }
    return close(auctionId);
  }

  /** Runs rounds until the auction settles; returns its allocation. */
  AuctionAllocation runToSettlement(final String auctionId) {
    while (progress(auctionId).status() == AuctionStatus.OPEN) {
      runRound(auctionId);
    }
    return allocation(auctionId);
  }

  /** Reads the final allocation. */
  AuctionAllocation allocation(final String auctionId) {
    return Json.fromJson(
        ledger.evaluate(BRIDGE, ctx -> contract.getAllocation(ctx, auctionId)),
        AuctionAllocation.class);
  }

  /** The credit account of group {@code group} (index). */
  String groupAccount(final int group) {
    return "device:" + groups.get(group).id();
  }

  /** Mints {@code amount} credits to every group. */
  void fundGroups(final long amount) {
    for (int i = 0; i < GROUPS; i++) {
      broker.fund(groupAccount(i), amount);
    }
  }

  /** Signs group {@code group}'s confirmation of its allocation from {@code planetId}. */
  String confirmationEnvelope(final int group, final String auctionId, final String planetId) {
    return groups
        .get(group)
        .sign(
            MessageType.ALLOCATION_CONFIRMATION,
            new AllocationConfirmationBody(auctionId, planetId));
  }

  /** Signs Planet {@code planet}'s failure report for {@code groupId}'s allocation. */
  String failureEnvelope(final int planet, final String auctionId, final String groupId) {
    return planets
        .get(planet)
        .sign(
            MessageType.ALLOCATION_FAILURE,
            new AllocationFailureBody(auctionId, groupId, "GPU driver crashed"));
  }

  /** Signs group {@code group}'s opt-in to {@code auctionId}. */
  String optInEnvelope(final int group, final String auctionId) {
    return groups.get(group).sign(MessageType.AUCTION_OPT_IN, new AuctionOptInBody(auctionId));
  }

  /** Submits a group's signed opt-in through the bridge; returns the consent. */
  AuctionConsent optIn(final int group, final String auctionId) {
    String envelope = optInEnvelope(group, auctionId);
    return Json.fromJson(
        ledger.submit(BRIDGE, ctx -> contract.optIn(ctx, envelope)), AuctionConsent.class);
  }

  /** Runs one round in which every group in {@code bidders} bids; returns the closed round. */
  AuctionRound runRound(final String auctionId, final List<Integer> bidders) {
    for (int i : bidders) {
      bid(auctionId, i);
    }
    return close(auctionId);
  }

  /** Submits a group's confirmation through the bridge; returns the settlement. */
  AllocationSettlement confirm(final String envelope) {
    return Json.fromJson(
        ledger.submit(BRIDGE, ctx -> contract.confirmAllocation(ctx, envelope)),
        AllocationSettlement.class);
  }

  /** Submits a Planet's failure report through the bridge; returns the settlement. */
  AllocationSettlement refund(final String envelope) {
    return Json.fromJson(
        ledger.submit(BRIDGE, ctx -> contract.refundAllocation(ctx, envelope)),
        AllocationSettlement.class);
  }

  /**
   * What the committed state holds in credits.
   *
   * @param minted the sum of every {@code credit-mint} record
   * @param balances the sum of every balance
   * @param locked the sum of every {@code LOCKED} escrow
   */
  record CreditTotals(long minted, long balances, long locked) {}

  /** Adds up the credits of the committed state. */
  CreditTotals creditTotals() {
    long minted = 0;
    long balances = 0;
    long locked = 0;
    for (Map.Entry<String, String> entry : ledger.state().entrySet()) {
      String type = CompositeKey.parseCompositeKey(entry.getKey()).getObjectType();
      switch (type) {
        case "credit-mint" ->
            minted += Json.parseObject(entry.getValue()).get("amount").getAsLong();
        case "credit-balance" ->
            balances += Json.parseObject(entry.getValue()).get("balance").getAsLong();
        case "escrow" -> {
          JsonObject escrow = Json.parseObject(entry.getValue());
          if (escrow.get("state").getAsString().equals("LOCKED")) {
            locked += escrow.get("amount").getAsLong();
          }
        }
        default -> {}
      }
    }
    return new CreditTotals(minted, balances, locked);
  }

  /** The index of a Planet by its id. */
  int planetIndex(final String planetId) {
    for (int j = 0; j < PLANETS; j++) {
      if (planets.get(j).id().equals(planetId)) {
        return j;
      }
    }
    throw new IllegalArgumentException("no Planet " + planetId);
  }

  /** The index of a group by its id. */
  int groupIndex(final String groupId) {
    for (int i = 0; i < GROUPS; i++) {
      if (groups.get(i).id().equals(groupId)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no group " + groupId);
  }
}
