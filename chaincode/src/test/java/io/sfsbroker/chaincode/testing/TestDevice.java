package io.sfsbroker.chaincode.testing;

import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.EnvelopeSigner;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.keys.P256;
import io.sfsbroker.protocol.keys.Pem;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device (fog node, resource provider …) for tests: a P-256 key pair and an envelope signer whose
 * clock is the ledger's, so that envelopes are fresh unless a test says otherwise.
 *
 * @param id the participant id
 * @param keys the device's key pair
 * @param clock the clock its envelopes take issued-at from
 */
public record TestDevice(String id, KeyPair keys, Clock clock) {

  /** A new device with a fresh key pair, signing on the clock of {@code ledger}. */
  public static TestDevice create(final String id, final InMemoryLedger ledger) {
    return new TestDevice(id, P256.generateKeyPair(), ledger.clock());
  }

  /** Returns the public key as a {@code PUBLIC KEY} PEM block. */
  public String publicKeyPem() {
    return Pem.encodePublicKey((ECPublicKey) keys.getPublic());
  }

  /** Returns the JSON argument of {@code participant:register} for this device. */
  public String registration(final String role) {
    Map<String, String> registration = new LinkedHashMap<>();
    registration.put("id", id);
    registration.put("role", role);
    registration.put("publicKey", publicKeyPem());
    return Json.toJson(registration);
  }

  /** Signs {@code body} as a message of {@code type}, issued now by the ledger's clock. */
  public String sign(final MessageType type, final Object body) {
    return new EnvelopeSigner(id, (ECPrivateKey) keys.getPrivate(), clock).sign(type, body);
  }

  /** Signs {@code body} as a message of {@code type}, issued at {@code issuedAt}. */
  public String signAt(final MessageType type, final Object body, final Instant issuedAt) {
    return new EnvelopeSigner(
            id, (ECPrivateKey) keys.getPrivate(), Clock.fixed(issuedAt, ZoneOffset.UTC))
        .sign(type, body);
  }
}
