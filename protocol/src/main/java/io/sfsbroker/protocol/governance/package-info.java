/**
 * Governance by the consortium: the market-wide settings ({@link
 * io.sfsbroker.protocol.governance.Setting}) change only through a {@link
 * io.sfsbroker.protocol.governance.Proposal} that admins of a majority of the peer organisations
 * approved, proposed, approved and applied through the chaincode's {@code governance} contract.
 */
package io.sfsbroker.protocol.governance;
