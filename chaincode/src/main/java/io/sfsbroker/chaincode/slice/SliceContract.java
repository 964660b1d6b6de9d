package io.sfsbroker.chaincode.slice;

import io.sfsbroker.chaincode.catalog.Catalog;
import io.sfsbroker.chaincode.common.Account;
import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.Caller;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.common.Page;
import io.sfsbroker.chaincode.envelope.EnvelopeVerifier;
import io.sfsbroker.chaincode.envelope.VerifiedEnvelope;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.participant.ParticipantRole;
import io.sfsbroker.protocol.selection.Winner;
import io.sfsbroker.protocol.slice.Endpoint;
import io.sfsbroker.protocol.slice.FailureReportBody;
import io.sfsbroker.protocol.slice.InstantiationConfirmationBody;
import io.sfsbroker.protocol.slice.PartConfirmation;
import io.sfsbroker.protocol.slice.PartEndpoint;
import io.sfsbroker.protocol.slice.ServiceConfirmationBody;
import io.sfsbroker.protocol.slice.Slice;
import io.sfsbroker.protocol.slice.SliceEndpoints;
import io.sfsbroker.protocol.slice.SliceHistoryEntry;
import io.sfsbroker.protocol.slice.SliceQuery;
import io.sfsbroker.protocol.slice.SliceState;
import io.sfsbroker.protocol.transaction.Contracts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
 * The global slice manager (paper 002, flow steps 9–12 of docs/flow.md): it collects the winners'
 * instantiation confirmations, hands the assembled slice to the fog node, takes its service
 * confirmation, and ends slices on failure, timeout or decommission. Every change follows {@link
 * SliceState}.
 *
 * <p>The events of these transactions carry the {@link Slice} after the change with {@code
 * holderId}, the fog node that owned every bundle token just before it (read before any burn), so
 * that the bridge tells the slice's holder as well as the fog node that requested it
 * (docs/protocol.md, "Notices"); the stored slice never names a holder.
 */
@Contract(
    name = Contracts.SLICE,
    info =
        @Info(
            title = "SFSBroker global slice manager",
            description = "Instantiation, service confirmation, failure, expiry and decommission",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class SliceContract implements ContractInterface {

  /** The object type of part-confirmation keys. */
  public static final String PART_KEY_TYPE = "slice-part";

  /**
   * Records a winning RP's signed confirmation that its part runs, with the endpoint of each
   * category it won. When it is the last missing part the slice becomes {@code ACTIVE}, valid for
   * its validity from now, and the fog node has the broker's service-confirmation timeout to
   * confirm.
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be signed by an
   * active {@code RESOURCE_PROVIDER} that won a part of the slice. Reads the signer, envelope
   * settings and nonce, {@code slice~<id>}, {@code slice-part~<id>~*} of every winner and {@code
   * sfsb-config~broker}, and on the last part the bundle tokens; writes {@code envelope-nonce~…},
   * {@code slice-part~<id>~<rpId>}, one {@code slice-event~<id>~…}, and on the last part {@code
   * slice~<id>} and its index entries. Emits {@link EventName#INSTANTIATION_CONFIRMED}, or {@link
   * EventName#SLICE_READY} on the last part, whose {@link Slice} names the device that owns the
   * bundle tokens now ({@code holderId}), so that the bridge hands the slice to its holder too.
   *
   * @param envelope an {@code instantiation-confirmation} envelope whose body is an {@link
   *     InstantiationConfirmationBody}, for example {@code {"sliceId":"s-…","parts":[{"category":
   *     "cpu-millicores","host":"10.0.0.7","ports":[8080],"instanceId":"sfsb-s-…-cpu"}]}}
   * @return the {@link Slice} as JSON, after this confirmation
   * @throws ChaincodeException the envelope codes ({@code MALFORMED}, {@code BAD_SIGNATURE}, {@code
   *     FORBIDDEN}, {@code EXPIRED}, {@code REPLAY}); {@code INVALID_ARGUMENT} when the body is
   *     invalid or its categories are not exactly those the RP won; {@code NOT_FOUND} when there is
   *     no such slice; {@code INVALID_STATE} when the slice is not {@code AWARDED} or its
   *     instantiation deadline has passed; {@code FORBIDDEN} when the signer won no part; {@code
   *     CONFLICT} when it already confirmed
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String confirmInstantiation(final Context ctx, final String envelope) {
    VerifiedEnvelope verified =
        EnvelopeVerifier.verify(
            ctx,
            envelope,
            MessageType.INSTANTIATION_CONFIRMATION,
            EnumSet.of(ParticipantRole.RESOURCE_PROVIDER));
    InstantiationConfirmationBody body = verified.bodyAs(InstantiationConfirmationBody.class);
    Ledger ledger = Ledger.of(ctx);
    Slice slice = Slices.require(ledger, body.sliceId());
    String rpId = verified.signer().id();
    if (slice.state() != SliceState.AWARDED) {
      throw ErrorCode.INVALID_STATE.reject(
          "slice " + slice.id() + " is " + slice.state() + ", not AWARDED; nothing to confirm");
    }
    if (!slice.winningRps().contains(rpId)) {
      throw ErrorCode.FORBIDDEN.reject(
          "RP "
              + rpId
              + " won no part of slice "
              + slice.id()
              + "; the winners are "
              + slice.winningRps());
    }
    Instant now = ledger.txTime();
    requireBefore(slice, now, "the instantiation deadline");
    if (ledger.exists(partKey(ledger, slice.id(), rpId))) {
      throw ErrorCode.CONFLICT.reject(
          "RP " + rpId + " already confirmed its part of slice " + slice.id());
    }
    List<Endpoint> endpoints = endpoints(slice, rpId, body);
    TreeSet<String> waitingFor = new TreeSet<>();
    Map<String, Endpoint> byCategory = new TreeMap<>();
    endpoints.forEach(e -> byCategory.put(e.category(), e));
    for (String winner : slice.winningRps()) {
      if (!winner.equals(rpId)) {
        ledger
            .get(partKey(ledger, slice.id(), winner), PartConfirmation.class)
            .ifPresentOrElse(
                part -> part.endpoints().forEach(e -> byCategory.put(e.category(), e)),
                () -> waitingFor.add(winner));
      }
    }
    PartConfirmation part =
        new PartConfirmation(
            slice.id(), rpId, endpoints, now, ledger.txId(), List.copyOf(waitingFor));

    EnvelopeVerifier.consume(ctx, verified);
    ledger.put(partKey(ledger, slice.id(), rpId), part);
    if (!waitingFor.isEmpty()) {
      Slices.note(
          ledger,
          slice,
          EventName.INSTANTIATION_CONFIRMED,
          rpId,
          "RP " + rpId + " confirmed " + slice.categoriesOf(rpId) + "; waiting for " + waitingFor);
      ledger.emit(EventName.INSTANTIATION_CONFIRMED, part);
      return Json.toJson(slice);
    }
    List<Endpoint> all = new ArrayList<>();
    for (Winner winner : slice.winners()) {
      all.add(byCategory.get(winner.category()));
    }
    Instant due = now.plusSeconds(Catalog.config(ledger).serviceConfirmationTimeoutSeconds());
    Slice active = slice.activated(all, due, now);
    Slice reported = SlicePayments.withHolder(ledger, slice, active);
    Slices.move(ledger, slice, active, EventName.SLICE_READY, rpId);
    ledger.emit(EventName.SLICE_READY, reported);
    return Json.toJson(active);
  }

  /**
   * Records the fog node's signed confirmation that it received its slice and reaches its services:
   * the slice becomes {@code IN_SERVICE} (the point where escrowed payment is released).
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be signed by a fog
   * node that holds the slice: its device account owns every bundle token {@code
   * bundle:<id>:<category>}, is approved for it or is an operator of its owner (the fog node that
   * requested the slice, until it transfers them). Reads the signer, envelope settings and nonce,
   * {@code slice~<id>} and the bundle tokens; writes {@code envelope-nonce~…}, {@code slice~<id>},
   * its index entries and one {@code slice-event~<id>~…}, and releases {@code escrow~<id>} into the
   * winners' {@code credit-balance~device:<rp>} (each its price); emits {@link
   * EventName#SLICE_IN_SERVICE}.
   *
   * @param envelope a {@code service-confirmation} envelope whose body is a {@link
   *     ServiceConfirmationBody} with status {@code RECEIVED}: {@code {"sliceId":"s-…"}}
   * @return the {@link Slice} as JSON
   * @throws ChaincodeException the envelope codes; {@code INVALID_ARGUMENT} when the body is
   *     invalid or its status is {@code RELEASED}; {@code NOT_FOUND} when there is no such slice;
   *     {@code INVALID_STATE} when the slice is not {@code ACTIVE} or the confirmation deadline has
   *     passed; {@code FORBIDDEN} when the signer does not hold the slice's tokens
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String confirmService(final Context ctx, final String envelope) {
    VerifiedEnvelope verified = verifyTenantMessage(ctx, envelope);
    ServiceConfirmationBody body = verified.bodyAs(ServiceConfirmationBody.class);
    if (body.status() != ServiceConfirmationBody.Status.RECEIVED) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "a service confirmation with status " + body.status() + " goes to slice:decommission");
    }
    Ledger ledger = Ledger.of(ctx);
    Slice slice = Slices.require(ledger, body.sliceId());
    Slices.requireMove(slice.state(), SliceState.IN_SERVICE, slice.id(), "confirm service");
    String holder = verified.signer().id();
    SlicePayments.requireHolder(ledger, slice, Account.device(holder), "confirm service of");
    Instant now = ledger.txTime();
    requireBefore(slice, now, "the service-confirmation deadline");
    Slice serving =
        slice.moved(
            SliceState.IN_SERVICE,
            holder + ", holder of its tokens, confirmed service; valid until " + slice.validUntil(),
            now);

    EnvelopeVerifier.consume(ctx, verified);
    Slice reported = SlicePayments.withHolder(ledger, slice, serving);
    Slices.move(ledger, slice, serving, EventName.SLICE_IN_SERVICE, holder);
    SlicePayments.release(ledger, slice);
    ledger.emit(EventName.SLICE_IN_SERVICE, reported);
    return Json.toJson(serving);
  }

  /**
   * Records a signed failure report: the slice becomes {@code FAILED}, and the bridge tells the
   * other winners to stop their parts (and escrow refunds the tenant).
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be signed by a
   * winning {@code RESOURCE_PROVIDER} of the slice or by a fog node that holds its bundle tokens
   * (as for {@link #confirmService}). Reads the signer, envelope settings and nonce, {@code
   * slice~<id>} and the bundle tokens; writes {@code envelope-nonce~…}, {@code slice~<id>}, its
   * index entries and one {@code slice-event~<id>~…}; refunds {@code escrow~<id>} to the tenant if
   * it is still locked and burns the slice's bundle tokens; emits {@value EventName#SLICE_FAILED}.
   *
   * @param envelope a {@code failure-report} envelope whose body is a {@link FailureReportBody},
   *     for example {@code {"sliceId":"s-…","category":"memory-mib","reason":"container exited"}}
   * @return the {@link Slice} as JSON
   * @throws ChaincodeException the envelope codes; {@code INVALID_ARGUMENT} when the body is
   *     invalid or names a category the signer does not serve; {@code NOT_FOUND} when there is no
   *     such slice; {@code INVALID_STATE} when the slice is not {@code AWARDED}, {@code ACTIVE} or
   *     {@code IN_SERVICE}; {@code FORBIDDEN} when the signer is neither a winner nor the holder
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String reportFailure(final Context ctx, final String envelope) {
    VerifiedEnvelope verified =
        EnvelopeVerifier.verify(
            ctx,
            envelope,
            MessageType.FAILURE_REPORT,
            EnumSet.of(ParticipantRole.RESOURCE_PROVIDER, ParticipantRole.FOG_NODE));
    FailureReportBody body = verified.bodyAs(FailureReportBody.class);
    Ledger ledger = Ledger.of(ctx);
    Slice slice = Slices.require(ledger, body.sliceId());
    String signer = verified.signer().id();
    boolean holder = SlicePayments.holds(ledger, slice, Account.device(signer));
    if (!holder && !slice.winningRps().contains(signer)) {
      Slices.requireMove(slice.state(), SliceState.FAILED, slice.id(), "be reported as failed");
      throw ErrorCode.FORBIDDEN.reject(
          signer + " neither holds the tokens of nor won a part of slice " + slice.id());
    }
    if (body.category() != null
        && !holder
        && !slice.categoriesOf(signer).contains(body.category())) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "RP " + signer + " does not serve category " + body.category() + " of " + slice.id());
    }
    Slices.requireMove(slice.state(), SliceState.FAILED, slice.id(), "be reported as failed");
    Slice failed =
        slice.moved(
            SliceState.FAILED,
            signer
                + " reported a failure"
                + (body.category() == null ? "" : " of " + body.category())
                + ": "
                + body.reason(),
            ledger.txTime());

    EnvelopeVerifier.consume(ctx, verified);
    Slice reported = SlicePayments.withHolder(ledger, slice, failed);
    Slices.move(ledger, slice, failed, EventName.SLICE_FAILED, signer);
    SlicePayments.end(ledger, slice, failed.reason());
    ledger.emit(EventName.SLICE_FAILED, reported);
    return Json.toJson(failed);
  }

  /**
   * Ends a slice whose timeout has passed: an {@code AWARDED} slice past its instantiation
   * deadline, or an {@code ACTIVE} one past its service-confirmation deadline, becomes {@code
   * TIMED_OUT}; an {@code IN_SERVICE} slice past its validity becomes {@code DECOMMISSIONED}.
   * Deadlines are compared with the transaction time: the call succeeds only when the time is after
   * the deadline.
   *
   * <p>Who may call: any member of the channel. Reads {@code slice~<id>}, its bundle tokens and for
   * an {@code AWARDED} slice {@code slice-part~<id>~*}; writes {@code slice~<id>}, its index
   * entries and one {@code slice-event~<id>~…}; refunds {@code escrow~<id>} if it is still locked
   * and burns the slice's bundle tokens; emits {@link EventName#SLICE_TIMED_OUT} or {@value
   * EventName#SLICE_DECOMMISSIONED}.
   *
   * @param sliceId the slice
   * @return the {@link Slice} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such slice; {@code INVALID_STATE} when nothing is due: its state has no
   *     timeout, or the deadline has not passed
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String expire(final Context ctx, final String sliceId) {
    Ledger ledger = Ledger.of(ctx);
    Slice slice = Slices.require(ledger, sliceId);
    Instant now = ledger.txTime();
    Instant due =
        switch (slice.state()) {
          case AWARDED, ACTIVE -> slice.confirmationDeadline();
          case IN_SERVICE -> slice.validUntil();
          default -> null;
        };
    if (due == null || !now.isAfter(due)) {
      throw ErrorCode.INVALID_STATE.reject(
          "nothing is due for slice "
              + sliceId
              + ": it is "
              + slice.state()
              + (due == null ? ", which has no timeout" : " until " + due + "; now is " + now));
    }
    Slice ended;
    EventName event;
    if (slice.state() == SliceState.IN_SERVICE) {
      ended = slice.moved(SliceState.DECOMMISSIONED, "its validity ended at " + due, now);
      event = EventName.SLICE_DECOMMISSIONED;
    } else if (slice.state() == SliceState.AWARDED) {
      TreeSet<String> missing = new TreeSet<>();
      for (String winner : slice.winningRps()) {
        if (!ledger.exists(partKey(ledger, sliceId, winner))) {
          missing.add(winner);
        }
      }
      ended =
          slice.moved(
              SliceState.TIMED_OUT,
              "no instantiation confirmation by " + due + " from " + missing,
              now);
      event = EventName.SLICE_TIMED_OUT;
    } else {
      ended =
          slice.moved(
              SliceState.TIMED_OUT,
              "the fog node " + slice.tenantId() + " did not confirm service by " + due,
              now);
      event = EventName.SLICE_TIMED_OUT;
    }
    Slice reported = SlicePayments.withHolder(ledger, slice, ended);
    Slices.move(ledger, slice, ended, event, "anyone");
    SlicePayments.end(ledger, slice, ended.reason());
    ledger.emit(event, reported);
    return Json.toJson(ended);
  }

  /**
   * Decommissions a slice at the signed request of its holder (a service confirmation with status
   * {@code RELEASED}).
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope must be signed by a fog
   * node that holds the slice's bundle tokens (as for {@link #confirmService}). Reads the signer,
   * envelope settings and nonce, {@code slice~<id>} and the bundle tokens; writes {@code
   * envelope-nonce~…}, {@code slice~<id>}, its index entries and one {@code slice-event~<id>~…};
   * refunds {@code escrow~<id>} to its payer (the fog node that requested the slice) if service was
   * never confirmed and burns the slice's bundle tokens; emits {@link
   * EventName#SLICE_DECOMMISSIONED}.
   *
   * @param envelope a {@code service-confirmation} envelope whose body is {@code
   *     {"sliceId":"s-…","status":"RELEASED"}}
   * @return the {@link Slice} as JSON
   * @throws ChaincodeException the envelope codes; {@code INVALID_ARGUMENT} when the body is
   *     invalid or its status is not {@code RELEASED}; {@code NOT_FOUND} when there is no such
   *     slice; {@code INVALID_STATE} when the slice is not {@code AWARDED}, {@code ACTIVE} or
   *     {@code IN_SERVICE}; {@code FORBIDDEN} when the signer does not hold the slice's tokens
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String decommission(final Context ctx, final String envelope) {
    VerifiedEnvelope verified = verifyTenantMessage(ctx, envelope);
    ServiceConfirmationBody body = verified.bodyAs(ServiceConfirmationBody.class);
    if (body.status() != ServiceConfirmationBody.Status.RELEASED) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "to decommission, sign a service confirmation with status RELEASED");
    }
    Ledger ledger = Ledger.of(ctx);
    Slice slice = Slices.require(ledger, body.sliceId());
    Slices.requireMove(slice.state(), SliceState.DECOMMISSIONED, slice.id(), "be decommissioned");
    String holder = verified.signer().id();
    SlicePayments.requireHolder(ledger, slice, Account.device(holder), "decommission");
    Slice ended =
        slice.moved(
            SliceState.DECOMMISSIONED,
            "released by " + holder + ", holder of its tokens",
            ledger.txTime());

    EnvelopeVerifier.consume(ctx, verified);
    Slice reported = SlicePayments.withHolder(ledger, slice, ended);
    Slices.move(ledger, slice, ended, EventName.SLICE_DECOMMISSIONED, holder);
    SlicePayments.end(ledger, slice, ended.reason());
    ledger.emit(EventName.SLICE_DECOMMISSIONED, reported);
    return Json.toJson(ended);
  }

  /**
   * Decommissions a slice on behalf of its tenant's organisation.
   *
   * <p>Who may call: an admin (certificate with {@code OU=admin}) of the organisation of the fog
   * node that requested the slice. Reads the bundle tokens; reads and writes {@code slice~<id>},
   * its index entries and one {@code slice-event~<id>~…}; refunds {@code escrow~<id>} if service
   * was never confirmed and burns the slice's bundle tokens; emits {@link
   * EventName#SLICE_DECOMMISSIONED}.
   *
   * @param sliceId the slice
   * @return the {@link Slice} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such slice; {@code FORBIDDEN} when the caller is not an admin of the
   *     tenant's organisation; {@code INVALID_STATE} when the slice is not {@code AWARDED}, {@code
   *     ACTIVE} or {@code IN_SERVICE}
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String decommissionAsAdmin(final Context ctx, final String sliceId) {
    Ledger ledger = Ledger.of(ctx);
    Slice slice = Slices.require(ledger, sliceId);
    Caller caller = Caller.of(ctx);
    caller.requireAdminOf(slice.tenantOrg(), "decommission the slices");
    Slices.requireMove(slice.state(), SliceState.DECOMMISSIONED, slice.id(), "be decommissioned");
    Slice ended =
        slice.moved(
            SliceState.DECOMMISSIONED,
            "decommissioned by an admin of " + caller.mspId(),
            ledger.txTime());
    Slice reported = SlicePayments.withHolder(ledger, slice, ended);
    Slices.move(ledger, slice, ended, EventName.SLICE_DECOMMISSIONED, caller.mspId());
    SlicePayments.end(ledger, slice, ended.reason());
    ledger.emit(EventName.SLICE_DECOMMISSIONED, reported);
    return Json.toJson(ended);
  }

  /**
   * Returns a slice.
   *
   * <p>Who may call: any member of the channel. Reads {@code slice~<id>}; writes nothing.
   *
   * @param sliceId the slice
   * @return the {@link Slice} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such slice
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getSlice(final Context ctx, final String sliceId) {
    return Json.toJson(Slices.require(Ledger.of(ctx), sliceId));
  }

  /**
   * Lists slices in id order, one page at a time: those in one state, or all.
   *
   * <p>Who may call: any member of the channel; evaluate only. Reads {@code slice-state~<STATE>~*}
   * and the slices it names (or {@code slice~*}); writes nothing.
   *
   * @param queryJson a {@link SliceQuery}, for example {@code {"state":"ACTIVE","pageSize":20}};
   *     {@code {}} for the first page of all slices
   * @return a {@link Page} of {@link Slice}s as JSON: {@code {"items":[…],"bookmark":"…"}}
   * @throws ChaincodeException {@code MALFORMED} when the argument is not a JSON object; {@code
   *     INVALID_ARGUMENT} when the state is unknown, the page size is not 1 to 200 or the bookmark
   *     does not belong to the query
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listSlices(final Context ctx, final String queryJson) {
    SliceQuery query = Arguments.json("query", queryJson, SliceQuery.class);
    Ledger ledger = Ledger.of(ctx);
    Page<Slice> page;
    if (query.state() == null) {
      page =
          ledger.page(
              Slices.KEY_TYPE,
              List.of(),
              query.pageSizeOrDefault(),
              query.bookmark(),
              entry -> ledger.decode(entry, Slice.class));
    } else {
      page =
          Slices.pageByState(
              ledger,
              query.state(),
              query.pageSizeOrDefault(),
              query.bookmark(),
              id ->
                  Slices.find(ledger, id)
                      .orElseThrow(
                          () ->
                              ErrorCode.INTERNAL.reject(
                                  "the state index names slice " + id + ", which is missing")));
    }
    return Json.toJson(page);
  }

  /**
   * Returns the history of a slice: every step from its request on, oldest first.
   *
   * <p>Who may call: any member of the channel. Reads {@code slice~<id>} and {@code
   * slice-event~<id>~*}; writes nothing.
   *
   * @param sliceId the slice
   * @return a JSON array of {@link SliceHistoryEntry}s
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such slice
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getSliceHistory(final Context ctx, final String sliceId) {
    Ledger ledger = Ledger.of(ctx);
    Slices.require(ledger, sliceId);
    return Json.toJson(Slices.history(ledger, sliceId));
  }

  /**
   * Returns the instantiation confirmations of a slice received so far, in RP-id order.
   *
   * <p>Who may call: any member of the channel. Reads {@code slice~<id>} and {@code
   * slice-part~<id>~*}; writes nothing.
   *
   * @param sliceId the slice
   * @return a JSON array of {@link PartConfirmation}s
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such slice
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getSliceParts(final Context ctx, final String sliceId) {
    Ledger ledger = Ledger.of(ctx);
    Slices.require(ledger, sliceId);
    return Json.toJson(
        ledger.all(
            PART_KEY_TYPE,
            List.of(sliceId),
            entry -> ledger.decode(entry, PartConfirmation.class)));
  }

  /**
   * Returns where a slice's services are reached, to an account that holds the slice: its owner,
   * approved account or an operator of its owner for every bundle token. The bridge asks it on
   * behalf of a device (docs/protocol.md, <i>Queries</i>) with the device's account, which the MQTT
   * broker authenticated; an operator's client asks with its own {@code client:} account.
   *
   * <p>Who may call: any member of the channel; evaluate only. Reads {@code slice~<id>} and the
   * slice's bundle tokens (and operator approvals of their owners); writes nothing.
   *
   * @param sliceId the slice
   * @param account who asks, {@code device:<participantId>} or {@code client:<mspId>:<x509 id>}
   * @return a {@link SliceEndpoints} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id or the account is malformed;
   *     {@code NOT_FOUND} when there is no such slice; {@code FORBIDDEN} when {@code account} does
   *     not hold every bundle token of the slice (also once the slice ended and they were burned)
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getSliceEndpoints(final Context ctx, final String sliceId, final String account) {
    Ledger ledger = Ledger.of(ctx);
    Slice slice = Slices.require(ledger, sliceId);
    Account.require("account", account);
    SlicePayments.requireHolder(ledger, slice, account, "read the endpoints of");
    return Json.toJson(
        new SliceEndpoints(
            slice.id(), slice.state(), account, slice.endpoints(), slice.validUntil()));
  }

  private static String partKey(final Ledger ledger, final String sliceId, final String rpId) {
    return ledger.key(PART_KEY_TYPE, sliceId, rpId);
  }

  private static VerifiedEnvelope verifyTenantMessage(final Context ctx, final String envelope) {
    return EnvelopeVerifier.verify(
        ctx, envelope, MessageType.SERVICE_CONFIRMATION, EnumSet.of(ParticipantRole.FOG_NODE));
  }

  private static void requireBefore(final Slice slice, final Instant now, final String what) {
    if (slice.confirmationDeadline() != null && now.isAfter(slice.confirmationDeadline())) {
      throw ErrorCode.INVALID_STATE.reject(
          what
              + " of slice "
              + slice.id()
              + " passed at "
              + slice.confirmationDeadline()
              + "; it awaits slice:expire");
    }
  }

  private static List<Endpoint> endpoints(
      final Slice slice, final String rpId, final InstantiationConfirmationBody body) {
    List<String> won = slice.categoriesOf(rpId);
    TreeSet<String> given = new TreeSet<>();
    body.parts().forEach(p -> given.add(p.category()));
    if (!given.equals(new TreeSet<>(won))) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "RP "
              + rpId
              + " won "
              + won
              + " of slice "
              + slice.id()
              + " and must confirm exactly"
              + " those, not "
              + given);
    }
    List<Endpoint> endpoints = new ArrayList<>();
    for (String category : won) {
      for (PartEndpoint part : body.parts()) {
        if (part.category().equals(category)) {
          endpoints.add(new Endpoint(category, rpId, part.host(), part.ports(), part.instanceId()));
        }
      }
    }
    return endpoints;
  }
}
