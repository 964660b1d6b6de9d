package io.sfsbroker.fog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.protocol.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestSpecTest {

  @Test
  void parseAmount_readsCategoryAmountAndOptionalPrice() {
    assertThat(RequestSpec.Category.parse("cpu=2"))
        .isEqualTo(new RequestSpec.Category("cpu", 2, null, null));
    assertThat(RequestSpec.Category.parse(" cpu-millicores=500@3 "))
        .isEqualTo(new RequestSpec.Category("cpu-millicores", 500, 3L, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "cpu=", "=2", "cpu=two", "cpu=2@", "cpu=-1", "cpu=2@3@4"})
  void parseAmount_notCategoryEqualsNumber_isRefusedWithTheForm(final String text) {
    assertThatThrownBy(() -> RequestSpec.Category.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CATEGORY=AMOUNT");
  }

  @Test
  void parseAmount_badNameOrZeroAmount_isRefusedNamingTheCategory() {
    assertThatThrownBy(() -> RequestSpec.Category.parse("CPU=2"))
        .hasMessageContaining("category 'CPU' must be 1 to 64 lower-case letters");
    assertThatThrownBy(() -> RequestSpec.Category.parse("cpu=0"))
        .hasMessageContaining("cpu: amount must be 1 to");
    assertThatThrownBy(() -> RequestSpec.Category.parse("cpu=99999999999999999999"))
        .hasMessageContaining("too large");
  }

  @Test
  void aClassRequest_isWrittenAsTheLedgersRequestBody() {
    RequestSpec spec =
        new RequestSpec(
            "ar-vr",
            2,
            null,
            new TreeMap<>(Map.of("bandwidth-mbps", 500L)),
            1_500_000L,
            new TreeMap<>(Map.of("maxLatencyMicros", 1000L)),
            20L,
            "stackelberg",
            3600L);

    assertThat(Json.toJson(spec))
        .isEqualTo(
            "{\"serviceClass\":\"ar-vr\",\"scale\":2,\"maxUnitPrices\":{\"bandwidth-mbps\":500},"
                + "\"budget\":1500000,\"qoe\":{\"maxLatencyMicros\":1000},"
                + "\"offerWindowSeconds\":20,\"strategy\":\"STACKELBERG\","
                + "\"validitySeconds\":3600}");
  }

  @Test
  void anExplicitRequest_isWrittenAsTheLedgersRequestBody() {
    RequestSpec spec =
        RequestSpec.ofCategories(
                List.of(
                    RequestSpec.Category.parse("cpu-millicores=500@3"),
                    new RequestSpec.Category("memory-mib", 256, null, 2L)),
                5000L)
            .withValidity(600);

    assertThat(Json.toJson(spec))
        .isEqualTo(
            "{\"categories\":[{\"category\":\"cpu-millicores\",\"amount\":500,\"maxUnitPrice\":3},"
                + "{\"category\":\"memory-mib\",\"amount\":256,\"budgetWeight\":2}],"
                + "\"budget\":5000,\"validitySeconds\":600}");
    assertThat(spec.summary()).isEqualTo("cpu-millicores=500, memory-mib=256");
  }

  @Test
  void classAndCategories_bothOrNeither_areRefused() {
    List<RequestSpec.Category> cpu = List.of(RequestSpec.Category.parse("cpu=1"));
    assertThatThrownBy(() -> new RequestSpec("ar-vr", null, cpu, null, 10L, null, null, null, null))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> new RequestSpec(null, null, null, null, 10L, null, null, null, null))
        .hasMessageContaining("exactly one");
  }

  @Test
  void noBudget_andACategoryWithoutPrice_isRefusedAskingForABudget() {
    assertThatThrownBy(
            () ->
                RequestSpec.ofCategories(
                    List.of(
                        RequestSpec.Category.parse("cpu=1@5"), RequestSpec.Category.parse("mem=1")),
                    null))
        .hasMessageContaining("--budget");
    assertThatThrownBy(
            () -> new RequestSpec("ar-vr", null, null, null, null, null, null, null, null))
        .hasMessageContaining("--budget");
    assertThat(RequestSpec.ofCategories(List.of(RequestSpec.Category.parse("cpu=1@5")), null))
        .isNotNull();
  }

  @Test
  void sameCategoryTwice_scaleWithoutClass_unknownStrategy_areRefused() {
    assertThatThrownBy(
            () ->
                RequestSpec.ofCategories(
                    List.of(
                        RequestSpec.Category.parse("cpu=1"), RequestSpec.Category.parse("cpu=2")),
                    10L))
        .hasMessageContaining("named twice");
    assertThatThrownBy(
            () ->
                new RequestSpec(
                    null,
                    2,
                    List.of(RequestSpec.Category.parse("cpu=1")),
                    null,
                    10L,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("only with a service class");
    assertThatThrownBy(
            () -> new RequestSpec("ar-vr", null, null, null, 10L, null, null, "cheapest", null))
        .hasMessageContaining("STACKELBERG or LOWEST_OFFER");
    assertThatThrownBy(() -> RequestSpec.ofClass("ar-vr", 0))
        .hasMessageContaining("budget must be 1 to");
  }

  @Test
  void parsePair_readsNameEqualsNumber() {
    assertThat(RequestSpec.parsePair("--qoe", "maxLatencyMicros=1000"))
        .isEqualTo(Map.entry("maxLatencyMicros", 1000L));
    assertThatThrownBy(() -> RequestSpec.parsePair("--qoe", "maxLatencyMicros"))
        .hasMessage("--qoe takes NAME=N, not 'maxLatencyMicros'");
  }

  @ParameterizedTest
  @CsvSource({"3600, 3600", "90s, 90", "30m, 1800", "2h, 7200", "7d, 604800", "1H, 3600"})
  void parseSeconds_readsSecondsOrAUnit(final String text, final long seconds) {
    assertThat(RequestSpec.parseSeconds(text)).isEqualTo(seconds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.5h", "-3", "2w", "h", "99999999999999999d"})
  void parseSeconds_anythingElse_isRefused(final String text) {
    assertThatThrownBy(() -> RequestSpec.parseSeconds(text))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
