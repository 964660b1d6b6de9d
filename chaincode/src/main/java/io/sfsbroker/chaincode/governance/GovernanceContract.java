package io.sfsbroker.chaincode.governance;

import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.Caller;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.common.Page;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.governance.Proposal;
import io.sfsbroker.protocol.governance.ProposalQuery;
import io.sfsbroker.protocol.governance.ProposalState;
import io.sfsbroker.protocol.governance.Setting;
import io.sfsbroker.protocol.transaction.Contracts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Governance by the consortium: every market-wide {@link Setting} changes only through a proposal
 * of a fixed value that admins of a majority of the {@link GoverningOrgs} approved. An org admin
 * proposes (its organisation counts as approving), admins of other governing organisations approve
 * (one vote per organisation), and once a majority approved any member applies it, within {@value
 * Proposal#LIFETIME_SECONDS} seconds of transaction time and only while the setting is still what
 * it was when proposed.
 */
@Contract(
    name = Contracts.GOVERNANCE,
    info =
        @Info(
            title = "SFSBroker governance",
            description = "Consortium approval of the market-wide settings",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class GovernanceContract implements ContractInterface {

  private static final int DEFAULT_PAGE_SIZE = 50;
  private static final int MAX_ID_LENGTH = 64;
  private static final int MAX_SUBJECT_LENGTH = 200;

  private final GoverningOrgs governingOrgs;

  /** The contract as the chaincode server runs it, governed by {@link GoverningOrgs#VARIABLE}. */
  public GovernanceContract() {
    this(GoverningOrgs.fromEnvironment());
  }

  /** The contract governed by {@code governingOrgs}. */
  public GovernanceContract(final GoverningOrgs governingOrgs) {
    this.governingOrgs = Objects.requireNonNull(governingOrgs, "governingOrgs");
  }

  /**
   * Proposes a new value for a setting, validated now with the setting's own validation. The
   * proposer's organisation counts as approving.
   *
   * <p>Who may call: an admin (certificate with {@code OU=admin}) of a governing organisation.
   * Reads the setting in force and {@code gov-revision~<subject>}; writes {@code
   * gov-proposal~<id>}; emits {@link EventName#CHANGE_PROPOSED}.
   *
   * @param setting the setting's wire name: {@code broker}, {@code service-class}, {@code envelope}
   *     or {@code treasury}
   * @param valueJson the new value, as the setting takes it: a {@code BrokerConfigUpdate} (members
   *     left out keep their value), a whole {@code ServiceClass}, an envelope {@code ConfigUpdate}
   *     or {@code {"treasuryOrgs":[…]}}
   * @return the {@code OPEN} {@link Proposal} as JSON; its {@code id} is what approvers name
   * @throws ChaincodeException {@code FORBIDDEN} when the caller is not an admin of a governing
   *     organisation; {@code INVALID_ARGUMENT} when the setting is unknown or the value is out of
   *     range; {@code MALFORMED} when the value is not a strict JSON object; {@code CONFLICT} when
   *     this transaction already proposed; {@code INTERNAL} when the chaincode server knows no
   *     governing organisations
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String propose(final Context ctx, final String setting, final String valueJson) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin("propose a change of a market-wide setting");
    governingOrgs.requireConfigured().requireMember(caller.mspId(), "propose changes");
    Setting which =
        Setting.fromWireName(setting)
            .orElseThrow(
                () ->
                    ErrorCode.INVALID_ARGUMENT.reject(
                        "unknown setting '"
                            + setting
                            + "'; use one of "
                            + Arrays.toString(Setting.values())));
    Ledger ledger = Ledger.of(ctx);
    GovernedSettings.Prepared prepared =
        GovernedSettings.prepare(ledger, which, valueJson, caller.mspId());
    String id = proposalId(ledger.txId());
    if (Proposals.find(ledger, id).isPresent()) {
      throw ErrorCode.CONFLICT.reject("proposal " + id + " already exists");
    }
    Instant now = ledger.txTime();
    Proposal proposal =
        new Proposal(
            id,
            which.wireName(),
            prepared.subject(),
            prepared.value(),
            Proposals.revision(ledger, prepared.subject()),
            caller.mspId(),
            caller.id(),
            List.of(caller.mspId()),
            governingOrgs.mspIds(),
            ProposalState.OPEN,
            now,
            now.plus(Proposal.lifetime()),
            null,
            null);
    Proposals.put(ledger, proposal);
    ledger.emit(EventName.CHANGE_PROPOSED, proposal);
    return Json.toJson(proposal);
  }

  /**
   * Approves a proposal on behalf of the caller's organisation. Each organisation approves once;
   * the proposer's organisation approved by proposing.
   *
   * <p>Who may call: an admin of a governing organisation that has not approved it yet. Reads and
   * writes {@code gov-proposal~<id>}; reads {@code gov-revision~<subject>}; emits {@link
   * EventName#CHANGE_APPROVED}.
   *
   * @param id the proposal's id
   * @return the {@link Proposal} with the approval, as JSON
   * @throws ChaincodeException {@code FORBIDDEN} when the caller is not an admin of a governing
   *     organisation; {@code NOT_FOUND} when there is no such proposal; {@code CONFLICT} when the
   *     caller's organisation already approved; {@code INVALID_STATE} when it was applied,
   *     withdrawn, has expired or its setting changed since it was proposed
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String approve(final Context ctx, final String id) {
    Caller caller = Caller.of(ctx);
    caller.requireAdmin("approve a change of a market-wide setting");
    governingOrgs.requireConfigured().requireMember(caller.mspId(), "approve changes");
    Ledger ledger = Ledger.of(ctx);
    Proposal proposal = requireOpen(ledger, id, "approved");
    if (proposal.approvals().contains(caller.mspId())) {
      throw ErrorCode.CONFLICT.reject(
          caller.mspId() + " already approved proposal " + id + "; each organisation votes once");
    }
    Proposal approved = proposal.approvedBy(caller.mspId());
    Proposals.put(ledger, approved);
    ledger.emit(EventName.CHANGE_APPROVED, approved);
    return Json.toJson(approved);
  }

  /**
   * Withdraws an open proposal; it can then never be approved or applied.
   *
   * <p>Who may call: an admin of the proposer's organisation. Reads and writes {@code
   * gov-proposal~<id>}; emits {@link EventName#CHANGE_WITHDRAWN}.
   *
   * @param id the proposal's id
   * @return the {@code WITHDRAWN} {@link Proposal} as JSON
   * @throws ChaincodeException {@code FORBIDDEN} when the caller is not an admin of the proposer's
   *     organisation; {@code NOT_FOUND} when there is no such proposal; {@code INVALID_STATE} when
   *     it is no longer open
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String withdraw(final Context ctx, final String id) {
    Caller caller = Caller.of(ctx);
    Ledger ledger = Ledger.of(ctx);
    Proposal proposal = require(ledger, id);
    caller.requireAdminOf(proposal.proposedBy(), "withdraw proposal " + id);
    if (proposal.state() != ProposalState.OPEN) {
      throw ErrorCode.INVALID_STATE.reject(
          "proposal " + id + " is " + proposal.state() + ", not OPEN; it cannot be withdrawn");
    }
    Proposal withdrawn = proposal.closed(ProposalState.WITHDRAWN, ledger.txTime(), null);
    Proposals.put(ledger, withdrawn);
    ledger.emit(EventName.CHANGE_WITHDRAWN, withdrawn);
    return Json.toJson(withdrawn);
  }

  /**
   * Applies a proposal that admins of a majority of the governing organisations approved: its value
   * comes into force as proposed, and it becomes the next revision of its setting.
   *
   * <p>Who may call: any member of the channel. Reads {@code gov-proposal~<id>}, {@code
   * gov-revision~<subject>} and the setting in force; writes the setting ({@code
   * sfsb-config~broker}, {@code service-class~<name>}, {@code sfsb-config~envelope} or {@code
   * sfsb-config~treasury}), {@code gov-proposal~<id>}, {@code gov-revision~<subject>} and {@code
   * gov-history~<subject>~<revision>}; emits the setting's own event ({@link
   * EventName#BROKER_CONFIGURED}, {@link EventName#SERVICE_CLASS_SET}, {@link
   * EventName#ENVELOPE_CONFIGURED} or {@link EventName#TREASURY_CONFIGURED}).
   *
   * @param id the proposal's id
   * @return the {@code APPLIED} {@link Proposal} as JSON
   * @throws ChaincodeException {@code FORBIDDEN} when fewer than a majority of the governing
   *     organisations approved; {@code NOT_FOUND} when there is no such proposal; {@code
   *     INVALID_STATE} when it was applied or withdrawn, has expired, or its setting changed since
   *     it was proposed (stale); {@code INVALID_ARGUMENT} when its value no longer fits the
   *     settings in force
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String apply(final Context ctx, final String id) {
    Caller.of(ctx);
    governingOrgs.requireConfigured();
    Ledger ledger = Ledger.of(ctx);
    Proposal proposal = requireOpen(ledger, id, "applied");
    long approvals = governingOrgs.countApprovals(proposal.approvals());
    if (approvals < governingOrgs.majority()) {
      throw ErrorCode.FORBIDDEN.reject(
          "proposal "
              + id
              + " is approved by "
              + proposal.approvals()
              + ", "
              + approvals
              + " of the "
              + governingOrgs.mspIds().size()
              + " governing organisations "
              + governingOrgs.mspIds()
              + "; it needs "
              + governingOrgs.majority()
              + " (admins of other organisations call governance:approve)");
    }
    long revision = proposal.baseRevision() + 1;
    GovernedSettings.apply(ledger, proposal);
    Proposal applied = proposal.closed(ProposalState.APPLIED, ledger.txTime(), revision);
    Proposals.put(ledger, applied);
    Proposals.recordApplied(ledger, applied, revision);
    return Json.toJson(applied);
  }

  /**
   * Returns a proposal as it stands now ({@code EXPIRED} once past its expiry, {@code STALE} once
   * its setting changed since it was proposed).
   *
   * <p>Who may call: any member of the channel. Reads {@code gov-proposal~<id>} and {@code
   * gov-revision~<subject>}; writes nothing.
   *
   * @param id the proposal's id
   * @return the {@link Proposal} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such proposal
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getProposal(final Context ctx, final String id) {
    Ledger ledger = Ledger.of(ctx);
    return Json.toJson(Proposals.view(ledger, require(ledger, id), ledger.txTime()));
  }

  /**
   * Lists proposals, one page at a time, in id order, each as it stands now.
   *
   * <p>Who may call: any member of the channel. Reads {@code gov-proposal~*} and the revisions of
   * their subjects; writes nothing.
   *
   * @param queryJson a {@link ProposalQuery}, such as {@code {}} or {@code
   *     {"pageSize":20,"bookmark":"…"}}
   * @return {@code {"items":[Proposal…],"bookmark":"…"}}; the bookmark is empty on the last page
   * @throws ChaincodeException {@code MALFORMED} / {@code INVALID_ARGUMENT} for a bad query, page
   *     size or bookmark
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listProposals(final Context ctx, final String queryJson) {
    ProposalQuery query = Arguments.json("query", queryJson, ProposalQuery.class);
    Ledger ledger = Ledger.of(ctx);
    Instant now = ledger.txTime();
    Page<Proposal> page =
        ledger.page(
            Proposals.KEY_TYPE,
            List.of(),
            query.pageSize() == null ? DEFAULT_PAGE_SIZE : query.pageSize(),
            query.bookmark(),
            entry -> Proposals.view(ledger, ledger.decode(entry, Proposal.class), now));
    return Json.toJson(page);
  }

  /**
   * Returns the history of a setting: every applied proposal of the subject, oldest first, each
   * with its value, approvals and the revision it made.
   *
   * <p>Who may call: any member of the channel. Reads {@code gov-history~<subject>~*}; writes
   * nothing.
   *
   * @param subject {@code broker}, {@code envelope}, {@code treasury} or {@code
   *     service-class:<name>}
   * @return a JSON array of {@code APPLIED} {@link Proposal}s; empty while it never changed
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the subject is blank or too long
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getHistory(final Context ctx, final String subject) {
    Arguments.text("subject", subject, MAX_SUBJECT_LENGTH);
    if (!subject.matches("[A-Za-z0-9._:-]+")) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "'"
              + subject
              + "' is not a setting subject (broker, envelope, treasury, service-class:…)");
    }
    return Json.toJson(Proposals.history(Ledger.of(ctx), subject));
  }

  /**
   * Returns the governing organisations this chaincode server counts and the approvals a change
   * needs.
   *
   * <p>Who may call: any member of the channel. Reads nothing.
   *
   * @return {@code {"governingOrgs":["BrokerMSP",…],"majority":2}}
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getGoverningOrgs(final Context ctx) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("governingOrgs", governingOrgs.mspIds());
    result.put("majority", governingOrgs.mspIds().isEmpty() ? 0 : governingOrgs.majority());
    return Json.toJson(result);
  }

  private static Proposal require(final Ledger ledger, final String id) {
    Arguments.text("id", id, MAX_ID_LENGTH);
    if (!id.matches("[A-Za-z0-9-]+")) {
      throw ErrorCode.INVALID_ARGUMENT.reject("'" + id + "' is not a proposal id");
    }
    return Proposals.find(ledger, id)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.reject("proposal " + id + " does not exist"));
  }

  private static Proposal requireOpen(final Ledger ledger, final String id, final String what) {
    Proposal proposal = require(ledger, id);
    if (proposal.state() != ProposalState.OPEN) {
      throw ErrorCode.INVALID_STATE.reject(
          "proposal " + id + " is " + proposal.state() + "; it can no longer be " + what);
    }
    Instant now = ledger.txTime();
    if (proposal.expiredAt(now)) {
      throw ErrorCode.INVALID_STATE.reject(
          "proposal "
              + id
              + " expired at "
              + proposal.expiresAt()
              + "; it can no longer be "
              + what
              + " (propose the change again)");
    }
    long current = Proposals.revision(ledger, proposal.subject());
    if (current != proposal.baseRevision()) {
      throw ErrorCode.INVALID_STATE.reject(
          "proposal "
              + id
              + " is stale: "
              + proposal.subject()
              + " changed since it was proposed (revision "
              + proposal.baseRevision()
              + ", now "
              + current
              + "); it can no longer be "
              + what
              + " (propose the change again against the value in force)");
    }
    return proposal;
  }

  /** A short id derived from the transaction id: the same on every endorsing peer. */
  private static String proposalId(final String txId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(txId.getBytes(StandardCharsets.UTF_8));
      return "gov-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw ErrorCode.INTERNAL.reject("SHA-256 is not available", e);
    }
  }
}
