/**
 * Governance by the consortium: the contract {@code governance} ({@link
 * io.sfsbroker.chaincode.governance.GovernanceContract}) through which every market-wide setting
 * (broker settings, service classes, envelope settings, treasury) changes: an org admin proposes a
 * fixed value, admins of other governing organisations approve it, and once a majority of the
 * governing organisations ({@link io.sfsbroker.chaincode.governance.GoverningOrgs}) approved, any
 * member applies it. {@link io.sfsbroker.chaincode.governance.GovernedSettings} validates and
 * applies each setting; {@link io.sfsbroker.chaincode.governance.Proposals} keeps proposals,
 * revisions and history on the ledger.
 */
package io.sfsbroker.chaincode.governance;
