/**
 * The signed envelope every device message travels in: a JWS compact serialization with ES256 over
 * P-256. Devices sign with {@link io.sfsbroker.protocol.envelope.EnvelopeSigner}; receivers parse
 * with {@link io.sfsbroker.protocol.envelope.UnverifiedEnvelope#parse(String)}, look up the
 * signer's key and {@link io.sfsbroker.protocol.envelope.UnverifiedEnvelope#verify verify}, which
 * yields a {@link io.sfsbroker.protocol.envelope.VerifiedMessage}. Replay and freshness checks
 * belong to the receiver (the chaincode's {@code envelope} feature).
 */
package io.sfsbroker.protocol.envelope;
