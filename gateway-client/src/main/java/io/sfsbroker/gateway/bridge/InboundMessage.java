package io.sfsbroker.gateway.bridge;

import io.sfsbroker.protocol.envelope.Envelope;
import io.sfsbroker.protocol.envelope.EnvelopeException;
import io.sfsbroker.protocol.envelope.UnverifiedEnvelope;
import io.sfsbroker.protocol.mqtt.InboundTopic;
import io.sfsbroker.protocol.mqtt.Receipt;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The checks the bridge makes on a device message before any ledger call: size, UTF-8, the
 * envelope's form, the envelope type against the topic, the signer against the publishing device.
 * Pure, so it is tested on its own. The signature and everything on the ledger are the chaincode's
 * to check.
 *
 * @param topic the parsed uplink topic
 * @param text the envelope, when it passed
 * @param envelope the parsed (unverified) envelope, when it passed
 * @param rejection the error receipt, when it did not pass
 */
record InboundMessage(
    InboundTopic topic, String text, UnverifiedEnvelope envelope, Receipt rejection) {

  InboundMessage {
    Objects.requireNonNull(topic, "topic");
  }

  static InboundMessage check(final InboundTopic topic, final byte[] payload) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    String where = topic.topic();
    if (payload.length > Envelope.MAX_LENGTH) {
      return rejected(
          topic,
          Receipt.rejected(
              where,
              null,
              null,
              null,
              null,
              "TOO_LARGE",
              "the payload is "
                  + payload.length
                  + " bytes; a signed envelope is at most "
                  + Envelope.MAX_LENGTH));
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(payload))
              .toString()
              .trim();
    } catch (CharacterCodingException e) {
      return rejected(
          topic,
          Receipt.rejected(
              where, null, null, null, null, "MALFORMED", "the payload is not UTF-8 text"));
    }
    UnverifiedEnvelope envelope;
    try {
      envelope = UnverifiedEnvelope.parse(text);
    } catch (EnvelopeException e) {
      return rejected(
          topic,
          Receipt.rejected(
              where,
              null,
              null,
              null,
              null,
              e.error().name(),
              "not a signed envelope (docs/envelope.md): " + e.getMessage()));
    }
    String type = envelope.type().wireName();
    if (envelope.type() != topic.uplink().messageType()) {
      return rejected(
          topic,
          Receipt.rejected(
              where,
              envelope.signerId(),
              envelope.nonce(),
              type,
              null,
              "WRONG_TOPIC",
              "a "
                  + type
                  + " envelope does not belong on "
                  + where
                  + ", which carries "
                  + topic.uplink().messageType().wireName()));
    }
    if (!envelope.signerId().equals(topic.deviceId())) {
      return rejected(
          topic,
          Receipt.rejected(
              where,
              envelope.signerId(),
              envelope.nonce(),
              type,
              null,
              "SIGNER_MISMATCH",
              "device "
                  + topic.deviceId()
                  + " may only send envelopes it signed itself, not ones signed by "
                  + envelope.signerId()));
    }
    return new InboundMessage(topic, text, envelope, null);
  }

  private static InboundMessage rejected(final InboundTopic topic, final Receipt receipt) {
    return new InboundMessage(topic, null, null, receipt);
  }

  boolean accepted() {
    return rejection == null;
  }
}
