package io.sfsbroker.chaincode.request;

import io.sfsbroker.chaincode.catalog.Catalog;
import io.sfsbroker.chaincode.catalog.DefaultCatalog;
import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.common.Page;
import io.sfsbroker.chaincode.envelope.EnvelopeVerifier;
import io.sfsbroker.chaincode.envelope.VerifiedEnvelope;
import io.sfsbroker.chaincode.offer.OfferRanking;
import io.sfsbroker.chaincode.slice.Slices;
import io.sfsbroker.market.selection.CategoryRequest;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.catalog.BrokerConfig;
import io.sfsbroker.protocol.catalog.ServiceClass;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.envelope.VerifiedMessage;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.id.Ids;
import io.sfsbroker.protocol.participant.ParticipantRole;
import io.sfsbroker.protocol.request.Blueprint;
import io.sfsbroker.protocol.request.SliceRequestBody;
import io.sfsbroker.protocol.selection.SelectionRule;
import io.sfsbroker.protocol.slice.Slice;
import io.sfsbroker.protocol.slice.SliceQuery;
import io.sfsbroker.protocol.slice.SliceState;
import io.sfsbroker.protocol.transaction.Contracts;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The prime mover (paper 002, flow steps 2–4 of docs/flow.md): it accepts signed slice requests
 * from fog nodes, turns each into a network-slice blueprint and opens its offer window.
 */
@Contract(
    name = Contracts.REQUEST,
    info =
        @Info(
            title = "SFSBroker prime mover",
            description = "Slice requests, blueprints and the offer window",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class SliceRequestContract implements ContractInterface {

  /**
   * Accepts a fog node's signed slice request: stores it, creates its blueprint (amounts and
   * maximum unit prices per category, QoE needs), opens the offer window ({@code offerDeadline =}
   * transaction time {@code +} window) and creates the slice in state {@code OFFERING}.
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be signed by an
   * active {@code FOG_NODE}. Reads the signer, the envelope settings and nonce, {@code
   * sfsb-config~broker}, {@code service-class~<name>} and {@code slice~<id>}; writes {@code
   * envelope-nonce~<signer>~<nonce>}, {@code slice-request~<id>}, {@code blueprint~<id>}, {@code
   * slice~<id>}, {@code slice-state~OFFERING~<id>} and one {@code slice-event~<id>~…}; emits {@link
   * EventName#BLUEPRINT_PUBLISHED}.
   *
   * @param envelope a {@code slice-request} envelope whose body is a {@link SliceRequestBody}, for
   *     example {@code {"serviceClass":"ar-vr","budget":1500000}} or {@code
   *     {"categories":[{"category":"cpu-millicores","amount":500,"maxUnitPrice":3}]}}
   * @return the {@link Blueprint} as JSON; its {@code id} names the request, blueprint and slice
   * @throws ChaincodeException {@code MALFORMED}, {@code BAD_SIGNATURE}, {@code FORBIDDEN}
   *     (unknown, revoked or not a fog node), {@code EXPIRED}, {@code REPLAY} from the envelope
   *     checks; {@code INVALID_ARGUMENT} when the envelope is not a slice request, the body is
   *     incomplete or out of range, the service class is unknown, the window or validity is outside
   *     the broker's bounds, or the blueprint cannot be paid under the budget; {@code CONFLICT}
   *     when the derived id is taken (practically never)
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String submitSliceRequest(final Context ctx, final String envelope) {
    VerifiedEnvelope verified =
        EnvelopeVerifier.verify(
            ctx, envelope, MessageType.SLICE_REQUEST, EnumSet.of(ParticipantRole.FOG_NODE));
    SliceRequestBody body = verified.bodyAs(SliceRequestBody.class);
    Ledger ledger = Ledger.of(ctx);
    BrokerConfig config = Catalog.config(ledger);
    long window =
        within(
            "offerWindowSeconds",
            body.offerWindowSeconds(),
            config.defaultOfferWindowSeconds(),
            config.minOfferWindowSeconds(),
            config.maxOfferWindowSeconds());
    long validity =
        within(
            "validitySeconds",
            body.validitySeconds(),
            config.defaultValiditySeconds(),
            1,
            config.maxValiditySeconds());
    SelectionRule strategy = body.strategy() == null ? config.defaultStrategy() : body.strategy();
    VerifiedMessage message = verified.message();
    String id = Ids.slice(message.signerId(), message.nonce());
    if (ledger.exists(Slices.key(ledger, id))) {
      throw ErrorCode.CONFLICT.reject("slice " + id + " already exists; sign the request again");
    }
    ServiceClass serviceClass = null;
    if (body.serviceClass() != null) {
      serviceClass =
          Catalog.serviceClass(ledger, body.serviceClass())
              .orElseThrow(
                  () ->
                      ErrorCode.INVALID_ARGUMENT.reject(
                          "unknown service class "
                              + body.serviceClass()
                              + "; the defaults are "
                              + DefaultCatalog.all().stream().map(ServiceClass::name).toList()
                              + " and admins may add others"));
    }
    List<CategoryRequest> categories;
    try {
      categories = BlueprintTranslation.categories(id, body, serviceClass);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw ErrorCode.INVALID_ARGUMENT.reject(e.getMessage(), e);
    }
    Instant now = ledger.txTime();
    Blueprint blueprint =
        new Blueprint(
            id,
            message.signerId(),
            body.serviceClass(),
            Requests.blueprintCategories(categories),
            serviceClass == null ? body.qoe() : serviceClass.qoeWith(body.qoe()),
            body.budget(),
            strategy,
            now,
            now.plusSeconds(window),
            validity);

    EnvelopeVerifier.consume(ctx, verified);
    ledger.put(
        Requests.requestKey(ledger, id),
        new SliceRequest(
            id, message.signerId(), message.nonce(), message.issuedAt(), now, ledger.txId(), body));
    ledger.put(Requests.blueprintKey(ledger, id), blueprint);
    OfferRanking.open(ledger, id);
    Slices.create(
        ledger,
        Slice.offering(
            id,
            message.signerId(),
            verified.signer().org(),
            now,
            blueprint.offerDeadline(),
            validity),
        EventName.BLUEPRINT_PUBLISHED,
        message.signerId());
    ledger.emit(EventName.BLUEPRINT_PUBLISHED, blueprint);
    return Json.toJson(blueprint);
  }

  /**
   * Returns a slice request as received.
   *
   * <p>Who may call: any member of the channel. Reads {@code slice-request~<id>}; writes nothing.
   *
   * @param id the request id (the slice id)
   * @return the {@link SliceRequest} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such request
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getRequest(final Context ctx, final String id) {
    Slices.requireId(id);
    Ledger ledger = Ledger.of(ctx);
    return Json.toJson(
        ledger
            .get(Requests.requestKey(ledger, id), SliceRequest.class)
            .orElseThrow(() -> ErrorCode.NOT_FOUND.reject("request " + id + " does not exist")));
  }

  /**
   * Returns a blueprint.
   *
   * <p>Who may call: any member of the channel. Reads {@code blueprint~<id>}; writes nothing.
   *
   * @param id the blueprint id (the slice id)
   * @return the {@link Blueprint} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such blueprint
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getBlueprint(final Context ctx, final String id) {
    return Json.toJson(Requests.requireBlueprint(Ledger.of(ctx), id));
  }

  /**
   * Lists the blueprints of the slices in one state, in id order, one page at a time; by default
   * those still {@code OFFERING} (the open offer windows an RP agent looks for).
   *
   * <p>Who may call: any member of the channel; evaluate only. Reads {@code slice-state~<STATE>~*}
   * and the blueprints it names; writes nothing.
   *
   * @param queryJson a {@link SliceQuery}, for example {@code {"pageSize":20,"bookmark":""}}
   * @return a {@link Page} of {@link Blueprint}s as JSON: {@code {"items":[…],"bookmark":"…"}}
   * @throws ChaincodeException {@code MALFORMED} when the argument is not a JSON object; {@code
   *     INVALID_ARGUMENT} when the state is unknown, the page size is not 1 to 200 or the bookmark
   *     does not belong to the query
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listBlueprints(final Context ctx, final String queryJson) {
    SliceQuery query = Arguments.json("query", queryJson, SliceQuery.class);
    Ledger ledger = Ledger.of(ctx);
    SliceState state = query.state() == null ? SliceState.OFFERING : query.state();
    Page<Blueprint> page =
        Slices.pageByState(
            ledger,
            state,
            query.pageSizeOrDefault(),
            query.bookmark(),
            id ->
                Requests.findBlueprint(ledger, id)
                    .orElseThrow(
                        () ->
                            ErrorCode.INTERNAL.reject(
                                "slice " + id + " has no blueprint, though the index names it")));
    return Json.toJson(page);
  }

  private static long within(
      final String name, final Long value, final long fallback, final long min, final long max) {
    long chosen = value == null ? fallback : value;
    if (chosen < min || chosen > max) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          name
              + " must be "
              + min
              + " to "
              + max
              + " seconds (the broker's bounds), was "
              + chosen);
    }
    return chosen;
  }
}
