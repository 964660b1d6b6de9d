/**
 * The participant registry: the contract {@code participant} ({@link
 * io.sfsbroker.chaincode.participant.ParticipantContract}) through which organisation admins
 * register and revoke the devices and providers of their organisation, and {@link
 * io.sfsbroker.chaincode.participant.Participants}, through which other contracts look them up.
 */
package io.sfsbroker.chaincode.participant;
