package io.sfsbroker.view.browser;

import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.AuctionParameters;
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
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small DDRA auction for the browser test, on the real network: two Planets and three user
 * groups, registered by the broker org's admin (whose opening then binds the groups), each group
 * with its own key to sign its best responses.
 */
final class SmallAuction {

  private static final int SLOTS = 3;
  private static final AuctionParameters PARAMETERS = new AuctionParameters(0.9, 1.0, 300, 5);

  private final AuctionInstance instance;
  private final List<KeyPair> groupKeys;

  private SmallAuction(final AuctionInstance instance, final List<KeyPair> groupKeys) {
    this.instance = instance;
    this.groupKeys = List.copyOf(groupKeys);
  }

  /** Registers the Planets and groups (ids unique to {@code run}) through {@code admin}. */
  static SmallAuction register(final ChaincodeClient admin, final String run) {
    List<Planet> planets = new ArrayList<>();
    double[][] capacities = {{6, 8, 4, 5}, {8, 6, 5, 4}};
    for (int j = 0; j < capacities.length; j++) {
      String id = "view-planet-" + j + "-" + run;
      register(admin, id, "PLANET");
      double[] c = capacities[j];
      planets.add(
          new Planet(
              id,
              new ResourceVector(c[0], c[1], c[2], c[3]),
              List.of(new ResourceVector(0.05 + 0.01 * j, 0.08, 0.06, 0.04)),
              new ResourceVector(0.4 + 0.1 * j, 0.3, 0.6, 0.5)));
    }
    List<UserGroup> groups = new ArrayList<>();
    List<KeyPair> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = "view-group-" + i + "-" + run;
      keys.add(register(admin, id, "USER_GROUP"));
      List<Integer> distances = List.of(i % 2 == 0 ? 1 : 3, i % 2 == 0 ? 3 : 1);
      groups.add(
          new UserGroup(
              id,
              List.of(new Member(id + "/u0", distances)),
              Timetable.idle(SLOTS, 1).with(0, 0, 2 + (i % 2)),
              80 + 10 * i,
              List.of(1.0),
              List.of(0.01 + 0.002 * i),
              1 + 0.15 * i,
              null));
    }
    return new SmallAuction(
        new AuctionInstance(planets, groups, List.of(List.of(0, 4), List.of(4, 0)), 0.001), keys);
  }

  /** Opens it as {@code admin}; returns the auction id. */
  String open(final ChaincodeClient admin) {
    Map<String, Object> opening = new LinkedHashMap<>();
    opening.put("period", "view-it");
    opening.put("instance", instance);
    opening.put("parameters", PARAMETERS);
    opening.put("roundSeconds", 120);
    JsonObject opened =
        Json.parseObject(
            admin.submit(TransactionName.AUCTION_OPEN_AUCTION, Json.toJson(opening)).result());
    return opened.getAsJsonObject("auction").get("id").getAsString();
  }

  /**
   * Runs up to {@code most} rounds through {@code bridge}: every group bids its best response, then
   * the round is closed; stops early when the auction settles.
   *
   * @return how many rounds were closed
   */
  int runRounds(final ChaincodeClient bridge, final String auctionId, final int most) {
    int closed = 0;
    while (closed < most && status(bridge, auctionId).equals("OPEN")) {
      int round = closed + 1;
      JsonObject open =
          Json.parseObject(
              bridge.evaluate(
                  TransactionName.AUCTION_GET_ROUND, auctionId, Integer.toString(round)));
      List<ResourceVector> prices =
          Json.gson()
              .fromJson(open.get("prices"), new TypeToken<List<ResourceVector>>() {}.getType());
      List<GroupState> states =
          Json.gson().fromJson(open.get("groups"), new TypeToken<List<GroupState>>() {}.getType());
      for (int g = 0; g < groupKeys.size(); g++) {
        GroupResponse response =
            GroupBidding.bestResponse(instance, g, prices, states.get(g), PARAMETERS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auctionId", auctionId);
        body.put("round", round);
        body.put("planet", response.planet());
        body.put("volumes", response.volumes());
        String envelope =
            new EnvelopeSigner(
                    instance.groups().get(g).id(),
                    (ECPrivateKey) groupKeys.get(g).getPrivate(),
                    Clock.systemUTC())
                .sign(MessageType.AUCTION_BID, body);
        bridge.submit(TransactionName.AUCTION_SUBMIT_BID, envelope);
      }
      bridge.submit(TransactionName.AUCTION_CLOSE_ROUND, auctionId);
      closed++;
    }
    return closed;
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
}
