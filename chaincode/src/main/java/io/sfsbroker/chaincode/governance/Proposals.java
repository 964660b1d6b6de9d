package io.sfsbroker.chaincode.governance;

import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.protocol.governance.Proposal;
import io.sfsbroker.protocol.governance.ProposalState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Proposals, revisions and the history of every setting on the ledger.
 *
 * <p>Keys: {@code gov-proposal~<id>} holds a {@link Proposal}; {@code gov-revision~<subject>} the
 * subject's {@link SettingRevision}; {@code gov-history~<subject>~<revision>} (revision as 19
 * digits, so key order is revision order) the applied proposal that made that revision.
 */
final class Proposals {

  static final String KEY_TYPE = "gov-proposal";
  static final String REVISION_KEY_TYPE = "gov-revision";
  static final String HISTORY_KEY_TYPE = "gov-history";

  private Proposals() {}

  static Optional<Proposal> find(final Ledger ledger, final String id) {
    return ledger.get(ledger.key(KEY_TYPE, id), Proposal.class);
  }

  static void put(final Ledger ledger, final Proposal proposal) {
    ledger.put(ledger.key(KEY_TYPE, proposal.id()), proposal);
  }

  /** Returns the current revision of {@code subject}; 0 while it never changed. */
  static long revision(final Ledger ledger, final String subject) {
    return ledger
        .get(ledger.key(REVISION_KEY_TYPE, subject), SettingRevision.class)
        .map(SettingRevision::revision)
        .orElse(0L);
  }

  /** Records {@code applied} as revision {@code revision} of its subject and in its history. */
  static void recordApplied(final Ledger ledger, final Proposal applied, final long revision) {
    ledger.put(
        ledger.key(REVISION_KEY_TYPE, applied.subject()),
        new SettingRevision(applied.subject(), revision, applied.id(), ledger.txTime()));
    ledger.put(
        ledger.key(HISTORY_KEY_TYPE, applied.subject(), String.format("%019d", revision)), applied);
  }

  /** Returns the applied proposals of {@code subject}, oldest first. */
  static List<Proposal> history(final Ledger ledger, final String subject) {
    return ledger.all(
        HISTORY_KEY_TYPE, List.of(subject), entry -> ledger.decode(entry, Proposal.class));
  }

  /**
   * Returns {@code proposal} as it stands at {@code now}: an open proposal past its expiry is
   * {@link ProposalState#EXPIRED}, one whose subject changed since is {@link ProposalState#STALE}.
   */
  static Proposal view(final Ledger ledger, final Proposal proposal, final Instant now) {
    if (proposal.state() != ProposalState.OPEN) {
      return proposal;
    }
    if (proposal.expiredAt(now)) {
      return proposal.viewedAs(ProposalState.EXPIRED);
    }
    if (revision(ledger, proposal.subject()) != proposal.baseRevision()) {
      return proposal.viewedAs(ProposalState.STALE);
    }
    return proposal;
  }
}
