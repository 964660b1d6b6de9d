package io.sfsbroker.protocol.offer;

/**
 * The argument of {@code offer:listOffers}.
 *
 * @param blueprintId the blueprint whose offers to list; required
 * @param pageSize 1 to 200; 50 when left out
 * @param bookmark the bookmark of the previous page; the first page when left out or empty
 */
public record OfferQuery(String blueprintId, Integer pageSize, String bookmark) {}
