package io.sfsbroker.protocol.participant;

/**
 * The argument of {@code participant:list}; every member may be left out.
 *
 * @param role list only participants of this role; all when left out
 * @param pageSize 1 to 200; 50 when left out
 * @param bookmark the bookmark of the previous page; the first page when left out or empty
 */
public record ParticipantQuery(ParticipantRole role, Integer pageSize, String bookmark) {}
