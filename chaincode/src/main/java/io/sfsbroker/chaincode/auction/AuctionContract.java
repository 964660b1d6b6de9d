package io.sfsbroker.chaincode.auction;

import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.Caller;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.common.Page;
import io.sfsbroker.chaincode.credit.Credits;
import io.sfsbroker.chaincode.deadline.Deadlines;
import io.sfsbroker.chaincode.envelope.EnvelopeVerifier;
import io.sfsbroker.chaincode.envelope.VerifiedEnvelope;
import io.sfsbroker.chaincode.participant.Participants;
import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.AuctionState;
import io.sfsbroker.market.auction.CapacityCheck;
import io.sfsbroker.market.auction.CapacityReport;
import io.sfsbroker.market.auction.DdraAuction;
import io.sfsbroker.market.auction.GroupBidding;
import io.sfsbroker.market.auction.GroupResponse;
import io.sfsbroker.market.auction.Planet;
import io.sfsbroker.market.auction.Round;
import io.sfsbroker.market.auction.UserGroup;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.auction.AllocationConfirmationBody;
import io.sfsbroker.protocol.auction.AllocationFailureBody;
import io.sfsbroker.protocol.auction.AuctionBidBody;
import io.sfsbroker.protocol.auction.AuctionOptInBody;
import io.sfsbroker.protocol.auction.AuctionQuery;
import io.sfsbroker.protocol.auction.AuctionSummary;
import io.sfsbroker.protocol.auction.RoundQuery;
import io.sfsbroker.protocol.credit.Escrow;
import io.sfsbroker.protocol.credit.EscrowState;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.id.Ids;
import io.sfsbroker.protocol.participant.Participant;
import io.sfsbroker.protocol.participant.ParticipantRole;
import io.sfsbroker.protocol.transaction.Contracts;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The DDRA auction of Planets' resources to user groups (paper 003), one round per transaction:
 * groups submit their signed best responses (Theorem 1), {@link #closeRound} reprices the Planets
 * (Theorem 2) from the stored bids through the market library and either opens the next round or
 * records the final allocation after checking every Planet's capacity in every slot. Settling locks
 * each group's payment to each Planet in escrow and mints the group an allocation token per Planet
 * ({@code AuctionPayments}); the group's confirmation pays the Planet, the Planet's failure report
 * refunds the group, and once the escrow's deadline has passed anyone may refund it ({@link
 * #expireAllocation}). An auction binds only the groups that consented: by their own signed opt-in
 * ({@link #optIn}) or by an admin of their organisation ({@link #optInAsAdmin}, or by opening it).
 *
 * <p>Keys: {@code auction~<id>} ({@link Auction}, never changes), {@code auction-progress~<id>}
 * ({@link AuctionProgress}), {@code auction-round~<id>~<round, 10 digits>} ({@link AuctionRound}),
 * {@code auction-consent~<id>~<groupId>} ({@link AuctionConsent}), {@code auction-bid~<id>~<round,
 * 10 digits>~<groupId>} ({@link AuctionBid}, one per group and round), {@code
 * auction-allocation~<id>} ({@link AuctionAllocation}); on settlement, through the credit and NFT
 * registries, {@code escrow~allocation:<id>:<groupId>:<planetId>} and {@code
 * nft~allocation:<id>:<groupId>:<planetId>}.
 */
@Contract(
    name = Contracts.AUCTION,
    info =
        @Info(
            title = "SFSBroker DDRA auction",
            description = "Multi-round auction of Planets' resources to user groups",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class AuctionContract implements ContractInterface {

  /** The object type of consent keys. */
  public static final String CONSENT_KEY_TYPE = "auction-consent";

  /** The object type of auction keys. */
  public static final String KEY_TYPE = "auction";

  /** The object type of progress keys. */
  public static final String PROGRESS_KEY_TYPE = "auction-progress";

  /** The object type of round keys. */
  public static final String ROUND_KEY_TYPE = "auction-round";

  /** The object type of bid keys. */
  public static final String BID_KEY_TYPE = "auction-bid";

  /** The object type of allocation keys. */
  public static final String ALLOCATION_KEY_TYPE = "auction-allocation";

  /** The longest {@code openAuction} argument: an auction describes a whole market. */
  public static final int MAX_OPENING_LENGTH = 1_048_576;

  /**
   * How far a submitted volume may lie from the recomputed best response, relative to {@code max(1,
   * X_i)}: room for a client that formats or computes doubles slightly differently.
   */
  static final double BID_TOLERANCE = 1e-9;

  /**
   * Opens an auction for one period and its round 1 at the start prices (default the Planets'
   * reserve prices). The auction id is {@code a-} and the first 24 hex digits of SHA-256 of the
   * transaction id, the same on every endorsing peer.
   *
   * <p>Naming a group does not bind it. A group takes part only with its consent ({@link
   * AuctionConsent}): its own signed opt-in ({@link #optIn}) or an admin of its organisation
   * ({@link #optInAsAdmin}). The groups registered by the opener's own organisation consent by the
   * opening itself, as their admin opened it (nothing is written for them: {@code openedBy} says
   * it). A group without consent bids nothing, keeps no standing bid, and pays nothing at
   * settlement, whatever start allocation the opening gave it.
   *
   * <p>Who may call: an organisation admin (a certificate with {@code OU=admin}). Reads {@code
   * participant~<id>} of every Planet and group named; writes {@code auction~<id>}, {@code
   * auction-progress~<id>} and {@code auction-round~<id>~0000000001}; emits {@link
   * EventName#AUCTION_OPENED}.
   *
   * @param openingJson an {@link AuctionOpening}: {@code {"period","instance":{"planets":[Planet],
   *     "groups":[UserGroup],"planetDistances":[[int]],"migrationCost"},"type"?,"startPrices"?,
   *     "startAllocation"?,"parameters":{"gamma","epsilon","maxRounds","maxPlanetChanges"},
   *     "roundSeconds"?,"paymentScale"?,"confirmationSeconds"?}}, the records of the market
   *     library; Planet ids are registered {@code PLANET} participants, group ids registered {@code
   *     USER_GROUP} participants
   * @return the {@link AuctionView} (auction and progress) as JSON
   * @throws ChaincodeException {@code FORBIDDEN} when the caller is not an admin; {@code MALFORMED}
   *     when the argument is not strict JSON or longer than 1 MiB; {@code INVALID_ARGUMENT} when a
   *     value is out of range or inconsistent, the type does not fit the groups, or a Planet or
   *     group is not a registered, active participant of that role; {@code CONFLICT} when the
   *     derived id is taken
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String openAuction(final Context ctx, final String openingJson) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin("open auctions");
    AuctionOpening opening =
        Arguments.json("opening", openingJson, AuctionOpening.class, MAX_OPENING_LENGTH);
    Ledger ledger = Ledger.of(ctx);
    for (Planet planet : opening.instance().planets()) {
      requireParticipant(ledger, planet.id(), ParticipantRole.PLANET);
    }
    for (UserGroup group : opening.instance().groups()) {
      requireParticipant(ledger, group.id(), ParticipantRole.USER_GROUP);
    }
    String id = Ids.auction(ledger.txId());
    if (ledger.exists(key(ledger, id))) {
      throw ErrorCode.CONFLICT.reject("auction " + id + " exists already");
    }
    Instant now = ledger.txTime();
    Auction auction =
        new Auction(
            id,
            opening.period(),
            opening.type(),
            opening.instance(),
            opening.parameters(),
            opening.roundSeconds(),
            opening.paymentScale(),
            opening.confirmationSeconds(),
            opening.startPrices(),
            opening.startAllocation(),
            now,
            caller.mspId(),
            ledger.txId());
    AuctionProgress progress = new AuctionProgress(id, AuctionStatus.OPEN, 1, now);
    AuctionRound first =
        AuctionRound.open(
            id, 1, auction.startState(), now, now.plusSeconds(auction.roundSeconds()));

    ledger.put(key(ledger, id), auction);
    ledger.put(progressKey(ledger, id), progress);
    ledger.put(roundKey(ledger, id, 1), first);
    scheduleRound(ledger, first);
    ledger.emit(
        EventName.AUCTION_OPENED,
        new AuctionOpened(
            id,
            auction.period(),
            auction.type(),
            auction.planetIds(),
            auction.groupIds(),
            1,
            first.deadline()));
    return Json.toJson(new AuctionView(auction, progress));
  }

  /**
   * Accepts a group's bid for the open round of an auction. The bid must be the group's best
   * response to the round's prices (Theorem 1 with the damped step (16)), which the contract
   * recomputes with the market library from the stored round state: the chosen Planet must match
   * exactly and every volume within {@value #BID_TOLERANCE}·max(1, {@code X_i}). The recomputed
   * response (with its payments) is what is stored, so every peer stores the same bits. A group
   * bids at most once per round. A bid is in time up to and including the round's deadline.
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be an {@code
   * auction-bid} signed by an active {@code USER_GROUP} that takes part in the auction. Reads the
   * signer, the envelope settings and nonce, {@code auction~<id>}, {@code auction-progress~<id>},
   * {@code auction-round~<id>~<round>} and {@code auction-bid~<id>~<round>~<groupId>}; writes only
   * {@code envelope-nonce~<signer>~<nonce>} and {@code auction-bid~<id>~<round>~<groupId>} (no key
   * another group's bid writes). Emits no event.
   *
   * @param envelope an {@code auction-bid} envelope whose body is an {@link AuctionBidBody}, for
   *     example {@code {"auctionId":"a-…","round":3,"planet":1,"volumes":[0.0,41.5,0.0]}}
   * @return the stored {@link AuctionBid} as JSON
   * @throws ChaincodeException {@code MALFORMED}, {@code BAD_SIGNATURE}, {@code EXPIRED}, {@code
   *     REPLAY} from the envelope checks; {@code FORBIDDEN} when the signer is unknown, revoked,
   *     not a {@code USER_GROUP}, or not a group of this auction; {@code INVALID_ARGUMENT} when the
   *     envelope is not an auction bid, a value is negative, not finite or above {@code X_i}, the
   *     volumes do not cover every Planet, or the bid is not the group's best response; {@code
   *     NOT_FOUND} when the auction does not exist; {@code INVALID_STATE} when the auction is
   *     settled, the group has not opted in, or the bid is for another round than the open one (a
   *     closed or a future round); {@code LATE_OFFER} when the open round's deadline has passed (it
   *     still awaits {@code closeRound}); {@code CONFLICT} when the group already bid in this round
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String submitBid(final Context ctx, final String envelope) {
    VerifiedEnvelope verified =
        EnvelopeVerifier.verify(
            ctx, envelope, MessageType.AUCTION_BID, EnumSet.of(ParticipantRole.USER_GROUP));
    AuctionBidBody body = verified.bodyAs(AuctionBidBody.class);
    Ledger ledger = Ledger.of(ctx);
    Auction auction = requireAuction(ledger, body.auctionId());
    String groupId = verified.signer().id();
    OptionalInt index = auction.groupIndex(groupId);
    if (index.isEmpty()) {
      throw ErrorCode.FORBIDDEN.reject(
          "group " + groupId + " does not take part in auction " + auction.id());
    }
    int group = index.getAsInt();
    AuctionProgress progress = requireProgress(ledger, auction.id());
    if (progress.status() == AuctionStatus.SETTLED) {
      throw ErrorCode.INVALID_STATE.reject(
          "auction " + auction.id() + " was settled after round " + progress.round());
    }
    if (body.round() != progress.round()) {
      throw ErrorCode.INVALID_STATE.reject(
          "round "
              + body.round()
              + " of auction "
              + auction.id()
              + (body.round() < progress.round() ? " is closed" : " is not open yet")
              + "; round "
              + progress.round()
              + " is open");
    }
    if (consent(ledger, auction, groupId).isEmpty()) {
      throw ErrorCode.INVALID_STATE.reject(
          "group "
              + groupId
              + " has not opted in to auction "
              + auction.id()
              + "; send an auction-opt-in first (auction:optIn)");
    }
    AuctionRound round = requireRound(ledger, auction.id(), body.round());
    Instant now = ledger.txTime();
    if (now.isAfter(round.deadline())) {
      throw ErrorCode.LATE_OFFER.reject(
          "round "
              + round.round()
              + " of auction "
              + auction.id()
              + " took bids until "
              + round.deadline()
              + "; the transaction time is "
              + now);
    }
    String bidKey = bidKey(ledger, auction.id(), round.round(), groupId);
    if (ledger.exists(bidKey)) {
      throw ErrorCode.CONFLICT.reject(
          "group " + groupId + " already bid in round " + round.round() + " of " + auction.id());
    }
    GroupResponse response = requireBestResponse(auction, group, round, body);
    AuctionBid bid =
        new AuctionBid(
            auction.id(),
            round.round(),
            groupId,
            response,
            now,
            verified.message().nonce(),
            ledger.txId());

    EnvelopeVerifier.consume(ctx, verified);
    ledger.put(bidKey, bid);
    return Json.toJson(bid);
  }

  /**
   * Closes the open round of an auction: reprices every Planet by Theorem 2 from the round's stored
   * bids, computes the volumes each bid buys (eq. 17) and the distance {@code ‖x̂ − x*‖}, all with
   * the market library. A group that did not bid keeps its previous allocation as a standing bid
   * (see {@link GroupBidding#standing}); the round itself is the market library's {@link
   * DdraAuction#close}. If the distance is at most {@code ε} or the round was the last allowed, the
   * allocation is final: it is cleared ({@link DdraAuction#clear}: the same round body on standing
   * bids until no bid is rationed), must satisfy every Planet's capacity in every slot, and is
   * recorded with the cleared prices ({@link EventName#AUCTION_SETTLED}); otherwise the next round
   * opens at the new prices ({@link EventName#ROUND_CLOSED}). Allowed after the round's deadline,
   * or earlier once every group with data ({@code X_i > 0}) has bid.
   *
   * <p>Settling also pays: each group with volume owes each of its Planets {@code Σ_{s,r}
   * p̂_{j,r}·c^j_{s,r}·r_{i,s}·x̂_{i,j}}, times the auction's payment scale, rounded half up to
   * credit minor units; a volume that costs less than one minor unit is dust, neither paid nor
   * tokenised. A group whose balance covers all it owes has one escrow per Planet locked, payable
   * to {@code device:<planet>}, and one {@code ALLOCATION} token per Planet minted to {@code
   * device:<group>}; a group whose balance does not is listed in the allocation's {@code unfunded}
   * and nothing is locked from it or minted to it. A group's lack of credits never rejects the
   * settlement. The payments, with their token and escrow ids, are part of the allocation and so of
   * the {@link EventName#AUCTION_SETTLED} payload.
   *
   * <p>Each escrow carries a deadline, the settling time plus the auction's {@code
   * confirmationSeconds}: after it, {@link #expireAllocation} refunds an escrow still locked.
   *
   * <p>Who may call: any member of the channel. Reads {@code auction~<id>}, {@code
   * auction-progress~<id>}, {@code auction-round~<id>~<round>}, {@code auction-consent~<id>~*} and
   * {@code auction-bid~<id>~<round>~*}, and on settlement {@code credit-balance~device:<group>} of
   * every group with volume; writes {@code auction-round~<id>~<round>} (closed, with its outcome),
   * {@code auction-progress~<id>}, and either {@code auction-round~<id>~<round + 1>} or {@code
   * auction-allocation~<id>} with, for every group that can pay, its balance, {@code
   * escrow~allocation:<id>:<group>:<planet>} and the token {@code nft~allocation:…} with its {@code
   * nft-owner~…} entry per Planet.
   *
   * @param auctionId the auction
   * @return the closed {@link AuctionRound} as JSON ({@code last} tells whether it settled the
   *     auction)
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such auction; {@code INVALID_STATE} when it is settled, when the round's
   *     deadline has not passed and some group with data has not bid, or when the allocation would
   *     exceed a capacity (nothing is written then); {@code INTERNAL} when a stored bid does not
   *     fit the auction, or the final allocation cannot be priced
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String closeRound(final Context ctx, final String auctionId) {
    Ledger ledger = Ledger.of(ctx);
    Auction auction = requireAuction(ledger, auctionId);
    AuctionProgress progress = requireProgress(ledger, auction.id());
    if (progress.status() == AuctionStatus.SETTLED) {
      throw ErrorCode.INVALID_STATE.reject(
          "auction " + auction.id() + " was settled after round " + progress.round());
    }
    AuctionRound round = requireRound(ledger, auction.id(), progress.round());
    Set<Integer> bound = boundGroups(ledger, auction);
    SortedMap<Integer, GroupResponse> submitted = new TreeMap<>();
    List<String> bidders = new ArrayList<>();
    for (AuctionBid bid : bids(ledger, auction.id(), round.round())) {
      if (Participants.isRevoked(ledger, bid.groupId())) {
        // A group revoked since it bid is no longer bound; its bid does not count.
        continue;
      }
      OptionalInt group = auction.groupIndex(bid.groupId());
      if (group.isEmpty()
          || bid.response().group() != group.getAsInt()
          || !bound.contains(group.getAsInt())) {
        throw ErrorCode.INTERNAL.reject(
            "the stored bid of " + bid.groupId() + " does not fit auction " + auction.id());
      }
      submitted.put(group.getAsInt(), bid.response());
      bidders.add(bid.groupId());
    }
    Instant now = ledger.txTime();
    if (!now.isAfter(round.deadline())) {
      requireEveryActiveGroupBid(auction, round, bound, submitted);
    }
    AuctionInstance instance = auction.instance();
    Round outcome;
    CapacityReport capacity;
    try {
      outcome = DdraAuction.close(instance, round.state(), submitted, bound);
      capacity = CapacityCheck.requireWithinCapacity(instance, outcome.actual());
    } catch (IllegalStateException e) {
      throw ErrorCode.INVALID_STATE.reject(
          "round " + round.round() + " of auction " + auction.id() + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw ErrorCode.INTERNAL.reject(
          "round " + round.round() + " of auction " + auction.id() + ": " + e.getMessage(), e);
    }
    boolean converged =
        DdraAuction.hasConverged(outcome.distance(), auction.parameters().epsilon());
    boolean last = converged || round.round() >= auction.parameters().maxRounds();
    AuctionRound closed = round.closed(outcome, List.copyOf(new TreeSet<>(bidders)), now, last);

    ledger.put(roundKey(ledger, auction.id(), round.round()), closed);
    if (last) {
      // The settled allocation is the cleared one: the same round body run on standing bids until
      // no bid is rationed, so every group gets what it last bid for at the prices it bid at.
      Round cleared;
      try {
        cleared = DdraAuction.clear(instance, outcome);
        capacity = CapacityCheck.requireWithinCapacity(instance, cleared.actual());
      } catch (IllegalStateException e) {
        throw ErrorCode.INVALID_STATE.reject(
            "clearing auction " + auction.id() + ": " + e.getMessage(), e);
      }
      AuctionPayments.Settlement settlement =
          AuctionPayments.settle(ledger, auction, bound, cleared.newPrices(), cleared.actual());
      AuctionAllocation allocation =
          new AuctionAllocation(
              auction.id(),
              round.round(),
              converged,
              outcome.distance(),
              auction.planetIds(),
              auction.groupIds(),
              cleared.newPrices(),
              cleared.actual(),
              capacity.maxRatio(),
              auction.paymentScale(),
              settlement.payments(),
              settlement.unfunded(),
              now,
              ledger.txId());
      ledger.put(
          progressKey(ledger, auction.id()),
          new AuctionProgress(auction.id(), AuctionStatus.SETTLED, round.round(), now));
      ledger.put(allocationKey(ledger, auction.id()), allocation);
      Deadlines.clear(ledger, roundSubject(auction.id()));
      ledger.emit(EventName.AUCTION_SETTLED, allocation);
    } else {
      int next = round.round() + 1;
      AuctionState nextState = outcome.next();
      AuctionRound opened =
          AuctionRound.open(
              auction.id(), next, nextState, now, now.plusSeconds(auction.roundSeconds()));
      ledger.put(
          progressKey(ledger, auction.id()),
          new AuctionProgress(auction.id(), AuctionStatus.OPEN, next, now));
      ledger.put(roundKey(ledger, auction.id(), next), opened);
      scheduleRound(ledger, opened);
      ledger.emit(
          EventName.ROUND_CLOSED,
          new RoundClosed(
              auction.id(),
              round.round(),
              bidders.size(),
              outcome.distance(),
              next,
              nextState.prices(),
              opened.deadline()));
    }
    return Json.toJson(closed);
  }

  /**
   * Returns an auction as opened and where it stands.
   *
   * <p>Who may call: any member of the channel. Reads {@code auction~<id>} and {@code
   * auction-progress~<id>}; writes nothing.
   *
   * @param auctionId the auction
   * @return the {@link AuctionView} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such auction
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getAuction(final Context ctx, final String auctionId) {
    Ledger ledger = Ledger.of(ctx);
    Auction auction = requireAuction(ledger, auctionId);
    return Json.toJson(new AuctionView(auction, requireProgress(ledger, auction.id())));
  }

  /**
   * Returns one round of an auction: its start state, and its outcome once closed.
   *
   * <p>Who may call: any member of the channel. Reads {@code auction-round~<id>~<round>}; writes
   * nothing.
   *
   * @param auctionId the auction
   * @param round the round number, a decimal from 1
   * @return the {@link AuctionRound} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id or the round number is
   *     malformed; {@code NOT_FOUND} when there is no such auction or round
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getRound(final Context ctx, final String auctionId, final String round) {
    requireId(auctionId);
    int number;
    try {
      number = Integer.parseInt(round == null ? "" : round.trim());
    } catch (NumberFormatException e) {
      throw ErrorCode.INVALID_ARGUMENT.reject("round must be a whole number, was '" + round + "'");
    }
    if (number < 1) {
      throw ErrorCode.INVALID_ARGUMENT.reject("rounds count from 1, was " + number);
    }
    return Json.toJson(requireRound(Ledger.of(ctx), auctionId, number));
  }

  /**
   * Returns the final allocation of a settled auction.
   *
   * <p>Who may call: any member of the channel. Reads {@code auction-allocation~<id>}; writes
   * nothing.
   *
   * @param auctionId the auction
   * @return the {@link AuctionAllocation} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when the auction does not exist or is not settled yet
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getAllocation(final Context ctx, final String auctionId) {
    requireId(auctionId);
    Ledger ledger = Ledger.of(ctx);
    return Json.toJson(
        ledger
            .get(allocationKey(ledger, auctionId), AuctionAllocation.class)
            .orElseThrow(
                () ->
                    ErrorCode.NOT_FOUND.reject(
                        "auction "
                            + auctionId
                            + " has no final allocation (yet); see auction:getAuction")));
  }

  /**
   * Lists the auctions in id order, one page at a time, each as a summary: period, type, Planets,
   * how many groups, status and round. What an operator looks through; {@link #getAuction} returns
   * one whole.
   *
   * <p>Who may call: any member of the channel; evaluate only (Fabric refuses paginated reads in a
   * submitted transaction). Reads {@code auction~*} and the {@code auction-progress~<id>} of each
   * auction listed; writes nothing.
   *
   * @param queryJson an {@link AuctionQuery}, for example {@code {"pageSize":20,"bookmark":""}};
   *     {@code {}} for the first page of {@value AuctionQuery#DEFAULT_PAGE_SIZE}
   * @return a {@link Page} of {@link AuctionSummary}s as JSON: {@code
   *     {"items":[…],"bookmark":"…"}}, whose bookmark is empty on the last page
   * @throws ChaincodeException {@code MALFORMED} when the argument is not a JSON object; {@code
   *     INVALID_ARGUMENT} when the page size is not 1 to {@value AuctionQuery#MAX_PAGE_SIZE} or the
   *     bookmark does not belong to the query
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listAuctions(final Context ctx, final String queryJson) {
    AuctionQuery query = Arguments.json("query", queryJson, AuctionQuery.class);
    Ledger ledger = Ledger.of(ctx);
    Page<AuctionSummary> page =
        ledger.page(
            KEY_TYPE,
            List.of(),
            pageSize(query.pageSizeOrDefault(), AuctionQuery.MAX_PAGE_SIZE),
            query.bookmark(),
            entry -> summary(ledger.decode(entry, Auction.class), ledger));
    return Json.toJson(page);
  }

  /**
   * Lists the rounds of one auction from round 1 on, one page at a time: each round's start prices
   * and group states, and once closed its bidders, new prices, volumes and price change (the
   * convergence of the auction, round by round).
   *
   * <p>Who may call: any member of the channel; evaluate only. Reads {@code auction~<id>} and
   * {@code auction-round~<id>~*}; writes nothing.
   *
   * @param queryJson a {@link RoundQuery}, for example {@code {"auctionId":"a-…","pageSize":50}}
   * @return a {@link Page} of {@link AuctionRound}s as JSON, in round order: {@code
   *     {"items":[…],"bookmark":"…"}}, whose bookmark is empty on the last page
   * @throws ChaincodeException {@code MALFORMED} when the argument is not a JSON object; {@code
   *     INVALID_ARGUMENT} when the auction id is malformed, the page size is not 1 to {@value
   *     RoundQuery#MAX_PAGE_SIZE} or the bookmark does not belong to the query; {@code NOT_FOUND}
   *     when there is no such auction
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listRounds(final Context ctx, final String queryJson) {
    RoundQuery query = Arguments.json("query", queryJson, RoundQuery.class);
    String auctionId = requireId(query.auctionId());
    Ledger ledger = Ledger.of(ctx);
    if (!ledger.exists(key(ledger, auctionId))) {
      throw ErrorCode.NOT_FOUND.reject("auction " + auctionId + " does not exist");
    }
    Page<AuctionRound> page =
        ledger.page(
            ROUND_KEY_TYPE,
            List.of(auctionId),
            pageSize(query.pageSizeOrDefault(), RoundQuery.MAX_PAGE_SIZE),
            query.bookmark(),
            entry -> ledger.decode(entry, AuctionRound.class));
    return Json.toJson(page);
  }

  /**
   * Confirms, signed by a group, that a Planet provides the resources the group won in a settled
   * auction: the escrow of that allocation is released to the Planet. The group keeps its
   * allocation token. Each escrow is released or refunded once, whichever comes first.
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be an {@code
   * allocation-confirmation} signed by an active {@code USER_GROUP} of the auction. Reads the
   * signer, the envelope settings and nonce, {@code auction~<id>}, {@code auction-allocation~<id>}
   * and {@code escrow~allocation:<id>:<group>:<planet>}; writes {@code envelope-nonce~…}, the
   * escrow and {@code credit-balance~device:<planet>}; emits {@link
   * EventName#ALLOCATION_CONFIRMED}.
   *
   * @param envelope an {@code allocation-confirmation} envelope whose body is an {@link
   *     AllocationConfirmationBody}: {@code {"auctionId":"a-…","planetId":"planet-1"}}
   * @return the {@link AllocationSettlement} as JSON, its escrow {@code RELEASED}
   * @throws ChaincodeException the envelope codes ({@code MALFORMED}, {@code BAD_SIGNATURE}, {@code
   *     EXPIRED}, {@code REPLAY}; {@code FORBIDDEN} for an unknown, revoked or non-{@code
   *     USER_GROUP} signer); {@code INVALID_ARGUMENT} when the body or the auction id is malformed;
   *     {@code NOT_FOUND} when there is no such auction, or the group holds no paid allocation from
   *     that Planet (it won no volume there, or could not pay at settlement); {@code FORBIDDEN}
   *     when the signer is not a group of the auction; {@code INVALID_STATE} when the auction is
   *     not settled yet, or the payment was already released or refunded
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String confirmAllocation(final Context ctx, final String envelope) {
    VerifiedEnvelope verified =
        EnvelopeVerifier.verify(
            ctx,
            envelope,
            MessageType.ALLOCATION_CONFIRMATION,
            EnumSet.of(ParticipantRole.USER_GROUP));
    AllocationConfirmationBody body = verified.bodyAs(AllocationConfirmationBody.class);
    Ledger ledger = Ledger.of(ctx);
    Auction auction = requireAuction(ledger, body.auctionId());
    String groupId = verified.signer().id();
    requireTakesPart(auction, auction.groupIds(), "group", groupId);
    AllocationPayment payment = requirePayment(ledger, auction, groupId, body.planetId());
    return settle(
        ctx,
        auction,
        payment,
        verified,
        Outcome.RELEASE,
        "group " + groupId + " confirmed the resources of " + body.planetId());
  }

  /**
   * Confirms a group's allocation from a Planet on the group's behalf, as {@link
   * #confirmAllocation} does: the escrow is released to the Planet.
   *
   * <p>Who may call: an admin (certificate with {@code OU=admin}) of the organisation that
   * registered the group, the party whose credits are paid out. Reads {@code auction~<id>}, {@code
   * auction-allocation~<id>}, {@code participant~<groupId>} and the escrow; writes the escrow and
   * {@code credit-balance~device:<planet>}; emits {@link EventName#ALLOCATION_CONFIRMED}.
   *
   * @param auctionId the settled auction
   * @param groupId the group that paid
   * @param planetId the Planet to pay
   * @return the {@link AllocationSettlement} as JSON, its escrow {@code RELEASED}
   * @throws ChaincodeException {@code FORBIDDEN} when the caller is not an admin of the group's
   *     organisation; {@code INVALID_ARGUMENT} when the auction id is malformed; {@code NOT_FOUND}
   *     when there is no such auction or paid allocation; {@code INVALID_STATE} when the auction is
   *     not settled yet, or the payment was already released or refunded
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String confirmAllocationAsAdmin(
      final Context ctx, final String auctionId, final String groupId, final String planetId) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin("confirm allocations");
    Ledger ledger = Ledger.of(ctx);
    Auction auction = requireAuction(ledger, auctionId);
    AllocationPayment payment = requirePayment(ledger, auction, groupId, planetId);
    caller.requireAdminOf(
        Participants.require(ledger, groupId).org(), "confirm the allocations of the groups");
    return settle(
        ctx,
        auction,
        payment,
        null,
        Outcome.RELEASE,
        "an admin of " + caller.mspId() + " confirmed for group " + groupId);
  }

  /**
   * Records a Planet's signed report that it cannot provide a group the resources the group won:
   * the escrow of that allocation is refunded to the group and its allocation token burned (whoever
   * holds it by then). Each escrow is released or refunded once, whichever comes first.
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be an {@code
   * allocation-failure} signed by an active {@code PLANET} of the auction. Reads the signer, the
   * envelope settings and nonce, {@code auction~<id>}, {@code auction-allocation~<id>}, the escrow
   * and the token; writes {@code envelope-nonce~…}, the escrow and {@code
   * credit-balance~device:<group>}, and deletes {@code nft~allocation:…} and its owner entry; emits
   * {@link EventName#ALLOCATION_REFUNDED}.
   *
   * @param envelope an {@code allocation-failure} envelope whose body is an {@link
   *     AllocationFailureBody}: {@code {"auctionId":"a-…","groupId":"group-3","reason":"GPU down"}}
   * @return the {@link AllocationSettlement} as JSON, its escrow {@code REFUNDED}
   * @throws ChaincodeException the envelope codes ({@code MALFORMED}, {@code BAD_SIGNATURE}, {@code
   *     EXPIRED}, {@code REPLAY}; {@code FORBIDDEN} for an unknown, revoked or non-{@code PLANET}
   *     signer); {@code INVALID_ARGUMENT} when the body or the auction id is malformed; {@code
   *     NOT_FOUND} when there is no such auction, or the group holds no paid allocation from the
   *     signing Planet; {@code FORBIDDEN} when the signer is not a Planet of the auction; {@code
   *     INVALID_STATE} when the auction is not settled yet, or the payment was already released or
   *     refunded
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String refundAllocation(final Context ctx, final String envelope) {
    VerifiedEnvelope verified =
        EnvelopeVerifier.verify(
            ctx, envelope, MessageType.ALLOCATION_FAILURE, EnumSet.of(ParticipantRole.PLANET));
    AllocationFailureBody body = verified.bodyAs(AllocationFailureBody.class);
    Ledger ledger = Ledger.of(ctx);
    Auction auction = requireAuction(ledger, body.auctionId());
    String planetId = verified.signer().id();
    requireTakesPart(auction, auction.planetIds(), "Planet", planetId);
    AllocationPayment payment = requirePayment(ledger, auction, body.groupId(), planetId);
    return settle(
        ctx,
        auction,
        payment,
        verified,
        Outcome.REFUND,
        "Planet " + planetId + " reported a failure: " + body.reason());
  }

  /**
   * Refunds a group's allocation from a Planet on the Planet's behalf, as {@link #refundAllocation}
   * does: the escrow returns to the group and the token is burned.
   *
   * <p>Who may call: an admin (certificate with {@code OU=admin}) of the organisation that
   * registered the Planet, the party that gives up the payment. Reads {@code auction~<id>}, {@code
   * auction-allocation~<id>}, {@code participant~<planetId>}, the escrow and the token; writes the
   * escrow and {@code credit-balance~device:<group>}, and deletes the token; emits {@link
   * EventName#ALLOCATION_REFUNDED}.
   *
   * @param auctionId the settled auction
   * @param groupId the group to refund
   * @param planetId the Planet that was to be paid
   * @return the {@link AllocationSettlement} as JSON, its escrow {@code REFUNDED}
   * @throws ChaincodeException {@code FORBIDDEN} when the caller is not an admin of the Planet's
   *     organisation; {@code INVALID_ARGUMENT} when the auction id is malformed; {@code NOT_FOUND}
   *     when there is no such auction or paid allocation; {@code INVALID_STATE} when the auction is
   *     not settled yet, or the payment was already released or refunded
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String refundAllocationAsAdmin(
      final Context ctx, final String auctionId, final String groupId, final String planetId) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin("refund allocations");
    Ledger ledger = Ledger.of(ctx);
    Auction auction = requireAuction(ledger, auctionId);
    AllocationPayment payment = requirePayment(ledger, auction, groupId, planetId);
    caller.requireAdminOf(
        Participants.require(ledger, planetId).org(), "refund the allocations of the Planets");
    return settle(
        ctx,
        auction,
        payment,
        null,
        Outcome.REFUND,
        "refunded by an admin of " + caller.mspId() + " for " + planetId);
  }

  /**
   * Records a group's own consent to take part in an auction, on the terms it was opened with (the
   * stored {@code auction~<id>}, which never changes). From the next round close on, the group is
   * bound: it may bid, keeps a standing bid in a round it is silent in, and pays for what it wins.
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be an {@code
   * auction-opt-in} signed by an active {@code USER_GROUP} named by the auction. Reads the signer,
   * the envelope settings and nonce, {@code auction~<id>}, {@code auction-progress~<id>} and {@code
   * auction-consent~<id>~<groupId>}; writes {@code envelope-nonce~…} and {@code
   * auction-consent~<id>~<groupId>}; emits {@link EventName#AUCTION_OPTED_IN}.
   *
   * @param envelope an {@code auction-opt-in} envelope whose body is an {@link AuctionOptInBody}:
   *     {@code {"auctionId":"a-…"}}
   * @return the {@link AuctionConsent} as JSON
   * @throws ChaincodeException the envelope codes ({@code MALFORMED}, {@code BAD_SIGNATURE}, {@code
   *     EXPIRED}, {@code REPLAY}; {@code FORBIDDEN} for an unknown, revoked or non-{@code
   *     USER_GROUP} signer); {@code INVALID_ARGUMENT} when the body or the id is malformed; {@code
   *     NOT_FOUND} when there is no such auction; {@code FORBIDDEN} when the auction does not name
   *     the group; {@code INVALID_STATE} when the auction is settled; {@code CONFLICT} when the
   *     group has opted in already
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String optIn(final Context ctx, final String envelope) {
    VerifiedEnvelope verified =
        EnvelopeVerifier.verify(
            ctx, envelope, MessageType.AUCTION_OPT_IN, EnumSet.of(ParticipantRole.USER_GROUP));
    AuctionOptInBody body = verified.bodyAs(AuctionOptInBody.class);
    Ledger ledger = Ledger.of(ctx);
    Auction auction = requireAuction(ledger, body.auctionId());
    String groupId = verified.signer().id();
    AuctionConsent consent = requireConsentable(ledger, auction, groupId, AuctionConsent.BY_GROUP);
    EnvelopeVerifier.consume(ctx, verified);
    return recordConsent(ledger, consent);
  }

  /**
   * Records a group's consent to take part in an auction, given by an admin of the organisation
   * that registered the group; otherwise as {@link #optIn}.
   *
   * <p>Who may call: an admin (certificate with {@code OU=admin}) of the group's organisation.
   * Reads {@code participant~<groupId>}, {@code auction~<id>}, {@code auction-progress~<id>} and
   * {@code auction-consent~<id>~<groupId>}; writes {@code auction-consent~<id>~<groupId>}; emits
   * {@link EventName#AUCTION_OPTED_IN}.
   *
   * @param auctionId the auction
   * @param groupId the group that takes part
   * @return the {@link AuctionConsent} as JSON
   * @throws ChaincodeException {@code FORBIDDEN} when the caller is not an admin, or an admin of
   *     another organisation than the group's, or the auction does not name the group; {@code
   *     INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND} when there is no such auction
   *     or group; {@code INVALID_STATE} when the auction is settled; {@code CONFLICT} when the
   *     group has opted in already
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String optInAsAdmin(final Context ctx, final String auctionId, final String groupId) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin("opt groups in to auctions");
    Ledger ledger = Ledger.of(ctx);
    Auction auction = requireAuction(ledger, auctionId);
    requireTakesPart(auction, auction.groupIds(), "group", groupId);
    caller.requireAdminOf(Participants.require(ledger, groupId).org(), "opt in the groups");
    AuctionConsent consent =
        requireConsentable(ledger, auction, groupId, AuctionConsent.byAdminOf(caller.mspId()));
    return recordConsent(ledger, consent);
  }

  /**
   * Returns the consents recorded for an auction: the groups it binds.
   *
   * <p>Who may call: any member of the channel. Reads {@code auction~<id>}, {@code
   * auction-consent~<id>~*} and {@code participant~<groupId>} of the groups without a recorded
   * consent (a group of the opener's organisation consents by the opening); writes nothing.
   *
   * @param auctionId the auction
   * @return a JSON array of {@link AuctionConsent}, in group id order
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such auction
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getConsents(final Context ctx, final String auctionId) {
    Ledger ledger = Ledger.of(ctx);
    Auction auction = requireAuction(ledger, auctionId);
    return Json.toJson(consents(ledger, auction));
  }

  /**
   * Settles an allocation escrow whose deadline has passed and that neither the group's
   * confirmation nor the Planet's failure report ended: the escrow is refunded to the group and the
   * allocation token burned. The rule is the one of a slice whose tenant never confirms service: a
   * payment moves to the payee only by the payer's word (the group's confirmation, or its org's
   * admin); silence until the deadline returns it. Each escrow ends exactly once: a second call, or
   * one after a confirmation or a refund, is {@code INVALID_STATE} and writes nothing.
   *
   * <p>Who may call: any member of the channel (an off-chain keeper, the group, the Planet). Reads
   * {@code auction~<id>}, {@code auction-allocation~<id>}, the escrow and the token; writes the
   * escrow and {@code credit-balance~device:<group>}, deletes the token and its owner entry; emits
   * {@link EventName#ALLOCATION_EXPIRED}.
   *
   * @param auctionId the settled auction
   * @param groupId the group that paid
   * @param planetId the Planet that was to be paid
   * @return the {@link AllocationSettlement} as JSON, its escrow {@code REFUNDED}
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the auction id is malformed; {@code
   *     NOT_FOUND} when there is no such auction or paid allocation; {@code INVALID_STATE} when the
   *     auction is not settled, the deadline has not passed, or the escrow was already released or
   *     refunded
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String expireAllocation(
      final Context ctx, final String auctionId, final String groupId, final String planetId) {
    Ledger ledger = Ledger.of(ctx);
    Auction auction = requireAuction(ledger, auctionId);
    AllocationPayment payment = requirePayment(ledger, auction, groupId, planetId);
    Escrow escrow = requireLocked(ledger, payment);
    Instant now = ledger.txTime();
    if (!escrow.isPastDeadline(now)) {
      throw ErrorCode.INVALID_STATE.reject(
          "the payment of allocation "
              + payment.escrowId()
              + " waits for confirmation until "
              + escrow.deadline()
              + "; the transaction time is "
              + now);
    }
    return settle(
        ctx,
        auction,
        payment,
        null,
        Outcome.EXPIRE,
        "nobody confirmed or refunded it by its deadline " + escrow.deadline());
  }

  /**
   * Requires that {@code groupId} may consent to {@code auction} now and returns the consent.
   *
   * @throws ChaincodeException {@code FORBIDDEN} when the auction does not name the group; {@code
   *     INVALID_STATE} when it is settled; {@code CONFLICT} when the group consented already
   */
  private static AuctionConsent requireConsentable(
      final Ledger ledger, final Auction auction, final String groupId, final String by) {
    requireTakesPart(auction, auction.groupIds(), "group", groupId);
    AuctionProgress progress = requireProgress(ledger, auction.id());
    if (progress.status() == AuctionStatus.SETTLED) {
      throw ErrorCode.INVALID_STATE.reject(
          "auction " + auction.id() + " was settled after round " + progress.round());
    }
    Optional<AuctionConsent> earlier = consent(ledger, auction, groupId);
    if (earlier.isPresent()) {
      throw ErrorCode.CONFLICT.reject(
          "group "
              + groupId
              + " opted in to auction "
              + auction.id()
              + " already ("
              + earlier.get().by()
              + ", transaction "
              + earlier.get().txId()
              + ")");
    }
    return new AuctionConsent(auction.id(), groupId, by, ledger.txTime(), ledger.txId());
  }

  private static String recordConsent(final Ledger ledger, final AuctionConsent consent) {
    ledger.put(consentKey(ledger, consent.auctionId(), consent.groupId()), consent);
    ledger.emit(EventName.AUCTION_OPTED_IN, consent);
    return Json.toJson(consent);
  }

  /**
   * Returns a group's consent: the recorded one, or the implied one of a group of the opener's
   * organisation.
   */
  private static Optional<AuctionConsent> consent(
      final Ledger ledger, final Auction auction, final String groupId) {
    Optional<AuctionConsent> recorded =
        ledger.get(consentKey(ledger, auction.id(), groupId), AuctionConsent.class);
    if (recorded.isPresent()) {
      return recorded;
    }
    return openersConsent(ledger, auction, groupId);
  }

  private static Optional<AuctionConsent> openersConsent(
      final Ledger ledger, final Auction auction, final String groupId) {
    return Participants.find(ledger, groupId)
        .filter(p -> p.org().equals(auction.openedBy()))
        .map(
            p ->
                new AuctionConsent(
                    auction.id(),
                    groupId,
                    AuctionConsent.byAdminOf(auction.openedBy()),
                    auction.openedAt(),
                    auction.txId()));
  }

  /** Returns every group's consent, in group id order. */
  private static List<AuctionConsent> consents(final Ledger ledger, final Auction auction) {
    SortedMap<String, AuctionConsent> all = new TreeMap<>();
    for (AuctionConsent recorded :
        ledger.all(
            CONSENT_KEY_TYPE,
            List.of(auction.id()),
            entry -> ledger.decode(entry, AuctionConsent.class))) {
      all.put(recorded.groupId(), recorded);
    }
    for (String groupId : auction.groupIds()) {
      if (!all.containsKey(groupId)) {
        openersConsent(ledger, auction, groupId).ifPresent(c -> all.put(groupId, c));
      }
    }
    return List.copyOf(all.values());
  }

  /** Returns the indices of the groups that consented to the auction. */
  /**
   * The groups the auction binds: those that consented and are not revoked since (a revoked group
   * is neither settled nor charged, issue 11 item 5).
   */
  private static Set<Integer> boundGroups(final Ledger ledger, final Auction auction) {
    Set<Integer> bound = new TreeSet<>();
    for (AuctionConsent consent : consents(ledger, auction)) {
      OptionalInt index = auction.groupIndex(consent.groupId());
      if (index.isEmpty()) {
        throw ErrorCode.INTERNAL.reject(
            "the consent of " + consent.groupId() + " does not fit auction " + auction.id());
      }
      if (!Participants.isRevoked(ledger, consent.groupId())) {
        bound.add(index.getAsInt());
      }
    }
    return bound;
  }

  static String consentKey(final Ledger ledger, final String auctionId, final String groupId) {
    return ledger.key(CONSENT_KEY_TYPE, auctionId, groupId);
  }

  static String key(final Ledger ledger, final String auctionId) {
    return ledger.key(KEY_TYPE, auctionId);
  }

  static String progressKey(final Ledger ledger, final String auctionId) {
    return ledger.key(PROGRESS_KEY_TYPE, auctionId);
  }

  /** An open round waits for {@code auction:closeRound} after its deadline ({@link Deadlines}). */
  private static void scheduleRound(final Ledger ledger, final AuctionRound round) {
    Deadlines.set(
        ledger,
        roundSubject(round.auctionId()),
        round.deadline(),
        TransactionName.AUCTION_CLOSE_ROUND,
        round.auctionId());
  }

  private static String roundSubject(final String auctionId) {
    return "auction:" + auctionId;
  }

  static String roundKey(final Ledger ledger, final String auctionId, final int round) {
    return ledger.key(ROUND_KEY_TYPE, auctionId, roundNumber(round));
  }

  static String bidKey(
      final Ledger ledger, final String auctionId, final int round, final String groupId) {
    return ledger.key(BID_KEY_TYPE, auctionId, roundNumber(round), groupId);
  }

  static String allocationKey(final Ledger ledger, final String auctionId) {
    return ledger.key(ALLOCATION_KEY_TYPE, auctionId);
  }

  private static AuctionSummary summary(final Auction auction, final Ledger ledger) {
    AuctionProgress progress = requireProgress(ledger, auction.id());
    return new AuctionSummary(
        auction.id(),
        auction.period(),
        auction.type().name(),
        auction.instance().planets().stream().map(Planet::id).toList(),
        auction.instance().groups().size(),
        progress.status().name(),
        progress.round(),
        auction.openedAt(),
        progress.updatedAt(),
        auction.openedBy());
  }

  /** Checks a list query's page size against its own cap (the ledger's is larger). */
  private static int pageSize(final int pageSize, final int max) {
    if (pageSize < 1 || pageSize > max) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "page size must be 1 to " + max + ", was " + pageSize);
    }
    return pageSize;
  }

  private static String roundNumber(final int round) {
    return String.format(Locale.ROOT, "%010d", round);
  }

  private static String requireId(final String auctionId) {
    if (auctionId == null || !Ids.AUCTION_ID.matcher(auctionId).matches()) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "'" + auctionId + "' is not an auction id; ids are 'a-' and 24 lower-case hex digits");
    }
    return auctionId;
  }

  private static Auction requireAuction(final Ledger ledger, final String auctionId) {
    requireId(auctionId);
    return ledger
        .get(key(ledger, auctionId), Auction.class)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.reject("auction " + auctionId + " does not exist"));
  }

  private static AuctionProgress requireProgress(final Ledger ledger, final String auctionId) {
    return ledger
        .get(progressKey(ledger, auctionId), AuctionProgress.class)
        .orElseThrow(
            () -> ErrorCode.INTERNAL.reject("auction " + auctionId + " has no progress record"));
  }

  private static AuctionRound requireRound(
      final Ledger ledger, final String auctionId, final int round) {
    return ledger
        .get(roundKey(ledger, auctionId, round), AuctionRound.class)
        .orElseThrow(
            () ->
                ErrorCode.NOT_FOUND.reject(
                    "auction " + auctionId + " has no round " + round + " (or does not exist)"));
  }

  private static List<AuctionBid> bids(
      final Ledger ledger, final String auctionId, final int round) {
    return ledger.all(
        BID_KEY_TYPE,
        List.of(auctionId, roundNumber(round)),
        entry -> ledger.decode(entry, AuctionBid.class));
  }

  /**
   * Returns the payment of {@code groupId} to {@code planetId} in the settled {@code auction}.
   *
   * @throws ChaincodeException {@code INVALID_STATE} when the auction is not settled; {@code
   *     NOT_FOUND} when the group holds no paid allocation from that Planet
   */
  private static AllocationPayment requirePayment(
      final Ledger ledger, final Auction auction, final String groupId, final String planetId) {
    AuctionAllocation allocation =
        ledger
            .get(allocationKey(ledger, auction.id()), AuctionAllocation.class)
            .orElseThrow(
                () ->
                    ErrorCode.INVALID_STATE.reject(
                        "auction " + auction.id() + " is not settled yet; nothing is paid"));
    for (AllocationPayment payment : allocation.payments()) {
      if (payment.groupId().equals(groupId) && payment.planetId().equals(planetId)) {
        return payment;
      }
    }
    boolean unfunded = allocation.unfunded().stream().anyMatch(u -> u.groupId().equals(groupId));
    throw ErrorCode.NOT_FOUND.reject(
        "group "
            + groupId
            + " holds no paid allocation from Planet "
            + planetId
            + " in auction "
            + auction.id()
            + (unfunded
                ? ": it could not pay for its allocation at settlement"
                : "; see auction:getAllocation for the payments"));
  }

  /**
   * Requires the escrow of {@code payment} to be still locked.
   *
   * @throws ChaincodeException {@code INVALID_STATE} when it was released or refunded; {@code
   *     INTERNAL} when it is missing
   */
  private static Escrow requireLocked(final Ledger ledger, final AllocationPayment payment) {
    Escrow escrow =
        Credits.escrow(ledger, payment.escrowId())
            .orElseThrow(
                () ->
                    ErrorCode.INTERNAL.reject(
                        "the escrow of allocation " + payment.escrowId() + " is missing"));
    if (escrow.state() != EscrowState.LOCKED) {
      throw ErrorCode.INVALID_STATE.reject(
          "the payment of allocation "
              + payment.escrowId()
              + " was already "
              + escrow.state()
              + " in transaction "
              + escrow.settledTx()
              + " ("
              + escrow.reason()
              + ")");
    }
    return escrow;
  }

  /**
   * Requires {@code id} to be one of {@code ids}, the groups or the Planets of the auction.
   *
   * @param kind "group" or "Planet", for the message
   * @throws ChaincodeException {@code FORBIDDEN} when it is not
   */
  private static void requireTakesPart(
      final Auction auction, final List<String> ids, final String kind, final String id) {
    if (!ids.contains(id)) {
      throw ErrorCode.FORBIDDEN.reject(
          kind + " " + id + " does not take part in auction " + auction.id());
    }
  }

  /** How the escrow of an allocation ends: paid to the Planet, or returned to the group. */
  private enum Outcome {
    RELEASE(EventName.ALLOCATION_CONFIRMED),
    REFUND(EventName.ALLOCATION_REFUNDED),
    EXPIRE(EventName.ALLOCATION_EXPIRED);

    /** The event the transaction emits. */
    private final EventName event;

    Outcome(final EventName event) {
      this.event = event;
    }
  }

  /**
   * The settle step of the five allocation transactions: requires the escrow of {@code payment}
   * still locked (and, for a release, its deadline not passed), consumes the envelope of a signed
   * call ({@code null} for an admin's call), then releases or refunds the escrow and emits the
   * outcome's event. Nothing is written before the escrow is known to be locked.
   *
   * @return the {@link AllocationSettlement} as JSON
   */
  private static String settle(
      final Context ctx,
      final Auction auction,
      final AllocationPayment payment,
      final VerifiedEnvelope signed,
      final Outcome outcome,
      final String why) {
    Ledger ledger = Ledger.of(ctx);
    Escrow locked = requireLocked(ledger, payment);
    if (outcome == Outcome.RELEASE && locked.isPastDeadline(ledger.txTime())) {
      throw ErrorCode.INVALID_STATE.reject(
          "the payment of allocation "
              + payment.escrowId()
              + " could be confirmed until "
              + locked.deadline()
              + "; after that it is refunded (auction:expireAllocation)");
    }
    if (signed != null) {
      EnvelopeVerifier.consume(ctx, signed);
    }
    Deadlines.clear(ledger, AuctionPayments.deadlineSubject(payment));
    Escrow escrow =
        outcome == Outcome.RELEASE
            ? AuctionPayments.release(ledger, payment, why)
            : AuctionPayments.refund(ledger, payment, why);
    AllocationSettlement settlement =
        new AllocationSettlement(
            auction.id(), payment.groupId(), payment.planetId(), payment.tokenId(), escrow);
    ledger.emit(outcome.event, settlement);
    return Json.toJson(settlement);
  }

  private static Participant requireParticipant(
      final Ledger ledger, final String id, final ParticipantRole role) {
    Optional<Participant> participant = Participants.find(ledger, id);
    if (participant.isEmpty()) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          id + " is not a registered participant; register it as a " + role + " first");
    }
    if (participant.get().role() != role) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "participant " + id + " is a " + participant.get().role() + ", not a " + role);
    }
    if (!participant.get().isActive()) {
      throw ErrorCode.INVALID_ARGUMENT.reject("participant " + id + " was revoked");
    }
    return participant.get();
  }

  private static void requireEveryActiveGroupBid(
      final Auction auction,
      final AuctionRound round,
      final Set<Integer> bound,
      final SortedMap<Integer, ?> submitted) {
    List<UserGroup> groups = auction.instance().groups();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i).isActive() && bound.contains(i) && !submitted.containsKey(i)) {
        missing.add(groups.get(i).id());
      }
    }
    if (!missing.isEmpty()) {
      throw ErrorCode.INVALID_STATE.reject(
          "round "
              + round.round()
              + " of auction "
              + auction.id()
              + " takes bids until "
              + round.deadline()
              + " and "
              + missing.size()
              + " group(s) have not bid, such as "
              + missing.get(0)
              + "; close it after the deadline");
    }
  }

  private static GroupResponse requireBestResponse(
      final Auction auction, final int group, final AuctionRound round, final AuctionBidBody body) {
    AuctionInstance instance = auction.instance();
    UserGroup userGroup = instance.groups().get(group);
    int planets = instance.planets().size();
    if (body.volumes().size() != planets) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "give one volume per Planet: " + planets + ", found " + body.volumes().size());
    }
    double totalData = userGroup.totalData();
    double slack = BID_TOLERANCE * StrictMath.max(1, totalData);
    double sum = 0;
    for (double volume : body.volumes()) {
      sum += volume;
    }
    if (sum > totalData + slack) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "the volumes add up to "
              + sum
              + ", more than the group's data X = "
              + totalData
              + " of this period");
    }
    if (body.planet() >= planets) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "planet " + body.planet() + " is not a Planet index; there are " + planets);
    }
    AuctionState state = round.state();
    GroupResponse expected =
        GroupBidding.bestResponse(
            instance, group, state.prices(), state.groups().get(group), auction.parameters());
    boolean matches = expected.planet() == body.planet();
    for (int j = 0; matches && j < planets; j++) {
      matches = StrictMath.abs(expected.volumes().get(j) - body.volumes().get(j)) <= slack;
    }
    if (!matches) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "the bid is not the group's best response to the prices of round "
              + round.round()
              + ": expected planet "
              + expected.planet()
              + " and volumes "
              + expected.volumes());
    }
    return expected;
  }
}
