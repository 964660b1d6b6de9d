/**
 * Signed envelopes on the chaincode side: {@link io.sfsbroker.chaincode.envelope.EnvelopeVerifier}
 * checks an envelope against the participant registry, the clock skew and the used nonces for every
 * contract that accepts device messages; the contract {@code envelope} ({@link
 * io.sfsbroker.chaincode.envelope.EnvelopeContract}) reads the settings ({@link
 * io.sfsbroker.chaincode.envelope.EnvelopeSettings}, changed through governance) and verifies
 * envelopes on demand. The wire format is that of {@link io.sfsbroker.protocol.envelope}; see
 * {@code docs/envelope.md}.
 */
package io.sfsbroker.chaincode.envelope;
