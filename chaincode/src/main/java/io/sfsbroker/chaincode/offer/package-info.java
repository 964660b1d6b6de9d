/**
 * The mediator's offer window: the contract {@code offer} ({@link
 * io.sfsbroker.chaincode.offer.OfferContract}) that stores one live {@link
 * io.sfsbroker.chaincode.offer.Offer} per blueprint and RP, each under its own key.
 */
package io.sfsbroker.chaincode.offer;
