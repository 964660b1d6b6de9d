package io.sfsbroker.protocol.envelope;

import java.util.regex.Pattern;

/**
 * The constants of the SFSBroker envelope: a JWS compact serialization (RFC 7515) signed with ES256
 * over P-256, whose header has exactly the members {@code alg} ({@code ES256}) and {@code typ}
 * ({@code sfsb-envelope+jwt}), and whose payload has exactly the claims {@code ver}, {@code msg},
 * {@code iss}, {@code jti}, {@code iat} and {@code body}. See {@code docs/envelope.md}.
 */
public final class Envelope {

  /** The protocol version this library writes and reads, the {@code ver} claim. */
  public static final int VERSION = 1;

  /** The only accepted {@code alg} header value. */
  public static final String ALGORITHM = "ES256";

  /** The {@code typ} header value (explicit typing, RFC 8725 section 3.11). */
  public static final String TYPE_HEADER = "sfsb-envelope+jwt";

  /** The longest envelope accepted, in characters of its compact serialization. */
  public static final int MAX_LENGTH = 131_072;

  /** Claim: protocol version, a JSON integer. */
  public static final String CLAIM_VERSION = "ver";

  /** Claim: message type, a {@link MessageType#wireName() wire name}. */
  public static final String CLAIM_MESSAGE_TYPE = "msg";

  /** Claim: the signer's participant id. */
  public static final String CLAIM_SIGNER = "iss";

  /** Claim: the nonce, unique per signer. */
  public static final String CLAIM_NONCE = "jti";

  /** Claim: issued-at, whole seconds since the epoch (a JWT NumericDate). */
  public static final String CLAIM_ISSUED_AT = "iat";

  /** Claim: the message body, a JSON object. */
  public static final String CLAIM_BODY = "body";

  /**
   * What a signer id (a participant id) looks like: 1 to 64 characters of letters, digits, dot,
   * underscore and hyphen, starting with a letter or digit.
   */
  public static final Pattern SIGNER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** What a nonce looks like: 16 to 64 base64url characters (at least 96 bits). */
  public static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");

  /** The latest issued-at accepted (9999-12-31T23:59:59Z), to keep instants in range. */
  static final long MAX_ISSUED_AT = 253_402_300_799L;

  private Envelope() {}
}
