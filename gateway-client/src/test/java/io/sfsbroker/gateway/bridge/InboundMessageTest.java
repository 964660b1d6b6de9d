package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.protocol.envelope.EnvelopeSigner;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.keys.P256;
import io.sfsbroker.protocol.mqtt.InboundTopic;
import io.sfsbroker.protocol.mqtt.Uplink;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundMessageTest {

  private static final InboundTopic FOG_REQUESTS = new InboundTopic("fog-1", Uplink.REQUEST);

  private static String signed(final String signer, final MessageType type) {
    return new EnvelopeSigner(
            signer, (ECPrivateKey) P256.generateKeyPair().getPrivate(), Clock.systemUTC())
        .sign(type, Map.of("serviceClass", "ar-vr"));
  }

  private static InboundMessage check(final InboundTopic topic, final String payload) {
    return InboundMessage.check(topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void envelopeOfTheTopicsTypeAndDevice_passes() {
    String envelope = signed("fog-1", MessageType.SLICE_REQUEST);

    InboundMessage message = check(FOG_REQUESTS, envelope);

    assertThat(message.accepted()).isTrue();
    assertThat(message.text()).isEqualTo(envelope);
    assertThat(message.envelope().signerId()).isEqualTo("fog-1");
  }

  @Test
  void garbage_isMalformed_withoutSignerOrNonce() {
    InboundMessage message = check(FOG_REQUESTS, "{\"hello\":1}");

    assertThat(message.rejection().code()).isEqualTo("MALFORMED");
    assertThat(message.rejection().nonce()).isNull();
    assertThat(message.rejection().topic()).isEqualTo("sfsb/v1/in/fog-1/request");
  }

  @Test
  void invalidUtf8_isMalformed() {
    InboundMessage message =
        InboundMessage.check(FOG_REQUESTS, new byte[] {(byte) 0xc3, (byte) 0x28});

    assertThat(message.rejection().code()).isEqualTo("MALFORMED");
  }

  @Test
  void payloadLongerThanAnEnvelope_isTooLarge() {
    InboundMessage message = InboundMessage.check(FOG_REQUESTS, new byte[131_073]);

    assertThat(message.rejection().code()).isEqualTo("TOO_LARGE");
  }

  @Test
  void envelopeOfAnotherType_isWrongTopic() {
    InboundMessage message = check(FOG_REQUESTS, signed("fog-1", MessageType.OFFER));

    assertThat(message.rejection().code()).isEqualTo("WRONG_TOPIC");
    assertThat(message.rejection().signerId()).isEqualTo("fog-1");
    assertThat(message.rejection().nonce()).isNotBlank();
  }

  @Test
  void envelopeSignedByAnotherDevice_isSignerMismatch() {
    InboundMessage message = check(FOG_REQUESTS, signed("fog-2", MessageType.SLICE_REQUEST));

    assertThat(message.rejection().code()).isEqualTo("SIGNER_MISMATCH");
  }

  @Test
  void routes_nameTheContractTransactions() {
    assertThat(Routes.of(Uplink.REQUEST)).hasToString("request:submitSliceRequest");
    assertThat(Routes.of(Uplink.OFFER)).hasToString("offer:submitOffer");
    assertThat(Routes.of(Uplink.DECOMMISSION)).hasToString("slice:decommission");
  }
}
