package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.SliceQueryAnswer;
import io.sfsbroker.protocol.selection.Winner;
import io.sfsbroker.protocol.slice.Endpoint;
import io.sfsbroker.protocol.slice.Slice;
import io.sfsbroker.protocol.slice.SliceEndpoints;
import io.sfsbroker.protocol.slice.SliceState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SliceQueriesTest {

  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  private static String awarded(final String id, final String tenant, final String rp) {
    Slice offering = Slice.offering(id, tenant, "Org1MSP", NOW, NOW.plusSeconds(8), 600);
    return Json.toJson(
        new Slice(
            id,
            tenant,
            "Org1MSP",
            SliceState.AWARDED,
            offering.createdAt(),
            offering.offerDeadline(),
            600,
            List.of(new Winner("cpu-millicores", rp, 2, 5, 10)),
            10,
            false,
            NOW.plusSeconds(60),
            null,
            null,
            List.of(),
            "",
            NOW));
  }

  private final Map<String, String> ledger =
      Map.of("s-1", awarded("s-1", "fog-1", "rp-a"), "s-2", awarded("s-2", "fog-2", "rp-b"));
  private final RecordingDownlinks downlinks = new RecordingDownlinks();
  private final SliceQueries queries =
      new SliceQueries(
          id -> {
            String slice = ledger.get(id);
            if (slice == null) {
              throw new LedgerException(Stage.EVALUATE, "NOT_FOUND", null, id + " is not", null);
            }
            return slice;
          },
          (id, account) -> {
            if (!"s-1".equals(id) || !"device:fog-9".equals(account)) {
              throw new LedgerException(
                  Stage.EVALUATE, "FORBIDDEN", null, account + " does not hold " + id, null);
            }
            Endpoint endpoint =
                new Endpoint("cpu-millicores", "rp-a", "10.0.0.7", List.of(8080), "sfsb-s-1-cpu");
            return Json.toJson(
                new SliceEndpoints(id, SliceState.ACTIVE, account, List.of(endpoint), null));
          },
          downlinks);

  private static byte[] question(final String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void tenantAndWinner_seeTheState_othersAndUnknownSlicesSeeNotFound() {
    JsonObject tenant =
        queries.answerOf("fog-1", question("{\"nonce\":\"n1\",\"sliceIds\":[\"s-1\",\"s-2\"]}"));
    JsonObject winner = queries.answerOf("rp-a", question("{\"sliceIds\":[\"s-1\",\"s-9\"]}"));

    assertThat(tenant.get("nonce").getAsString()).isEqualTo("n1");
    assertThat(tenant.getAsJsonObject("slices").get("s-1").getAsString()).isEqualTo("AWARDED");
    assertThat(tenant.getAsJsonObject("slices").get("s-2").getAsString()).isEqualTo("NOT_FOUND");
    assertThat(winner.getAsJsonObject("slices").get("s-1").getAsString()).isEqualTo("AWARDED");
    assertThat(winner.getAsJsonObject("slices").get("s-9").getAsString()).isEqualTo("NOT_FOUND");
  }

  @Test
  void theHolderOfTheTokens_seesStateAndEndpoints_theTenantOnlyTheState() {
    JsonObject holder = queries.answerOf("fog-9", question("{\"sliceIds\":[\"s-1\",\"s-2\"]}"));
    JsonObject tenant = queries.answerOf("fog-1", question("{\"sliceIds\":[\"s-1\"]}"));

    assertThat(holder.getAsJsonObject("slices").get("s-1").getAsString()).isEqualTo("AWARDED");
    assertThat(holder.getAsJsonObject("slices").get("s-2").getAsString()).isEqualTo("NOT_FOUND");
    assertThat(holder.getAsJsonObject("endpoints").keySet()).containsExactly("s-1");
    assertThat(
            holder
                .getAsJsonObject("endpoints")
                .getAsJsonArray("s-1")
                .get(0)
                .getAsJsonObject()
                .get("host")
                .getAsString())
        .isEqualTo("10.0.0.7");
    assertThat(tenant.getAsJsonObject("slices").get("s-1").getAsString()).isEqualTo("AWARDED");
    assertThat(tenant.getAsJsonObject("endpoints").keySet()).isEmpty();
  }

  @Test
  void answers_readAsTheProtocolsSliceQueryAnswer_asDevicesReadThem() {
    SliceQueryAnswer held =
        Json.fromJson(
            Json.toJson(
                queries.answerOf("fog-9", question("{\"nonce\":\"n2\",\"sliceIds\":[\"s-1\"]}"))),
            SliceQueryAnswer.class);
    SliceQueryAnswer refused =
        Json.fromJson(
            Json.toJson(queries.answerOf("fog-1", question("{\"nonce\":\"n3\"}"))),
            SliceQueryAnswer.class);

    assertThat(held.answered()).isTrue();
    assertThat(held.nonce()).isEqualTo("n2");
    assertThat(held.slices()).containsEntry("s-1", "AWARDED");
    assertThat(held.endpoints().get("s-1"))
        .singleElement()
        .satisfies(e -> assertThat(e.host()).isEqualTo("10.0.0.7"));
    assertThat(refused.answered()).isFalse();
    assertThat(refused.code()).isEqualTo("MALFORMED");
  }

  @Test
  void aQueryWithoutSliceIds_isAnsweredMalformed() {
    JsonObject answer = queries.answerOf("fog-1", question("{\"nonce\":\"n1\"}"));

    assertThat(answer.get("code").getAsString()).isEqualTo("MALFORMED");
    assertThat(answer.has("slices")).isFalse();
  }

  @Test
  void tooManyIds_isAnsweredMalformed() {
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i <= SliceQueries.MAX_IDS; i++) {
      ids.append(i == 0 ? "" : ",").append("\"s-").append(i).append('"');
    }
    JsonObject answer = queries.answerOf("fog-1", question("{\"sliceIds\":[" + ids + "]}"));

    assertThat(answer.get("code").getAsString()).isEqualTo("MALFORMED");
  }

  @Test
  void answer_isPublishedOnTheDevicesQueryDownlink() throws Exception {
    assertThat(queries.answer("fog-1", question("{\"sliceIds\":[\"s-1\"]}"))).isTrue();

    assertThat(downlinks.topics()).containsExactly("sfsb/v1/out/fog-1/query");
    assertThat(downlinks.published().get(0).payload()).contains("\"s-1\":\"AWARDED\"");
  }
}
