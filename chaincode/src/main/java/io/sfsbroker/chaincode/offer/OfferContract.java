package io.sfsbroker.chaincode.offer;

import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.common.Page;
import io.sfsbroker.chaincode.envelope.EnvelopeVerifier;
import io.sfsbroker.chaincode.envelope.VerifiedEnvelope;
import io.sfsbroker.chaincode.request.Requests;
import io.sfsbroker.chaincode.slice.Slices;
import io.sfsbroker.market.qoe.QoeTerms;
import io.sfsbroker.market.selection.CategoryOffer;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Windows;
import io.sfsbroker.protocol.envelope.Envelope;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.offer.OfferBody;
import io.sfsbroker.protocol.offer.OfferQuery;
import io.sfsbroker.protocol.offer.OfferReceived;
import io.sfsbroker.protocol.offer.OfferedCategory;
import io.sfsbroker.protocol.offer.OfferedQoe;
import io.sfsbroker.protocol.participant.ParticipantRole;
import io.sfsbroker.protocol.request.Blueprint;
import io.sfsbroker.protocol.slice.Slice;
import io.sfsbroker.protocol.slice.SliceQuery;
import io.sfsbroker.protocol.slice.SliceState;
import io.sfsbroker.protocol.transaction.Contracts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The mediator's offer window (paper 002, flow step 7 of docs/flow.md): it verifies each RP's
 * signed offer against the blueprint and its window and stores it.
 */
@Contract(
    name = Contracts.OFFER,
    info =
        @Info(
            title = "SFSBroker mediator: offers",
            description = "Signed offers of resource providers for open blueprints",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class OfferContract implements ContractInterface {

  /**
   * Accepts an RP's signed offer for an open blueprint and stores it as the RP's live offer,
   * replacing an earlier one of the same RP. An offer is in time while the window is open and its
   * transaction time is at most {@link Windows#LATE_COMMIT} after the blueprint's {@code
   * offerDeadline}: a blueprint published late (a failover delayed its commit) still gets its
   * offers, and the keeper closes it a full window after it saw it published.
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be signed by an
   * active {@code RESOURCE_PROVIDER}. Reads the signer, the envelope settings and nonce, {@code
   * blueprint~<id>}, {@code slice~<id>} and {@code offer~<id>~<rpId>}; writes {@code
   * envelope-nonce~<signer>~<nonce>}, {@code offer~<id>~<rpId>} and the offer's ranking entries
   * ({@link OfferRanking}: its table row, played now, under {@code offer-row~<id>~<rpId>}, one
   * {@code offer-rank~<id>~<column>~<price>~<rpId>} per priced cell, deleting those of the offer it
   * replaces) only — no key another RP's offer writes; emits {@link EventName#OFFER_RECEIVED}.
   *
   * @param envelope an {@code offer} envelope whose body is an {@link OfferBody}, for example
   *     {@code {"blueprintId":"s-…","categories":[{"category":"cpu-millicores","unitPrice":3,
   *     "available":4000,"reservePrice":1,"qoe":{"latencyMicros":800,"bandwidthMbps":100}}]}}
   *     ({@code qoe}, what the RP guarantees for the part, may be left out)
   * @return the stored {@link Offer} as JSON
   * @throws ChaincodeException {@code MALFORMED}, {@code BAD_SIGNATURE}, {@code FORBIDDEN}
   *     (unknown, revoked or not an RP), {@code EXPIRED}, {@code REPLAY} from the envelope checks;
   *     {@code INVALID_ARGUMENT} when the envelope is not an offer, a value is out of range or a
   *     category is not in the blueprint; {@code NOT_FOUND} when the blueprint does not exist;
   *     {@code INVALID_STATE} when its window was closed (selection ran); {@code LATE_OFFER} when
   *     the window's deadline has passed
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String submitOffer(final Context ctx, final String envelope) {
    VerifiedEnvelope verified =
        EnvelopeVerifier.verify(
            ctx, envelope, MessageType.OFFER, EnumSet.of(ParticipantRole.RESOURCE_PROVIDER));
    OfferBody body = verified.bodyAs(OfferBody.class);
    Ledger ledger = Ledger.of(ctx);
    Blueprint blueprint = Requests.requireBlueprint(ledger, body.blueprintId());
    Slice slice = Slices.require(ledger, blueprint.id());
    if (slice.state() != SliceState.OFFERING) {
      throw ErrorCode.INVALID_STATE.reject(
          "the offer window of blueprint " + blueprint.id() + " is closed: " + slice.reason());
    }
    Instant now = ledger.txTime();
    if (!Windows.inTime(blueprint.offerDeadline(), now)) {
      throw ErrorCode.LATE_OFFER.reject(
          "the offer window of blueprint "
              + blueprint.id()
              + " ended at "
              + blueprint.offerDeadline()
              + " (offers that commit late are taken up to "
              + Windows.LATE_COMMIT.toSeconds()
              + " s after it while the window is open); the transaction time is "
              + now);
    }
    List<CategoryOffer> categories = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (OfferedCategory offered : body.categories()) {
      if (blueprint.category(offered.category()).isEmpty()) {
        throw ErrorCode.INVALID_ARGUMENT.reject(
            "blueprint "
                + blueprint.id()
                + " does not ask for category "
                + offered.category()
                + "; it asks for "
                + blueprint.categories().stream().map(c -> c.category()).toList());
      }
      categories.add(
          new CategoryOffer(
              offered.category(),
              offered.unitPrice(),
              offered.available(),
              offered.reservePrice(),
              qoeTerms(offered.qoe())));
      names.add(offered.category());
    }
    String rpId = verified.signer().id();
    String key = Offers.key(ledger, blueprint.id(), rpId);
    Optional<Offer> earlier = ledger.get(key, Offer.class);
    boolean replaced = earlier.isPresent();
    Offer offer =
        new Offer(blueprint.id(), rpId, categories, now, verified.message().nonce(), ledger.txId());

    EnvelopeVerifier.consume(ctx, verified);
    earlier.ifPresent(old -> OfferRanking.unindex(ledger, blueprint, old));
    ledger.put(key, offer);
    OfferRanking.index(ledger, blueprint, offer);
    ledger.emit(
        EventName.OFFER_RECEIVED, new OfferReceived(blueprint.id(), rpId, names, now, replaced));
    return Json.toJson(offer);
  }

  /**
   * Returns the live offer of one RP for one blueprint.
   *
   * <p>Who may call: any member of the channel. Reads {@code offer~<blueprintId>~<rpId>}; writes
   * nothing.
   *
   * @param blueprintId the blueprint
   * @param rpId the RP
   * @return the {@link Offer} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when an id is malformed; {@code NOT_FOUND}
   *     when that RP has no offer for that blueprint
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getOffer(final Context ctx, final String blueprintId, final String rpId) {
    Slices.requireId(blueprintId);
    if (rpId == null || !Envelope.SIGNER_ID.matcher(rpId).matches()) {
      throw ErrorCode.INVALID_ARGUMENT.reject("'" + rpId + "' is not a participant id");
    }
    Ledger ledger = Ledger.of(ctx);
    return Json.toJson(
        ledger
            .get(Offers.key(ledger, blueprintId, rpId), Offer.class)
            .orElseThrow(
                () ->
                    ErrorCode.NOT_FOUND.reject(
                        "RP " + rpId + " has no offer for blueprint " + blueprintId)));
  }

  /**
   * Lists the offers for one blueprint in RP-id order, one page at a time.
   *
   * <p>Who may call: any member of the channel; evaluate only. Reads {@code offer~<blueprintId>~*};
   * writes nothing.
   *
   * @param queryJson an {@link OfferQuery}, for example {@code
   *     {"blueprintId":"s-…","pageSize":100,"bookmark":""}}
   * @return a {@link Page} of {@link Offer}s as JSON: {@code {"items":[…],"bookmark":"…"}}
   * @throws ChaincodeException {@code MALFORMED} when the argument is not a JSON object; {@code
   *     INVALID_ARGUMENT} when the blueprint id is missing or malformed, the page size is not 1 to
   *     200 or the bookmark does not belong to the query
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listOffers(final Context ctx, final String queryJson) {
    OfferQuery query = Arguments.json("query", queryJson, OfferQuery.class);
    Slices.requireId(query.blueprintId());
    Ledger ledger = Ledger.of(ctx);
    Page<Offer> page =
        ledger.page(
            Offers.KEY_TYPE,
            List.of(query.blueprintId()),
            query.pageSize() == null ? SliceQuery.DEFAULT_PAGE_SIZE : query.pageSize(),
            query.bookmark(),
            entry -> ledger.decode(entry, Offer.class));
    return Json.toJson(page);
  }

  /** The market's view of an offer's QoE terms; {@code null} for none. */
  private static QoeTerms qoeTerms(final OfferedQoe qoe) {
    return qoe == null ? null : new QoeTerms(qoe.latencyMicros(), qoe.bandwidthMbps());
  }
}
