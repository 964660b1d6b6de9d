package io.sfsbroker.chaincode.envelope;

import io.sfsbroker.protocol.envelope.MessageType;
import java.time.Instant;

/**
 * The record that a signer's nonce was used, stored under {@code envelope-nonce~<signer>~<nonce>}.
 *
 * @param txId the transaction that accepted the envelope
 * @param type the envelope's message type
 * @param acceptedAt that transaction's time
 */
public record UsedNonce(String txId, MessageType type, Instant acceptedAt) {}
