package io.sfsbroker.protocol.envelope;

/** Why an envelope was refused. The names are stable: clients and the chaincode match on them. */
public enum EnvelopeError {
  /**
   * Not a JWS compact serialization of the SFSBroker envelope: bad structure or base64, header or
   * payload not strict JSON, a claim missing, of the wrong kind, or unknown, an unknown message
   * type, a bad signer id or nonce.
   */
  MALFORMED,
  /** Longer than {@link Envelope#MAX_LENGTH} characters. */
  TOO_LARGE,
  /** The {@code ver} claim names a protocol version this library does not speak. */
  UNSUPPORTED_VERSION,
  /** The header's {@code alg} is not {@code ES256} (for example {@code none} or {@code HS256}). */
  UNSUPPORTED_ALGORITHM,
  /** The message is of another type than the one expected. */
  WRONG_TYPE,
  /** The key given to verify with, or to sign with, is not a P-256 key. */
  BAD_KEY,
  /** The signature does not verify with the signer's key. */
  BAD_SIGNATURE
}
