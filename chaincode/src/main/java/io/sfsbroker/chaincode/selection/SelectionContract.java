package io.sfsbroker.chaincode.selection;

import io.sfsbroker.chaincode.catalog.Catalog;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.credit.Credits;
import io.sfsbroker.chaincode.offer.Offer;
import io.sfsbroker.chaincode.offer.OfferRanking;
import io.sfsbroker.chaincode.offer.Offers;
import io.sfsbroker.chaincode.offer.RankedOffer;
import io.sfsbroker.chaincode.participant.Participants;
import io.sfsbroker.chaincode.request.Requests;
import io.sfsbroker.chaincode.slice.SlicePayments;
import io.sfsbroker.chaincode.slice.Slices;
import io.sfsbroker.market.qoe.QoeExclusion;
import io.sfsbroker.market.qoe.QoeRequirement;
import io.sfsbroker.market.qoe.QoeScreen;
import io.sfsbroker.market.qoe.QoeScreening;
import io.sfsbroker.market.selection.Allocation;
import io.sfsbroker.market.selection.EquilibriumTable;
import io.sfsbroker.market.selection.RankedCell;
import io.sfsbroker.market.selection.RankedFormation;
import io.sfsbroker.market.selection.RowSummary;
import io.sfsbroker.market.selection.RpOffer;
import io.sfsbroker.market.selection.SelectionResult;
import io.sfsbroker.market.selection.SelectionStatus;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.participant.Participant;
import io.sfsbroker.protocol.participant.ParticipantRole;
import io.sfsbroker.protocol.request.Blueprint;
import io.sfsbroker.protocol.selection.SelectionFailed;
import io.sfsbroker.protocol.selection.SelectionRule;
import io.sfsbroker.protocol.selection.SelectionUnfunded;
import io.sfsbroker.protocol.selection.SliceAwarded;
import io.sfsbroker.protocol.selection.Winner;
import io.sfsbroker.protocol.slice.Slice;
import io.sfsbroker.protocol.slice.SliceState;
import io.sfsbroker.protocol.transaction.Contracts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
 * The mediator's selection (paper 002, flow step 8 of docs/flow.md): it closes a blueprint's offer
 * window, runs the selection rule over the stored offers on chain and records the winners; and it
 * serves the full equilibrium table, recomputed and checked against the stored digest.
 */
@Contract(
    name = Contracts.SELECTION,
    info =
        @Info(
            title = "SFSBroker mediator: selection",
            description = "Closes offer windows and selects the winning RPs on chain",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class SelectionContract implements ContractInterface {

  /** The object type of selection keys. */
  public static final String KEY_TYPE = "selection";

  /**
   * Closes the offer window of a blueprint and runs its selection rule (Stackelberg, lowest offer
   * or proportional share) over every stored offer of an RP that is still active: the offers of RPs
   * revoked since they offered are left out and named in the record's {@code excludedRpIds}, and
   * every offered category whose QoE terms cannot meet the blueprint's QoE needs (latency, data
   * rate) is left out and named with the reason in the record's {@code qoeExcluded}, before the
   * rule runs. When every category has a winner the slice becomes {@code AWARDED}, the tenant's
   * total price is locked in escrow {@code escrow~<id>} and one bundle token per category ({@code
   * bundle:<id>:<category>}) is minted to the tenant, and the winners have the broker's
   * instantiation timeout to confirm; when the tenant's credits cannot cover the total price the
   * slice becomes {@code FAILED} and nothing is locked; when some category has no feasible offer
   * (or there are no offers) the slice becomes {@code FAILED} with the reason. Allowed once the
   * deadline has passed, or earlier once every active RP has offered. Several bridges may call it;
   * the first to commit wins and the others conflict or get {@code INVALID_STATE}.
   *
   * <p>Who may call: any member of the channel. Reads {@code blueprint~<id>}, {@code slice~<id>},
   * {@code offer~<id>~*}, the participants who offered, {@code sfsb-config~broker}, and before the
   * deadline {@code participant-role~RESOURCE_PROVIDER~*} with the participants it names. Writes
   * only {@code selection~<id>} (winners, prices, table digest — not the table), {@code
   * slice~<id>}, its state index entries and one {@code slice-event~<id>~…}: a few kilobytes
   * whatever the number of offers; on award also {@code credit-balance~device:<tenant>}, {@code
   * escrow~<id>} and the bundle tokens {@code nft~…} with their {@code nft-owner~…} entries. Emits
   * {@value EventName#SLICE_AWARDED}, {@link EventName#SELECTION_UNFUNDED} or {@value
   * EventName#SELECTION_FAILED}.
   *
   * @param blueprintId the blueprint (slice) id
   * @return the {@link SelectionRecord} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such blueprint; {@code INVALID_STATE} when it was already closed, or the
   *     window is still open and some active RP has not offered
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String closeAndSelect(final Context ctx, final String blueprintId) {
    Ledger ledger = Ledger.of(ctx);
    Blueprint blueprint = Requests.requireBlueprint(ledger, blueprintId);
    Slice slice = Slices.require(ledger, blueprintId);
    if (slice.state() != SliceState.OFFERING) {
      throw ErrorCode.INVALID_STATE.reject(
          "blueprint " + blueprintId + " was already closed; its slice is " + slice.state());
    }
    Instant now = ledger.txTime();
    Selected selected =
        OfferRanking.isRanked(ledger, blueprintId)
            ? selectRanked(ledger, blueprint, now)
            : selectStored(ledger, blueprint, now);
    SelectionResult result = selected.result();
    QoeScreening screening = selected.screening();
    List<String> excluded = selected.excluded();
    String outcome = screening.reasonOf(result);
    SelectionStatus status = screening.statusOf(result);
    SelectionRecord record =
        new SelectionRecord(
            blueprintId,
            blueprint.strategy(),
            status,
            outcome,
            result.winners(),
            result.unservedCategories(),
            result.totalPrice(),
            result.federated(),
            selected.offerCount(),
            excluded,
            screening.excluded(),
            result.iterations(),
            result.converged(),
            result.tableDigest(),
            EquilibriumTable.DIGEST_VERSION,
            now,
            ledger.txId());

    ledger.put(key(ledger, blueprintId), record);
    String payer = SlicePayments.tenantAccount(slice);
    long balance = Credits.balance(ledger, payer);
    if (result.isSelected() && balance < result.totalPrice()) {
      String reason =
          "the tenant "
              + payer
              + " holds "
              + balance
              + " credits, fewer than the "
              + result.totalPrice()
              + " the award costs; nothing was locked";
      Slices.move(
          ledger,
          slice,
          slice.moved(SliceState.FAILED, reason, now),
          EventName.SELECTION_UNFUNDED,
          "anyone");
      ledger.emit(
          EventName.SELECTION_UNFUNDED,
          new SelectionUnfunded(
              blueprintId, slice.tenantId(), result.totalPrice(), balance, reason));
    } else if (result.isSelected()) {
      Instant due = now.plusSeconds(Catalog.config(ledger).instantiationTimeoutSeconds());
      List<Winner> winners = winners(result.winners());
      Slice awarded =
          slice.awarded(
              winners, result.totalPrice(), result.federated(), due, now, result.reason());
      Slices.move(ledger, slice, awarded, EventName.SLICE_AWARDED, "anyone");
      SlicePayments.award(ledger, slice, winners);
      ledger.emit(
          EventName.SLICE_AWARDED,
          new SliceAwarded(
              blueprintId,
              slice.tenantId(),
              result.strategy(),
              winners,
              result.totalPrice(),
              result.federated(),
              result.tableDigest(),
              due));
    } else {
      Slices.move(
          ledger,
          slice,
          slice.moved(SliceState.FAILED, outcome, now),
          EventName.SELECTION_FAILED,
          "anyone");
      ledger.emit(
          EventName.SELECTION_FAILED,
          new SelectionFailed(
              blueprintId,
              slice.tenantId(),
              status.name(),
              outcome,
              result.unservedCategories(),
              result.tableDigest()));
    }
    return Json.toJson(record);
  }

  /**
   * Returns the selection of a blueprint: winners, prices, table digest.
   *
   * <p>Who may call: any member of the channel. Reads {@code selection~<id>}; writes nothing.
   *
   * @param blueprintId the blueprint (slice) id
   * @return the {@link SelectionRecord} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when the blueprint has not been selected (or does not exist)
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getSelection(final Context ctx, final String blueprintId) {
    return Json.toJson(requireRecord(Ledger.of(ctx), blueprintId));
  }

  /**
   * Returns the full equilibrium table of a selected blueprint (the paper's Table 1): recomputed
   * from the stored offers with the recorded rule (without those of the record's {@code
   * excludedRpIds}) and checked against the stored digest.
   *
   * <p>Who may call: any member of the channel; evaluate only (the table of 2,048 RPs is far larger
   * than a write set should be). Reads {@code selection~<id>}, {@code blueprint~<id>} and {@code
   * offer~<id>~*}; writes nothing.
   *
   * @param blueprintId the blueprint (slice) id
   * @return the {@link EquilibriumTableView} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when the blueprint has not been selected; {@code INTERNAL} when the recomputed table does
   *     not match the stored digest (the stored offers or the algorithm changed)
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getEquilibriumTable(final Context ctx, final String blueprintId) {
    Ledger ledger = Ledger.of(ctx);
    SelectionRecord record = requireRecord(ledger, blueprintId);
    Blueprint blueprint = Requests.requireBlueprint(ledger, blueprintId);
    List<RpOffer> inputs = new ArrayList<>();
    for (Offer offer : Offers.all(ledger, blueprintId)) {
      if (!record.excludedRpIds().contains(offer.rpId())) {
        inputs.add(offer.toSelectionInput());
      }
    }
    SelectionResult result =
        select(
            record.strategy(),
            blueprint,
            QoeScreen.screen(QoeRequirement.of(blueprint.qoe()), inputs));
    // A record stored before digest v4 holds the digest of every cell in one sequence (v3).
    String digest =
        record.tableVersion() < EquilibriumTable.DIGEST_VERSION
            ? result.table().legacyDigest()
            : result.tableDigest();
    if (!digest.equals(record.tableDigest())) {
      throw ErrorCode.INTERNAL.reject(
          "the recomputed table of blueprint "
              + blueprintId
              + " has digest "
              + digest
              + ", not the stored "
              + record.tableDigest());
    }
    return Json.toJson(EquilibriumTableView.of(result.table()));
  }

  static String key(final Ledger ledger, final String blueprintId) {
    return ledger.key(KEY_TYPE, blueprintId);
  }

  private static SelectionRecord requireRecord(final Ledger ledger, final String blueprintId) {
    Slices.requireId(blueprintId);
    return ledger
        .get(key(ledger, blueprintId), SelectionRecord.class)
        .orElseThrow(
            () ->
                ErrorCode.NOT_FOUND.reject(
                    "blueprint " + blueprintId + " has no selection (yet); see slice:getSlice"));
  }

  /** What a selection decided, over which offers. */
  private record Selected(
      SelectionResult result, QoeScreening screening, List<String> excluded, int offerCount) {}

  /**
   * Selects from the blueprint's ranking ({@link OfferRanking}): the rows, the revoked RPs (one
   * index range) and per category its cheapest ranked cells, never the offers themselves.
   */
  private static Selected selectRanked(
      final Ledger ledger, final Blueprint blueprint, final Instant now) {
    TreeSet<String> revoked = Participants.revokedIds(ledger, ParticipantRole.RESOURCE_PROVIDER);
    List<String> excluded = new ArrayList<>();
    TreeSet<String> offered = new TreeSet<>();
    List<RowSummary> rows = new ArrayList<>();
    List<QoeExclusion> qoeExcluded = new ArrayList<>();
    for (RankedOffer offer : OfferRanking.rows(ledger, blueprint.id())) {
      if (revoked.contains(offer.rpId())) {
        excluded.add(offer.rpId());
        continue;
      }
      offered.add(offer.rpId());
      qoeExcluded.addAll(offer.qoeExcluded());
      if (offer.inTable()) {
        rows.add(offer.summary());
      }
    }
    if (!now.isAfter(blueprint.offerDeadline())) {
      requireEveryActiveRpOffered(ledger, blueprint, offered);
    }
    qoeExcluded.sort(
        Comparator.comparing(QoeExclusion::rpId).thenComparing(QoeExclusion::category));
    int columns = blueprint.categories().size();
    List<List<RankedCell>> lowest = new ArrayList<>(columns);
    List<Boolean> withoutEquilibrium = new ArrayList<>(columns);
    for (int column = 0; column < columns; column++) {
      List<RankedCell> cells =
          rows.isEmpty() ? List.of() : OfferRanking.lowest(ledger, blueprint.id(), column, revoked);
      lowest.add(cells);
      withoutEquilibrium.add(
          !rows.isEmpty()
              && cells.isEmpty()
              && OfferRanking.withoutEquilibrium(ledger, blueprint.id(), column, revoked));
    }
    SelectionResult result;
    try {
      result =
          RankedFormation.form(
              Requests.strategy(blueprint.strategy()).name(),
              Requests.selectionInput(blueprint),
              rows,
              lowest,
              withoutEquilibrium);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw ErrorCode.INTERNAL.reject(
          "the offers of blueprint " + blueprint.id() + " cannot be selected: " + e.getMessage(),
          e);
    }
    return new Selected(result, new QoeScreening(List.of(), qoeExcluded), excluded, offered.size());
  }

  /**
   * Selects by reading every stored offer and each offering RP: for a blueprint stored before
   * offers were ranked.
   */
  private static Selected selectStored(
      final Ledger ledger, final Blueprint blueprint, final Instant now) {
    List<Offer> stored = Offers.all(ledger, blueprint.id());
    // A revoked RP's offer never wins (issue 11 item 5): it could not confirm, so the slice would
    // stall until its instantiation deadline.
    List<String> excluded = new ArrayList<>();
    List<Offer> offers = new ArrayList<>(stored.size());
    for (Offer offer : stored) {
      Optional<Participant> rp = Participants.find(ledger, offer.rpId());
      if (rp.isPresent() && !rp.get().isActive()) {
        excluded.add(offer.rpId());
      } else {
        offers.add(offer);
      }
    }
    if (!now.isAfter(blueprint.offerDeadline())) {
      TreeSet<String> offered = new TreeSet<>();
      offers.forEach(offer -> offered.add(offer.rpId()));
      requireEveryActiveRpOffered(ledger, blueprint, offered);
    }
    List<RpOffer> inputs = new ArrayList<>(offers.size());
    offers.forEach(offer -> inputs.add(offer.toSelectionInput()));
    QoeScreening screening = QoeScreen.screen(QoeRequirement.of(blueprint.qoe()), inputs);
    try {
      return new Selected(
          select(blueprint.strategy(), blueprint, screening), screening, excluded, offers.size());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw ErrorCode.INTERNAL.reject(
          "the offers of blueprint " + blueprint.id() + " cannot be selected: " + e.getMessage(),
          e);
    }
  }

  private static void requireEveryActiveRpOffered(
      final Ledger ledger, final Blueprint blueprint, final TreeSet<String> offered) {
    List<String> rpIds =
        ledger.all(
            Participants.ROLE_INDEX,
            List.of(ParticipantRole.RESOURCE_PROVIDER.name()),
            entry -> {
              List<String> attributes = ledger.split(entry.getKey()).getAttributes();
              return attributes.get(attributes.size() - 1);
            });
    TreeSet<String> missing = new TreeSet<>();
    for (String rpId : rpIds) {
      if (!offered.contains(rpId)) {
        Optional<Participant> rp = Participants.find(ledger, rpId);
        if (rp.isPresent() && rp.get().isActive()) {
          missing.add(rpId);
        }
      }
    }
    if (offered.isEmpty() || !missing.isEmpty()) {
      throw ErrorCode.INVALID_STATE.reject(
          "the offer window of blueprint "
              + blueprint.id()
              + " is open until "
              + blueprint.offerDeadline()
              + (offered.isEmpty()
                  ? " and nobody has offered"
                  : " and "
                      + missing.size()
                      + " active RP(s) have not offered, such as "
                      + missing.first())
              + "; close it after the deadline");
    }
  }

  /**
   * Runs {@code rule} over the offers the QoE screen left: every strategy sees the same feasible
   * offers (docs/selection.md, <i>QoE</i>).
   */
  private static SelectionResult select(
      final SelectionRule rule, final Blueprint blueprint, final QoeScreening screening) {
    return Requests.strategy(rule).select(Requests.selectionInput(blueprint), screening.feasible());
  }

  /** The selection's allocations as the ledger records its winners. */
  private static List<Winner> winners(final List<Allocation> allocations) {
    return allocations.stream()
        .map(a -> new Winner(a.category(), a.rpId(), a.unitPrice(), a.amount(), a.price()))
        .toList();
  }
}
