package io.sfsbroker.gateway.system;

import static io.sfsbroker.gateway.system.WireTap.notice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.fog.AgentException;
import io.sfsbroker.fog.AgentStatus;
import io.sfsbroker.fog.SliceReport;
import io.sfsbroker.fog.StepReport;
import io.sfsbroker.fog.TokenTransfer;
import io.sfsbroker.gateway.system.SystemStack.Fog;
import io.sfsbroker.gateway.system.SystemStack.Rp;
import io.sfsbroker.protocol.mqtt.Downlink;
import io.sfsbroker.protocol.slice.Endpoint;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A slice handed over between fog nodes, over MQTT only (the Fabric network, Mosquitto with TLS,
 * the bridge, an RP agent and two fog-node agents, in-process): fog 1 requests and gets the slice,
 * transfers its bundle tokens to fog 2 over the {@code token} uplink; fog 2 then reads the
 * endpoints through the bridge's query and decommissions the slice, hearing the end as its holder;
 * fog 1 is refused with {@code FORBIDDEN}. Needs {@code -Dsfsbroker.network}, {@code
 * -Dsfsbroker.mqtt} and {@code -Dsfsbroker.docker} (fails without them).
 */
class SliceHandoverOverMqttIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private static SystemStack stack;
  private static WireTap tap;

  @BeforeAll
  static void start() throws Exception {
    stack = new SystemStack("handover");
    stack.startBridge();
    tap = stack.tap();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void slicesTokensTransferred_theNewHolderReadsEndpointsAndDecommissions_theRequesterIsRefused()
      throws Exception {
    Rp rp = stack.rp("rp-ho", SystemStack.terms(2000, 2048));
    Fog first = stack.fog("fog-ho1");
    Fog second = stack.fog("fog-ho2");

    SliceReport report = first.agent().requestSlice(SystemStack.request(6), false);
    String id = report.sliceId();
    assertThat(report.outcome()).isEqualTo(SliceReport.Outcome.NOT_CONFIRMED);
    assertThat(report.parts()).allSatisfy(p -> assertThat(p.rpId()).isEqualTo(rp.id()));

    // Before the transfer: fog 1 holds the slice and sees its endpoints, fog 2 sees nothing.
    assertThat(first.agent().status(List.of(id)).endpoints()).containsKey(id);
    AgentStatus outsider = second.agent().status(List.of(id));
    assertThat(outsider.slices()).containsEntry(id, "NOT_FOUND");
    assertThat(outsider.endpoints()).doesNotContainKey(id);

    // Fog 1 hands the slice over: every bundle token, over MQTT.
    List<TokenTransfer> transfers =
        first.agent().transfer(first.agent().bundleTokens(id), second.id());
    assertThat(transfers)
        .extracting(TokenTransfer::tokenId)
        .containsExactlyInAnyOrder(
            "bundle:" + id + ":" + SystemStack.CPU, "bundle:" + id + ":" + SystemStack.MEMORY);
    for (TokenTransfer t : transfers) {
      assertThat(stack.read(TransactionName.NFT_OWNER_OF, t.tokenId()).get("owner").getAsString())
          .isEqualTo("device:" + second.id());
    }

    // Fog 2 now gets the state and the endpoints from the bridge; fog 1 keeps the state only.
    AgentStatus holder = second.agent().status(List.of(id));
    assertThat(holder.slices()).containsEntry(id, "ACTIVE");
    assertThat(holder.endpoints().get(id))
        .extracting(Endpoint::category)
        .containsExactlyInAnyOrder(SystemStack.CPU, SystemStack.MEMORY);
    AgentStatus requester = first.agent().status(List.of(id));
    assertThat(requester.slices()).containsEntry(id, "ACTIVE");
    assertThat(requester.endpoints()).doesNotContainKey(id);

    // Fog 1 may neither confirm nor decommission it any more.
    assertThatThrownBy(() -> first.agent().decommission(id))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> {
              assertThat(e.code()).isEqualTo("FORBIDDEN");
              assertThat(e.getMessage()).contains("owned by device:" + second.id());
            });
    assertThatThrownBy(() -> first.agent().confirmService(id))
        .isInstanceOfSatisfying(
            AgentException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
    assertThat(stack.sliceState(id)).isEqualTo("ACTIVE");

    // Fog 2 decommissions it over MQTT, and hears the end as its holder, as fog 1 does.
    StepReport released = second.agent().decommission(id);
    assertThat(released.state()).isEqualTo("DECOMMISSIONED");
    assertThat(stack.sliceState(id)).isEqualTo("DECOMMISSIONED");
    WireTap.Message toHolder =
        tap.await(
            "the end of the slice to its holder",
            WAIT,
            notice(second.id(), Downlink.STATUS, "SliceDecommissioned", "id", id));
    assertThat(toHolder.payload("holderId")).isEqualTo(second.id());
    tap.await(
        "the end of the slice to the requester",
        WAIT,
        notice(first.id(), Downlink.STATUS, "SliceDecommissioned", "id", id));
    tap.await(
        "the end of the slice to the RP",
        WAIT,
        notice(rp.id(), Downlink.STATUS, "SliceDecommissioned", "id", id));
  }
}
