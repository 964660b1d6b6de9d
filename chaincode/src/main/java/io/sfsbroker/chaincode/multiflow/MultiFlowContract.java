package io.sfsbroker.chaincode.multiflow;

import io.sfsbroker.chaincode.catalog.Catalog;
import io.sfsbroker.chaincode.common.Account;
import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.common.Page;
import io.sfsbroker.chaincode.credit.Credits;
import io.sfsbroker.chaincode.deadline.Deadlines;
import io.sfsbroker.chaincode.envelope.EnvelopeVerifier;
import io.sfsbroker.chaincode.envelope.VerifiedEnvelope;
import io.sfsbroker.chaincode.nft.Nfts;
import io.sfsbroker.chaincode.participant.Participants;
import io.sfsbroker.market.multiflow.MultiFlowResult;
import io.sfsbroker.market.multiflow.MultiFlowSelection;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.catalog.BrokerConfig;
import io.sfsbroker.protocol.credit.Payee;
import io.sfsbroker.protocol.deadline.Windows;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.envelope.VerifiedMessage;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.id.Ids;
import io.sfsbroker.protocol.multiflow.Application;
import io.sfsbroker.protocol.multiflow.ApplicationConfirmationBody;
import io.sfsbroker.protocol.multiflow.ApplicationQuery;
import io.sfsbroker.protocol.multiflow.ApplicationRequestBody;
import io.sfsbroker.protocol.multiflow.ApplicationSelection;
import io.sfsbroker.protocol.multiflow.ApplicationState;
import io.sfsbroker.protocol.multiflow.FlowBid;
import io.sfsbroker.protocol.multiflow.FlowBidBody;
import io.sfsbroker.protocol.multiflow.FlowOutcome;
import io.sfsbroker.protocol.multiflow.FlowRequirement;
import io.sfsbroker.protocol.multiflow.ScoredBid;
import io.sfsbroker.protocol.nft.Token;
import io.sfsbroker.protocol.nft.TokenKind;
import io.sfsbroker.protocol.participant.ParticipantRole;
import io.sfsbroker.protocol.slice.ServiceConfirmationBody.Status;
import io.sfsbroker.protocol.transaction.Contracts;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Multi-flow applications (paper 000, §III.C–D): request, per-flow bids, selection by utility with
 * escrow and tokens, service confirmation and timeout. Keys: {@code application~<id>}, {@code
 * application-bid~<id>~<flowId>~<interval>~<rpId>} (one per bid, so concurrent bids never
 * conflict), {@code application-selection~<id>}, {@code escrow~<id>}, tokens {@code app:<id>} and
 * {@code flow:<id>:<flowId>:<interval>}.
 */
@Contract(
    name = Contracts.MULTIFLOW,
    info =
        @Info(
            title = "SFSBroker multi-flow applications",
            description = "Per-flow bids, utility selection, escrow and application tokens",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class MultiFlowContract implements ContractInterface {

  /** The object type of application keys. */
  public static final String KEY_TYPE = "application";

  /** The object type of bid keys. */
  public static final String BID_KEY_TYPE = "application-bid";

  /** The object type of selection keys. */
  public static final String SELECTION_KEY_TYPE = "application-selection";

  /**
   * Opens a multi-flow application: its flows and a bid window.
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be signed by an
   * active {@code FOG_NODE}. Reads the signer, envelope settings and nonce, {@code
   * sfsb-config~broker} and {@code application~<id>}; writes the nonce and {@code
   * application~<id>}; emits {@link EventName#APPLICATION_OPENED}.
   *
   * @param envelope an {@code application-request} envelope whose body is an {@link
   *     ApplicationRequestBody}: {@code {"flows":[{"flowId":"video","betaR":500000,"betaT":500000,
   *     "betaL":0,"mu":500000,"qMin":500000,"pMax":1000,"refThroughputKbps":100000,
   *     "refLatencyMicros":10000,"refLossPpm":10000,"intervals":["t0","t1"]}],"bidWindowSeconds":20}}
   * @return the {@link Application} as JSON
   * @throws ChaincodeException the envelope codes; {@code INVALID_ARGUMENT} when a flow is invalid
   *     (weights not summing to 1,000,000, µ not strictly between 0 and 1,000,000 …) or the window
   *     is outside the broker's offer-window bounds; {@code CONFLICT} when the id exists
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String requestApplication(final Context ctx, final String envelope) {
    VerifiedEnvelope verified =
        EnvelopeVerifier.verify(
            ctx, envelope, MessageType.APPLICATION_REQUEST, EnumSet.of(ParticipantRole.FOG_NODE));
    ApplicationRequestBody body = verified.bodyAs(ApplicationRequestBody.class);
    Ledger ledger = Ledger.of(ctx);
    VerifiedMessage message = verified.message();
    String id = Ids.application(message.signerId(), message.nonce());
    if (ledger.exists(key(ledger, id))) {
      throw ErrorCode.CONFLICT.reject("application " + id + " already exists; sign it again");
    }
    BrokerConfig config = Catalog.config(ledger);
    long window =
        body.bidWindowSeconds() == null
            ? config.defaultOfferWindowSeconds()
            : body.bidWindowSeconds();
    if (window < config.minOfferWindowSeconds() || window > config.maxOfferWindowSeconds()) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "bidWindowSeconds must be "
              + config.minOfferWindowSeconds()
              + " to "
              + config.maxOfferWindowSeconds()
              + ", was "
              + window);
    }
    Instant now = ledger.txTime();
    Application application =
        new Application(
            id,
            message.signerId(),
            body.flows(),
            ApplicationState.OPEN,
            now,
            now.plusSeconds(window),
            0,
            null,
            "bid window open until " + now.plusSeconds(window),
            now);

    EnvelopeVerifier.consume(ctx, verified);
    store(ledger, application);
    ledger.emit(EventName.APPLICATION_OPENED, application);
    return Json.toJson(application);
  }

  /**
   * Stores an operator's bid ⟨[R, T, L], p⟩ for one flow in one interval.
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be signed by an
   * active {@code RESOURCE_PROVIDER}. Reads the signer, envelope settings and nonce, {@code
   * application~<id>} and the bid key; writes the nonce and {@code
   * application-bid~<id>~<flowId>~<interval>~<rpId>}; emits {@link EventName#FLOW_BID_RECEIVED}.
   *
   * @param envelope a {@code flow-bid} envelope whose body is a {@link FlowBidBody}: {@code
   *     {"applicationId":"m-…","flowId":"video","interval":"t0","throughputKbps":80000,
   *     "latencyMicros":3000,"lossPpm":100,"price":700}}
   * @return the stored {@link FlowBid} as JSON
   * @throws ChaincodeException the envelope codes; {@code INVALID_ARGUMENT} when a value is out of
   *     range or the flow or interval is not in the application; {@code NOT_FOUND} when there is no
   *     such application; {@code INVALID_STATE} when it is no longer open; {@code LATE_OFFER} after
   *     the bid deadline; {@code CONFLICT} when the RP already bid for this flow and interval
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String submitFlowBid(final Context ctx, final String envelope) {
    VerifiedEnvelope verified =
        EnvelopeVerifier.verify(
            ctx, envelope, MessageType.FLOW_BID, EnumSet.of(ParticipantRole.RESOURCE_PROVIDER));
    FlowBidBody body = verified.bodyAs(FlowBidBody.class);
    String rpId = verified.signer().id();
    FlowBid bid;
    try {
      bid = body.toBid(rpId);
    } catch (IllegalArgumentException e) {
      throw ErrorCode.INVALID_ARGUMENT.reject("the flow bid: " + e.getMessage(), e);
    }
    Ledger ledger = Ledger.of(ctx);
    Application application = require(ledger, body.applicationId());
    if (application.state() != ApplicationState.OPEN) {
      throw ErrorCode.INVALID_STATE.reject(
          "application " + application.id() + " is " + application.state() + ", not OPEN");
    }
    Instant now = ledger.txTime();
    if (!Windows.inTime(application.bidDeadline(), now)) {
      throw ErrorCode.LATE_OFFER.reject(
          "the bid window of application "
              + application.id()
              + " ended at "
              + application.bidDeadline()
              + "; the transaction time is "
              + now);
    }
    FlowRequirement flow = application.flow(bid.flowId());
    if (flow == null || !flow.intervals().contains(bid.interval())) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "application "
              + application.id()
              + " has no flow "
              + bid.flowId()
              + " in interval "
              + bid.interval());
    }
    String bidKey = ledger.key(BID_KEY_TYPE, application.id(), bid.flowId(), bid.interval(), rpId);
    if (ledger.exists(bidKey)) {
      throw ErrorCode.CONFLICT.reject(
          "RP " + rpId + " already bid for " + bid.flowId() + "/" + bid.interval());
    }

    EnvelopeVerifier.consume(ctx, verified);
    ledger.put(bidKey, bid);
    ledger.emit(EventName.FLOW_BID_RECEIVED, bid);
    return Json.toJson(bid);
  }

  /**
   * Closes the bid window and buys, per flow and interval, the bid of highest utility. When at
   * least one flow interval is served and the tenant can pay, the total is locked in escrow {@code
   * escrow~<id>} (payees: the winning RPs, each its prices), the tenant receives the application
   * token {@code app:<id>} and one token {@code flow:<id>:<flowId>:<interval>} per served flow
   * interval, and the application is {@code AWARDED} until the fog node confirms; flow intervals
   * without an acceptable bid are reported in the selection. Otherwise it is {@code FAILED} and
   * nothing is locked.
   *
   * <p>Who may call: any member of the channel, after the bid deadline. Reads {@code
   * application~<id>}, {@code application-bid~<id>~*}, {@code sfsb-config~broker} and the tenant's
   * balance; writes {@code application~<id>}, {@code application-selection~<id>}, and on award the
   * balance, escrow and tokens; emits {@link EventName#APPLICATION_AWARDED} or {@value
   * EventName#APPLICATION_FAILED}.
   *
   * @param applicationId the application
   * @return the {@link ApplicationSelection} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such application; {@code INVALID_STATE} when it is not open or its window
   *     has not ended
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String closeApplication(final Context ctx, final String applicationId) {
    Ledger ledger = Ledger.of(ctx);
    Application application = require(ledger, applicationId);
    Instant now = ledger.txTime();
    if (application.state() != ApplicationState.OPEN || !now.isAfter(application.bidDeadline())) {
      throw ErrorCode.INVALID_STATE.reject(
          "application "
              + applicationId
              + " is "
              + application.state()
              + (application.state() == ApplicationState.OPEN
                  ? " until " + application.bidDeadline() + "; close it after the deadline"
                  : "; only an OPEN application can be closed"));
    }
    // A bid of an operator revoked since it bid never wins (issue 11 item 5).
    List<FlowBid> bids =
        ledger
            .all(BID_KEY_TYPE, List.of(applicationId), e -> ledger.decode(e, FlowBid.class))
            .stream()
            .filter(bid -> !Participants.isRevoked(ledger, bid.bidderId()))
            .toList();
    MultiFlowResult result;
    try {
      result = MultiFlowSelection.select(application.flows(), bids);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw ErrorCode.INTERNAL.reject(
          "the bids of application " + applicationId + " cannot be scored: " + e.getMessage(), e);
    }
    ApplicationSelection selection =
        new ApplicationSelection(
            applicationId,
            application.tenantId(),
            result.outcomes(),
            result.totalPrice(),
            bids.size(),
            now,
            ledger.txId());
    String payer = Account.device(application.tenantId());
    long balance = Credits.balance(ledger, payer);
    ledger.put(ledger.key(SELECTION_KEY_TYPE, applicationId), selection);
    if (result.served().isEmpty() || balance < result.totalPrice()) {
      String why =
          result.served().isEmpty()
              ? "no flow interval has an acceptable bid"
              : "the tenant "
                  + payer
                  + " holds "
                  + balance
                  + " credits, fewer than the "
                  + result.totalPrice()
                  + " the flows cost; nothing was locked";
      Application failed = application.moved(ApplicationState.FAILED, 0, null, why, now);
      store(ledger, failed);
      ledger.emit(EventName.APPLICATION_FAILED, failed);
      return Json.toJson(selection);
    }
    BrokerConfig config = Catalog.config(ledger);
    Instant due =
        now.plusSeconds(
            Math.addExact(
                config.instantiationTimeoutSeconds(), config.serviceConfirmationTimeoutSeconds()));
    List<Payee> payees = new ArrayList<>();
    for (FlowOutcome outcome : result.served()) {
      ScoredBid winner = outcome.winner();
      payees.add(new Payee(Account.device(winner.bid().bidderId()), winner.bid().price()));
    }
    Credits.lock(ledger, applicationId, payer, payees);
    mintTokens(ledger, application, result);
    Application awarded =
        application.moved(
            ApplicationState.AWARDED,
            result.totalPrice(),
            due,
            result.served().size()
                + " of "
                + result.outcomes().size()
                + " flow intervals bought; waiting for the fog node to confirm by "
                + due,
            now);
    store(ledger, awarded);
    ledger.emit(EventName.APPLICATION_AWARDED, selection);
    return Json.toJson(selection);
  }

  /**
   * Records the fog node's confirmation that its flows are served and pays the escrow to the
   * winning operators.
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be signed by a fog
   * node that holds the application's token {@code app:<id>}: owns it, is approved for it or is an
   * operator of its owner (the fog node that requested it, until it transfers the token). Reads the
   * signer, envelope settings and nonce, {@code application~<id>}, the token and {@code
   * escrow~<id>}; writes the nonce, {@code application~<id>}, the escrow and the operators'
   * balances; emits {@link EventName#APPLICATION_IN_SERVICE}, whose {@link Application} names the
   * device that owned the token ({@code holderId}), so that the bridge tells the holder too.
   *
   * @param envelope a {@code service-confirmation} envelope whose body is an {@link
   *     ApplicationConfirmationBody}: {@code {"applicationId":"m-…"}}
   * @return the {@link Application} as JSON
   * @throws ChaincodeException the envelope codes; {@code INVALID_ARGUMENT} when the status is
   *     {@code RELEASED}; {@code NOT_FOUND} when there is no such application; {@code
   *     INVALID_STATE} when it is not {@code AWARDED} or the confirmation deadline has passed;
   *     {@code FORBIDDEN} when the signer does not hold the application's token
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String confirmApplication(final Context ctx, final String envelope) {
    VerifiedEnvelope verified =
        EnvelopeVerifier.verify(
            ctx, envelope, MessageType.SERVICE_CONFIRMATION, EnumSet.of(ParticipantRole.FOG_NODE));
    ApplicationConfirmationBody body = verified.bodyAs(ApplicationConfirmationBody.class);
    if (body.status() != Status.RECEIVED) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "a service confirmation with status "
              + body.status()
              + " goes to"
              + " multiflow:releaseApplication");
    }
    Ledger ledger = Ledger.of(ctx);
    Application application = require(ledger, body.applicationId());
    Instant now = ledger.txTime();
    if (application.state() != ApplicationState.AWARDED
        || now.isAfter(application.confirmationDeadline())) {
      throw ErrorCode.INVALID_STATE.reject(
          "application "
              + application.id()
              + " is "
              + application.state()
              + (application.state() == ApplicationState.AWARDED
                  ? " and its confirmation deadline passed at "
                      + application.confirmationDeadline()
                      + "; it awaits multiflow:expireApplication"
                  : ", not AWARDED"));
    }
    String holder = verified.signer().id();
    requireHolder(ledger, application, holder, "confirm");
    Application serving =
        application.moved(
            ApplicationState.IN_SERVICE,
            application.totalPrice(),
            null,
            holder + ", holder of its token, confirmed service; the operators were paid",
            now);

    Application reported = withHolder(ledger, serving);
    EnvelopeVerifier.consume(ctx, verified);
    Credits.release(ledger, application.id(), "the fog node confirmed service");
    store(ledger, serving);
    ledger.emit(EventName.APPLICATION_IN_SERVICE, reported);
    return Json.toJson(serving);
  }

  /**
   * Ends an awarded application whose fog node did not confirm in time: the escrow is refunded to
   * the tenant and its tokens are burned.
   *
   * <p>Who may call: any member of the channel, after the confirmation deadline. Reads {@code
   * application~<id>}, {@code application-selection~<id>}, {@code escrow~<id>} and the tokens;
   * writes {@code application~<id>}, the escrow, the tenant's balance and deletes the tokens; emits
   * {@link EventName#APPLICATION_TIMED_OUT}, whose {@link Application} names the device that owned
   * the token ({@code holderId}), so that the bridge tells the holder too.
   *
   * @param applicationId the application
   * @return the {@link Application} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such application; {@code INVALID_STATE} when it is not {@code AWARDED} or
   *     the deadline has not passed
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String expireApplication(final Context ctx, final String applicationId) {
    Ledger ledger = Ledger.of(ctx);
    Application application = require(ledger, applicationId);
    Instant now = ledger.txTime();
    if (application.state() != ApplicationState.AWARDED
        || !now.isAfter(application.confirmationDeadline())) {
      throw ErrorCode.INVALID_STATE.reject(
          "nothing is due for application "
              + applicationId
              + ": it is "
              + application.state()
              + (application.state() == ApplicationState.AWARDED
                  ? " until " + application.confirmationDeadline()
                  : ""));
    }
    Application ended =
        application.moved(
            ApplicationState.TIMED_OUT,
            application.totalPrice(),
            null,
            "the fog node did not confirm by " + application.confirmationDeadline(),
            now);
    Application reported = withHolder(ledger, ended);
    Credits.refund(ledger, applicationId, ended.reason());
    burnTokens(ledger, applicationId);
    store(ledger, ended);
    ledger.emit(EventName.APPLICATION_TIMED_OUT, reported);
    return Json.toJson(ended);
  }

  /**
   * Ends an application at the signed request of the holder of its token: an {@code AWARDED} one is
   * refunded to its payer (the fog node that requested it), an {@code IN_SERVICE} one keeps the
   * operators' payment; either way its tokens are burned and it becomes {@code RELEASED}.
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be signed by a fog
   * node that holds the application's token {@code app:<id>} (as for {@link #confirmApplication}).
   * Reads the signer, envelope settings and nonce, {@code application~<id>}, {@code
   * application-selection~<id>}, the tokens and {@code escrow~<id>}; writes the nonce, {@code
   * application~<id>}, the escrow and the payer's balance (if refunded) and deletes the tokens;
   * emits {@link EventName#APPLICATION_RELEASED}, whose {@link Application} names the device that
   * owned the token ({@code holderId}), so that the bridge tells the holder too.
   *
   * @param envelope a {@code service-confirmation} envelope whose body is an {@link
   *     ApplicationConfirmationBody} with status {@code RELEASED}: {@code
   *     {"applicationId":"m-…","status":"RELEASED"}}
   * @return the {@link Application} as JSON
   * @throws ChaincodeException the envelope codes; {@code INVALID_ARGUMENT} when the status is not
   *     {@code RELEASED}; {@code NOT_FOUND} when there is no such application; {@code
   *     INVALID_STATE} when it is not {@code AWARDED} or {@code IN_SERVICE}; {@code FORBIDDEN} when
   *     the signer does not hold the application's token
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String releaseApplication(final Context ctx, final String envelope) {
    VerifiedEnvelope verified =
        EnvelopeVerifier.verify(
            ctx, envelope, MessageType.SERVICE_CONFIRMATION, EnumSet.of(ParticipantRole.FOG_NODE));
    ApplicationConfirmationBody body = verified.bodyAs(ApplicationConfirmationBody.class);
    if (body.status() != Status.RELEASED) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "to release an application, sign a service confirmation with status RELEASED");
    }
    Ledger ledger = Ledger.of(ctx);
    Application application = require(ledger, body.applicationId());
    if (application.state() != ApplicationState.AWARDED
        && application.state() != ApplicationState.IN_SERVICE) {
      throw ErrorCode.INVALID_STATE.reject(
          "application "
              + application.id()
              + " is "
              + application.state()
              + "; only an AWARDED or IN_SERVICE application can be released");
    }
    String holder = verified.signer().id();
    requireHolder(ledger, application, holder, "release");
    Application released =
        application.moved(
            ApplicationState.RELEASED,
            application.totalPrice(),
            null,
            "released by " + holder + ", holder of its token",
            ledger.txTime());

    Application reported = withHolder(ledger, released);
    EnvelopeVerifier.consume(ctx, verified);
    Credits.refund(ledger, application.id(), released.reason());
    burnTokens(ledger, application.id());
    store(ledger, released);
    ledger.emit(EventName.APPLICATION_RELEASED, reported);
    return Json.toJson(released);
  }

  /**
   * Returns an application.
   *
   * <p>Who may call: any member of the channel. Reads {@code application~<id>}.
   *
   * @param applicationId the application
   * @return the {@link Application} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such application
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getApplication(final Context ctx, final String applicationId) {
    return Json.toJson(require(Ledger.of(ctx), applicationId));
  }

  /**
   * Returns the selection of a closed application: per flow and interval the winner with its
   * scores, or why there is none.
   *
   * <p>Who may call: any member of the channel. Reads {@code application-selection~<id>}.
   *
   * @param applicationId the application
   * @return the {@link ApplicationSelection} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when it was not closed (or does not exist)
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getApplicationSelection(final Context ctx, final String applicationId) {
    requireId(applicationId);
    Ledger ledger = Ledger.of(ctx);
    return Json.toJson(
        ledger
            .get(ledger.key(SELECTION_KEY_TYPE, applicationId), ApplicationSelection.class)
            .orElseThrow(
                () ->
                    ErrorCode.NOT_FOUND.reject(
                        "application " + applicationId + " has no selection (yet)")));
  }

  /**
   * Lists the multi-flow applications in id order, one page at a time, each as stored: tenant,
   * flows, state, bid deadline and total price.
   *
   * <p>Who may call: any member of the channel; evaluate only (Fabric refuses paginated reads in a
   * submitted transaction). Reads {@code application~*}; writes nothing.
   *
   * @param queryJson an {@link ApplicationQuery}, for example {@code
   *     {"pageSize":20,"bookmark":""}}; {@code {}} for the first page of {@value
   *     ApplicationQuery#DEFAULT_PAGE_SIZE}
   * @return a {@link Page} of {@link Application}s as JSON: {@code {"items":[…],"bookmark":"…"}},
   *     whose bookmark is empty on the last page
   * @throws ChaincodeException {@code MALFORMED} when the argument is not a JSON object; {@code
   *     INVALID_ARGUMENT} when the page size is not 1 to 200 or the bookmark does not belong to the
   *     query
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listApplications(final Context ctx, final String queryJson) {
    ApplicationQuery query = Arguments.json("query", queryJson, ApplicationQuery.class);
    Ledger ledger = Ledger.of(ctx);
    Page<Application> page =
        ledger.page(
            KEY_TYPE,
            List.of(),
            query.pageSizeOrDefault(),
            query.bookmark(),
            entry -> ledger.decode(entry, Application.class));
    return Json.toJson(page);
  }

  /** The id of the token of application {@code applicationId}. */
  public static String applicationTokenId(final String applicationId) {
    return "app:" + applicationId;
  }

  /** The id of the token of one flow interval. */
  public static String flowTokenId(
      final String applicationId, final String flowId, final String interval) {
    return "flow:" + applicationId + ":" + flowId + ":" + interval;
  }

  private static void mintTokens(
      final Ledger ledger, final Application application, final MultiFlowResult result) {
    String owner = Account.device(application.tenantId());
    Map<String, String> appMetadata = new TreeMap<>();
    appMetadata.put("applicationId", application.id());
    appMetadata.put("flows", Integer.toString(application.flows().size()));
    appMetadata.put("flowIntervalsBought", Integer.toString(result.served().size()));
    appMetadata.put("totalPrice", Long.toString(result.totalPrice()));
    Nfts.mint(
        ledger,
        Token.of(
            applicationTokenId(application.id()),
            TokenKind.APPLICATION,
            owner,
            appMetadata,
            ledger.txTime(),
            ledger.txId()));
    for (FlowOutcome outcome : result.served()) {
      ScoredBid winner = outcome.winner();
      Map<String, String> metadata = new TreeMap<>();
      metadata.put("applicationId", application.id());
      metadata.put("flowId", outcome.flowId());
      metadata.put("interval", outcome.interval());
      metadata.put("rpId", winner.bid().bidderId());
      metadata.put("throughputKbps", Long.toString(winner.bid().throughputKbps()));
      metadata.put("latencyMicros", Long.toString(winner.bid().latencyMicros()));
      metadata.put("lossPpm", Long.toString(winner.bid().lossPpm()));
      metadata.put("price", Long.toString(winner.bid().price()));
      metadata.put("quality", Long.toString(winner.quality()));
      metadata.put("utility", Long.toString(winner.utility()));
      Nfts.mint(
          ledger,
          Token.of(
              flowTokenId(application.id(), outcome.flowId(), outcome.interval()),
              TokenKind.FLOW,
              owner,
              metadata,
              ledger.txTime(),
              ledger.txId()));
    }
  }

  /**
   * Requires fog node {@code signer} to hold the token {@code app:<id>} of {@code application}
   * ({@link Nfts#requireHolder}); its rights follow the token, not the fog node that requested it.
   */
  /**
   * {@code application} as an event about it reports it ({@link Application#heldBy}): with the fog
   * node whose device account owns {@code app:<id>} now, read before the transaction burns it.
   */
  private static Application withHolder(final Ledger ledger, final Application application) {
    return application.heldBy(
        Nfts.find(ledger, applicationTokenId(application.id()))
            .flatMap(token -> Account.participantId(token.owner()))
            .orElse(null));
  }

  private static void requireHolder(
      final Ledger ledger,
      final Application application,
      final String signer,
      final String action) {
    Nfts.requireHolder(
        ledger,
        Account.device(signer),
        List.of(applicationTokenId(application.id())),
        action + " application " + application.id());
  }

  /** Burns the application's token and the token of each flow interval it bought. */
  private static void burnTokens(final Ledger ledger, final String applicationId) {
    ApplicationSelection selection =
        ledger
            .get(ledger.key(SELECTION_KEY_TYPE, applicationId), ApplicationSelection.class)
            .orElseThrow(
                () ->
                    ErrorCode.INTERNAL.reject(
                        "application " + applicationId + " lost its selection"));
    Nfts.burnIfPresent(ledger, applicationTokenId(applicationId));
    for (FlowOutcome outcome : selection.outcomes()) {
      if (outcome.isServed()) {
        Nfts.burnIfPresent(
            ledger, flowTokenId(applicationId, outcome.flowId(), outcome.interval()));
      }
    }
  }

  private static String requireId(final String id) {
    if (id == null || !Ids.APPLICATION_ID.matcher(id).matches()) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "'" + id + "' is not an application id; ids are 'm-' and 24 lower-case hex digits");
    }
    return id;
  }

  private static Application require(final Ledger ledger, final String id) {
    requireId(id);
    return ledger
        .get(key(ledger, id), Application.class)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.reject("application " + id + " does not exist"));
  }

  private static String key(final Ledger ledger, final String id) {
    return ledger.key(KEY_TYPE, id);
  }

  /**
   * Stores {@code application} and keeps its {@link Deadlines deadline} in step with its state: an
   * {@code OPEN} one waits for {@code multiflow:closeApplication} after its bid deadline, an {@code
   * AWARDED} one for {@code multiflow:expireApplication} after its confirmation deadline; any other
   * waits for nothing.
   */
  private static void store(final Ledger ledger, final Application application) {
    ledger.put(key(ledger, application.id()), application);
    String subject = "application:" + application.id();
    if (application.state() == ApplicationState.OPEN) {
      Deadlines.set(
          ledger,
          subject,
          application.bidDeadline(),
          TransactionName.MULTIFLOW_CLOSE_APPLICATION,
          application.id());
    } else if (application.state() == ApplicationState.AWARDED
        && application.confirmationDeadline() != null) {
      Deadlines.set(
          ledger,
          subject,
          application.confirmationDeadline(),
          TransactionName.MULTIFLOW_EXPIRE_APPLICATION,
          application.id());
    } else {
      Deadlines.clear(ledger, subject);
    }
  }
}
