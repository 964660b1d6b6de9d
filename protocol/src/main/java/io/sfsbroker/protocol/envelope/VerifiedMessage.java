package io.sfsbroker.protocol.envelope;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * A message whose envelope signature has been verified against a public key. Whether that key
 * belongs to the signer, whether the nonce is fresh and whether issued-at is recent are the
 * caller's checks (the chaincode's envelope verifier makes them).
 *
 * @param version the protocol version, {@link Envelope#VERSION}
 * @param type the message type
 * @param signerId the participant id that signed
 * @param nonce the signer's nonce for this message
 * @param issuedAt when the signer says it signed, to the second
 * @param body the message body
 */
public record VerifiedMessage(
    int version,
    MessageType type,
    String signerId,
    String nonce,
    Instant issuedAt,
    JsonObject body) {

  /** Checks that every component is present and keeps a private copy of the body. */
  public VerifiedMessage {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(signerId, "signerId");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(issuedAt, "issuedAt");
    body = Objects.requireNonNull(body, "body").deepCopy();
  }

  /** Returns a copy of the body, which the caller may change. */
  @Override
  public JsonObject body() {
    return body.deepCopy();
  }

  /** Returns the body as compact JSON text. */
  public String bodyJson() {
    return Json.toJson(body);
  }

  /**
   * Decodes the body as {@code type}, a record whose compact constructor validates, strictly
   * ({@link Json#fromJsonStrict}): unknown or missing members and integers that are not whole
   * numbers in range are refused, naming the member.
   *
   * @throws com.google.gson.JsonParseException when the body does not fit {@code type}
   */
  public <T> T bodyAs(final Class<T> type) {
    return Json.fromJsonStrict(bodyJson(), type);
  }
}
