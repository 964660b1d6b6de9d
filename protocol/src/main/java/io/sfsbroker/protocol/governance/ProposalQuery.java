package io.sfsbroker.protocol.governance;

/**
 * The argument of {@code governance:listProposals}; every member may be left out.
 *
 * @param pageSize 1 to 200; 50 when left out
 * @param bookmark the bookmark of the previous page; the first page when left out or empty
 */
public record ProposalQuery(Integer pageSize, String bookmark) {}
