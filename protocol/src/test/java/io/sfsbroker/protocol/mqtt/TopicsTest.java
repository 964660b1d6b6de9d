package io.sfsbroker.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void uplink_buildsVersionedTopic_andParsesBack() {
    String topic = Topics.uplink("fog-7", Uplink.REQUEST);

    assertThat(topic).isEqualTo("sfsb/v1/in/fog-7/request");
    assertThat(Topics.parseUplink(topic)).contains(new InboundTopic("fog-7", Uplink.REQUEST));
  }

  @Test
  void parseUplink_everyKind_roundTrips() {
    for (Uplink uplink : Uplink.values()) {
      assertThat(Topics.parseUplink(Topics.uplink("rp.1_a", uplink)))
          .contains(new InboundTopic("rp.1_a", uplink));
    }
  }

  @Test
  void parseUplink_otherVersionsKindsAndShapes_areEmpty() {
    assertThat(Topics.parseUplink("sfsb/v2/in/fog-7/request")).isEmpty();
    assertThat(Topics.parseUplink("sfsb/v1/in/fog-7/bribe")).isEmpty();
    assertThat(Topics.parseUplink("sfsb/v1/in/fog-7/request/extra")).isEmpty();
    assertThat(Topics.parseUplink("sfsb/v1/in/-fog/request")).isEmpty();
    assertThat(Topics.parseUplink("sfsb/v1/in//request")).isEmpty();
    assertThat(Topics.parseUplink("sfsb/v1/out/fog-7/receipt")).isEmpty();
    assertThat(Topics.parseUplink(null)).isEmpty();
  }

  @Test
  void query_isADeviceTopicThatIsNoUplink() {
    String topic = Topics.query("rp-3");
    assertThat(topic).isEqualTo("sfsb/v1/in/rp-3/query");
    assertThat(Topics.parseQuery(topic)).contains("rp-3");
    assertThat(Topics.parseUplink(topic)).isEmpty();
    assertThat(Topics.parseQuery(Topics.uplink("rp-3", Uplink.OFFER))).isEmpty();
    assertThat(Topics.parseQuery("sfsb/v1/in/a b/query")).isEmpty();
    assertThat(Topics.parseQuery("sfsb/v1/in/rp-3/query/x")).isEmpty();
    assertThat(Topics.downlink("rp-3", Downlink.QUERY)).isEqualTo("sfsb/v1/out/rp-3/query");
  }

  @Test
  void applicationUplinks_carryTheirEnvelopeTypes() {
    assertThat(Uplink.APPLICATION.messageType()).isEqualTo(MessageType.APPLICATION_REQUEST);
    assertThat(Uplink.APPLICATION_SERVICE.messageType())
        .isEqualTo(MessageType.SERVICE_CONFIRMATION);
    assertThat(Uplink.FLOW_BID.messageType()).isEqualTo(MessageType.FLOW_BID);
    assertThat(Topics.parseUplink("sfsb/v1/in/fog-7/application-service"))
        .contains(new InboundTopic("fog-7", Uplink.APPLICATION_SERVICE));
  }

  @Test
  void downlink_andFilters_areUnderTheDevice() {
    assertThat(Topics.downlink("fog-7", Downlink.RECEIPT)).isEqualTo("sfsb/v1/out/fog-7/receipt");
    assertThat(Topics.downlink("rp-1", Downlink.AWARD)).isEqualTo("sfsb/v1/out/rp-1/award");
    assertThat(Topics.allDownlinks("fog-7")).isEqualTo("sfsb/v1/out/fog-7/#");
    assertThat(Topics.ALL_UPLINKS).isEqualTo("sfsb/v1/in/+/+");
  }

  @Test
  void deviceIdWithWildcardsOrSeparators_isRefused() {
    for (String bad : new String[] {"a/b", "+", "#", "", "a b"}) {
      assertThatThrownBy(() -> Topics.uplink(bad, Uplink.OFFER))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("device id");
    }
  }

  @Test
  void uplinks_carryTheirEnvelopeTypes() {
    assertThat(Uplink.OFFER.messageType()).isEqualTo(MessageType.OFFER);
    assertThat(Uplink.INSTANTIATION.messageType())
        .isEqualTo(MessageType.INSTANTIATION_CONFIRMATION);
    assertThat(Uplink.fromLevel("decommission")).contains(Uplink.DECOMMISSION);
  }

  @Test
  void receipt_roundTripsThroughTheCodec() {
    JsonObject result = new JsonObject();
    result.addProperty("id", "s-1");
    Receipt committed =
        Receipt.committed(
            "sfsb/v1/in/fog-7/request", "fog-7", "n", "slice-request", "tx", 7, result);
    Receipt rejected =
        Receipt.rejected("t", "fog-7", "n", "offer", null, "BAD_SIGNATURE", "forged");

    assertThat(Json.fromJson(Json.toJson(committed), Receipt.class)).isEqualTo(committed);
    assertThat(Json.fromJson(Json.toJson(rejected), Receipt.class)).isEqualTo(rejected);
    assertThat(Json.parseObject(Json.toJson(committed)).get("status").getAsString())
        .isEqualTo("COMMITTED");
    assertThat(committed.isCommitted()).isTrue();
  }

  @Test
  void receipt_rejectionWithoutCode_isRefused() {
    assertThatThrownBy(() -> Receipt.rejected("t", null, null, null, null, null, "why"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("code");
  }
}
