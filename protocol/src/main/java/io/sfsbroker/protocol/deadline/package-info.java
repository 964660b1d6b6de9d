/**
 * Deadlines: what becomes due on the ledger and when. The chaincode keeps one {@link
 * io.sfsbroker.protocol.deadline.Deadline} per thing that waits for time (an offer window, a
 * slice's instantiation, service confirmation or validity, an application's bids or confirmation,
 * an auction round, an allocation escrow); the broker's keeper lists them with {@code
 * deadline:listDue} and submits each one's transaction once it is due.
 */
package io.sfsbroker.protocol.deadline;
