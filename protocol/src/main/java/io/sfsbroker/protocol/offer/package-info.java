/**
 * Offers (flow steps 6 and 7): the body of an RP's signed offer and the {@code OfferReceived}
 * event.
 */
package io.sfsbroker.protocol.offer;
