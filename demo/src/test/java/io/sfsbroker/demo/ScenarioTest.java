package io.sfsbroker.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.protocol.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  private static final String RP =
      "{\"id\": \"rp-1\", \"categories\": {\"cpu-millicores\": {\"capacity\": 4000, \"cost\": 1,"
          + " \"price\": 3}}}";

  @Test
  void load_theDemosScenario_hasFourRpsAndThreeFogNodes() {
    Scenario scenario = Scenario.load(Path.of("..", "network", "demo", "scenario.json"));

    assertThat(scenario.rps())
        .extracting(Scenario.Rp::id)
        .containsExactly("rp-1", "rp-2", "rp-3", "rp-4");
    assertThat(scenario.fogs())
        .extracting(Scenario.Fog::id)
        .containsExactly("fog-1", "fog-2", "fog-3");
    assertThat(scenario.rps().get(1).categories()).containsKey("rendering-k");
    assertThat(scenario.rps().get(1).categories().get("rendering-k"))
        .extracting(Scenario.Terms::latencyMicros, Scenario.Terms::bandwidthMbps)
        .containsExactly(800L, 4000L);
    assertThat(scenario.fogs().get(2).requestArgs())
        .containsExactly(
            "--amount", "cpu-millicores=500", "--amount", "memory-mib=512", "--budget", "50000");
    assertThat(scenario.fogs().get(0).requestArgs())
        .containsExactly("--class", "ar-vr", "--budget", "200000");
  }

  @Test
  void fromJson_categoryWithoutQoe_guaranteesNone() {
    String json =
        "{\"offerWindowSeconds\": 8, \"fogCredits\": 10, \"rps\": ["
            + RP
            + "], \"fogs\": [{\"id\": \"fog-1\", \"serviceClass\": \"ar-vr\", \"budget\": 10}]}";

    Scenario.Terms terms =
        Scenario.fromJson(Json.parseObject(json)).rps().get(0).categories().get("cpu-millicores");

    assertThat(terms.latencyMicros()).isNull();
    assertThat(terms.bandwidthMbps()).isNull();
    assertThat(Json.toJson(terms)).doesNotContain("latencyMicros");
  }

  @Test
  void fromJson_zeroLatency_isRejected() {
    String json =
        "{\"offerWindowSeconds\": 8, \"fogCredits\": 10, \"rps\": [{\"id\": \"rp-1\","
            + " \"categories\": {\"cpu-millicores\": {\"capacity\": 4000, \"cost\": 1,"
            + " \"price\": 3, \"latencyMicros\": 0}}}], \"fogs\": [{\"id\": \"fog-1\","
            + " \"serviceClass\": \"ar-vr\", \"budget\": 10}]}";

    assertThatThrownBy(() -> Scenario.fromJson(Json.parseObject(json)))
        .hasMessageContaining("\"latencyMicros\" must be positive");
  }

  @Test
  void fromJson_fogWithClassAndAmounts_isRejected() {
    String json =
        "{\"offerWindowSeconds\": 8, \"fogCredits\": 10, \"rps\": ["
            + RP
            + "], \"fogs\": [{\"id\": \"fog-1\", \"serviceClass\": \"ar-vr\","
            + " \"amounts\": {\"cpu-millicores\": 5}, \"budget\": 10}]}";

    assertThatThrownBy(() -> Scenario.fromJson(Json.parseObject(json)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("either \"serviceClass\" or \"amounts\"");
  }

  @Test
  void fromJson_unknownField_isRejectedWithTheKnownOnes() {
    String json =
        "{\"offerWindowSeconds\": 8, \"fogCredits\": 10, \"rps\": ["
            + RP
            + "], \"fogs\": [{\"id\": \"fog-1\", \"serviceClass\": \"ar-vr\", \"budget\": 10,"
            + " \"colour\": \"red\"}]}";

    assertThatThrownBy(() -> Scenario.fromJson(Json.parseObject(json)))
        .hasMessageContaining("unknown field \"colour\"");
  }

  @Test
  void fromJson_idUsedTwice_isRejected() {
    String json =
        "{\"offerWindowSeconds\": 8, \"fogCredits\": 10, \"rps\": ["
            + RP
            + "], \"fogs\": [{\"id\": \"rp-1\", \"serviceClass\": \"ar-vr\", \"budget\": 10}]}";

    assertThatThrownBy(() -> Scenario.fromJson(Json.parseObject(json)))
        .hasMessageContaining("used twice");
  }

  @Test
  void fromJson_zeroCapacity_isRejected() {
    String json =
        "{\"offerWindowSeconds\": 8, \"fogCredits\": 10, \"rps\": [{\"id\": \"rp-1\","
            + " \"categories\": {\"cpu-millicores\": {\"capacity\": 0, \"cost\": 1, \"price\":"
            + " 3}}}], \"fogs\": [{\"id\": \"fog-1\", \"serviceClass\": \"ar-vr\", \"budget\":"
            + " 10}]}";

    assertThatThrownBy(() -> Scenario.fromJson(Json.parseObject(json)))
        .hasMessageContaining("\"capacity\" must be positive");
  }
}
