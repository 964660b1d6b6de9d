package io.sfsbroker.gateway.network;

import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.EnvelopeSigner;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.keys.P256;
import io.sfsbroker.protocol.keys.Pem;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device (fog node, RP, user group, Planet) in an integration test: its own P-256 key, registered
 * on the real network by its org's admin, signing envelopes with the system clock.
 *
 * @param id the participant id
 * @param keys its key pair
 */
public record NetworkDevice(String id, KeyPair keys) {

  /**
   * Registers a new device {@code prefix-<unique suffix>} of {@code role} through {@code admin}.
   */
  public static NetworkDevice register(
      final ChaincodeClient admin, final String prefix, final String role) {
    NetworkDevice device =
        new NetworkDevice(prefix + "-" + System.nanoTime(), P256.generateKeyPair());
    Map<String, String> registration = new LinkedHashMap<>();
    registration.put("id", device.id());
    registration.put("role", role);
    registration.put("publicKey", Pem.encodePublicKey((ECPublicKey) device.keys().getPublic()));
    admin.submit(TransactionName.PARTICIPANT_REGISTER, Json.toJson(registration));
    return device;
  }

  /** The device's credit account. */
  public String account() {
    return "device:" + id;
  }

  /** Signs {@code body} as a message of {@code type}, issued now. */
  public String sign(final MessageType type, final Object body) {
    return new EnvelopeSigner(id, (ECPrivateKey) keys.getPrivate(), Clock.systemUTC())
        .sign(type, body);
  }
}
