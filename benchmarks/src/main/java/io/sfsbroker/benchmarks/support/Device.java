package io.sfsbroker.benchmarks.support;

import io.sfsbroker.protocol.envelope.EnvelopeSigner;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.keys.P256;
import io.sfsbroker.protocol.keys.Pem;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fog node or RP of a benchmark: its own P-256 key, signing envelopes exactly as the agents do
 * (JWS compact, ES256, the system clock).
 *
 * @param id the participant id
 * @param role the participant role, {@code FOG_NODE} or {@code RESOURCE_PROVIDER}
 * @param keys its key pair
 * @param signer its envelope signer
 */
public record Device(String id, String role, KeyPair keys, EnvelopeSigner signer) {

  /** A new device with a fresh key. */
  public static Device create(final String id, final String role) {
    KeyPair keys = P256.generateKeyPair();
    return new Device(
        id,
        role,
        keys,
        new EnvelopeSigner(id, (ECPrivateKey) keys.getPrivate(), Clock.systemUTC()));
  }

  /** The {@code participant:register} argument that registers this device. */
  public String registration() {
    Map<String, String> registration = new LinkedHashMap<>();
    registration.put("id", id);
    registration.put("role", role);
    registration.put("publicKey", Pem.encodePublicKey((ECPublicKey) keys.getPublic()));
    return io.sfsbroker.protocol.Json.toJson(registration);
  }

  /** The device's credit account. */
  public String account() {
    return "device:" + id;
  }

  /** Signs {@code body} as a message of {@code type}, issued now. */
  public String sign(final MessageType type, final Object body) {
    return signer.sign(type, body);
  }
}
