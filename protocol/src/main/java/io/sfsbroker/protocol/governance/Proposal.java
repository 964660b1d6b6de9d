package io.sfsbroker.protocol.governance;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A proposed change of one market-wide setting, stored under {@code gov-proposal~<id>}: a fixed
 * value, the organisations whose admins approved it, and where it stands. It takes effect only when
 * applied with the approval of a majority of the governing organisations, only before {@link
 * #expiresAt}, and only while its setting is still at {@link #baseRevision}, so what comes into
 * force is exactly what its approvers saw.
 *
 * @param id the proposal's id, {@code gov-} and the start of the proposing transaction's id
 * @param setting which setting it changes: the {@link Setting}'s wire name, such as {@code broker}
 * @param subject what exactly it changes, the key of the setting's history: the setting's wire
 *     name, or {@code service-class:<name>} for one service class
 * @param value the proposed value, as its {@link Setting#valueType()} record encodes it
 * @param baseRevision the revision of {@link #subject} when it was proposed (0: never changed)
 * @param proposedBy the MSP id of the proposing admin's organisation
 * @param proposer the Fabric identity of the proposing admin
 * @param approvals the MSP ids of the organisations whose admins approved, sorted, the proposer's
 *     included
 * @param governingOrgs the governing organisations when it was proposed, sorted
 * @param state where it stands ({@link ProposalState#EXPIRED} and {@link ProposalState#STALE} only
 *     in views)
 * @param proposedAt the transaction time of the proposal
 * @param expiresAt the transaction time from which it can no longer be approved or applied
 * @param closedAt the transaction time it was applied or withdrawn; {@code null} while open
 * @param revision the revision of {@link #subject} it became when applied; {@code null} otherwise
 */
public record Proposal(
    String id,
    String setting,
    String subject,
    JsonObject value,
    long baseRevision,
    String proposedBy,
    String proposer,
    List<String> approvals,
    List<String> governingOrgs,
    ProposalState state,
    Instant proposedAt,
    Instant expiresAt,
    Instant closedAt,
    Long revision) {

  /** How long a proposal stays open, in seconds of transaction time: seven days. */
  public static final long LIFETIME_SECONDS = 604_800;

  /** Checks the members and copies the collections, sorted. */
  public Proposal {
    Objects.requireNonNull(id, "id");
    if (Setting.fromWireName(setting).isEmpty()) {
      throw new IllegalArgumentException("'" + setting + "' is not a governed setting");
    }
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(proposedBy, "proposedBy");
    Objects.requireNonNull(proposer, "proposer");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(proposedAt, "proposedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    value = value.deepCopy();
    approvals = List.copyOf(new TreeSet<>(Objects.requireNonNull(approvals, "approvals")));
    governingOrgs =
        List.copyOf(new TreeSet<>(Objects.requireNonNull(governingOrgs, "governingOrgs")));
  }

  /** The setting it changes. */
  public Setting settingName() {
    return Setting.fromWireName(setting).orElseThrow();
  }

  /** The lifetime as a duration. */
  public static Duration lifetime() {
    return Duration.ofSeconds(LIFETIME_SECONDS);
  }

  /** Returns this proposal with {@code mspId}'s approval added. */
  public Proposal approvedBy(final String mspId) {
    List<String> more = new java.util.ArrayList<>(approvals);
    more.add(mspId);
    return new Proposal(
        id,
        setting,
        subject,
        value,
        baseRevision,
        proposedBy,
        proposer,
        more,
        governingOrgs,
        state,
        proposedAt,
        expiresAt,
        closedAt,
        revision);
  }

  /** Returns this proposal in {@code newState}, closed at {@code at} as {@code newRevision}. */
  public Proposal closed(final ProposalState newState, final Instant at, final Long newRevision) {
    return new Proposal(
        id,
        setting,
        subject,
        value,
        baseRevision,
        proposedBy,
        proposer,
        approvals,
        governingOrgs,
        newState,
        proposedAt,
        expiresAt,
        at,
        newRevision);
  }

  /** Returns this proposal as a view reports it: in {@code viewState}, nothing else changed. */
  public Proposal viewedAs(final ProposalState viewState) {
    return new Proposal(
        id,
        setting,
        subject,
        value,
        baseRevision,
        proposedBy,
        proposer,
        approvals,
        governingOrgs,
        viewState,
        proposedAt,
        expiresAt,
        closedAt,
        revision);
  }

  /** Tells whether it is past its expiry at {@code now}. */
  public boolean expiredAt(final Instant now) {
    return !now.isBefore(expiresAt);
  }
}
