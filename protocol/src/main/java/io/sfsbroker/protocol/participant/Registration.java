package io.sfsbroker.protocol.participant;

/**
 * The argument of {@code participant:register}.
 *
 * @param id the new participant's id: 1 to 64 letters, digits, '.', '_' or '-'
 * @param role its role
 * @param org the MSP id of its organisation; may be left out, and must otherwise be the caller's
 * @param publicKey its P-256 public key as PEM: an X.509 certificate or a {@code PUBLIC KEY} block
 */
public record Registration(String id, ParticipantRole role, String org, String publicKey) {}
