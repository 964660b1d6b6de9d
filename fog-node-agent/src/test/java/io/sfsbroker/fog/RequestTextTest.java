package io.sfsbroker.fog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.request.RequestedCategory;
import io.sfsbroker.protocol.request.SliceRequestBody;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTextTest {

  @Test
  void parseAmount_readsCategoryAmountAndOptionalPrice() {
    assertThat(RequestText.category("cpu=2"))
        .isEqualTo(new RequestedCategory("cpu", 2L, null, null));
    assertThat(RequestText.category(" cpu-millicores=500@3 "))
        .isEqualTo(new RequestedCategory("cpu-millicores", 500L, 3L, null));
  }

  @Test
  void withMaxAmounts_givesOnlyTheNamedCategoriesAnUpperAmount() {
    List<RequestedCategory> categories =
        RequestText.withMaxAmounts(
            List.of(RequestText.category("cpu=2"), RequestText.category("memory-mib=256")),
            Map.of("cpu", 5L));

    assertThat(categories)
        .containsExactly(
            new RequestedCategory("cpu", 2L, null, null, 5L),
            new RequestedCategory("memory-mib", 256L, null, null));
    assertThat(categories.get(1).upperAmount()).isEqualTo(256);
  }

  @Test
  void withMaxAmounts_belowTheAmount_isRefusedNamingTheRange() {
    assertThatThrownBy(
            () ->
                RequestText.withMaxAmounts(
                    List.of(RequestText.category("cpu=4")), Map.of("cpu", 3L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cpu: maxAmount must be 4 (the amount) to");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "cpu=", "=2", "cpu=two", "cpu=2@", "cpu=-1", "cpu=2@3@4"})
  void parseAmount_notCategoryEqualsNumber_isRefusedWithTheForm(final String text) {
    assertThatThrownBy(() -> RequestText.category(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CATEGORY=AMOUNT");
  }

  @Test
  void parseAmount_badNameOrZeroAmount_isRefusedNamingTheCategory() {
    assertThatThrownBy(() -> RequestText.category("CPU=2"))
        .hasMessageContaining("category 'CPU' must be 1 to 64 lower-case letters");
    assertThatThrownBy(() -> RequestText.category("cpu=0"))
        .hasMessageContaining("cpu: amount must be 1 to");
    assertThatThrownBy(() -> RequestText.category("cpu=99999999999999999999"))
        .hasMessageContaining("too large");
  }

  @Test
  void aClassRequest_isWrittenAsTheLedgersRequestBody() {
    SliceRequestBody spec =
        new SliceRequestBody(
            "ar-vr",
            2,
            null,
            new TreeMap<>(Map.of("bandwidth-mbps", 500L)),
            1_500_000L,
            new TreeMap<>(Map.of("maxLatencyMicros", 1000L)),
            20L,
            RequestText.strategy("stackelberg"),
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
    SliceRequestBody spec =
        SliceRequestBody.ofCategories(
                List.of(
                    RequestText.category("cpu-millicores=500@3"),
                    new RequestedCategory("memory-mib", 256L, null, 2L)),
                5000L)
            .withValidity(600);

    assertThat(Json.toJson(spec))
        .isEqualTo(
            "{\"categories\":[{\"category\":\"cpu-millicores\",\"amount\":500,\"maxUnitPrice\":3},"
                + "{\"category\":\"memory-mib\",\"amount\":256,\"budgetWeight\":2}],"
                + "\"budget\":5000,\"validitySeconds\":600}");
    assertThat(RequestText.summary(spec)).isEqualTo("cpu-millicores=500, memory-mib=256");
  }

  @Test
  void classAndCategories_bothOrNeither_areRefused() {
    List<RequestedCategory> cpu = List.of(RequestText.category("cpu=1"));
    assertThatThrownBy(
            () -> new SliceRequestBody("ar-vr", null, cpu, null, 10L, null, null, null, null))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(
            () -> new SliceRequestBody(null, null, null, null, 10L, null, null, null, null))
        .hasMessageContaining("exactly one");
  }

  @Test
  void noBudget_andACategoryWithoutPrice_isRefusedAskingForABudget() {
    assertThatThrownBy(
            () ->
                RequestText.requirePayable(
                    SliceRequestBody.ofCategories(
                        List.of(RequestText.category("cpu=1@5"), RequestText.category("mem=1")),
                        null)))
        .hasMessageContaining("--budget");
    assertThatThrownBy(
            () ->
                RequestText.requirePayable(
                    new SliceRequestBody("ar-vr", null, null, null, null, null, null, null, null)))
        .hasMessageContaining("--budget");
    assertThat(
            RequestText.requirePayable(
                SliceRequestBody.ofCategories(List.of(RequestText.category("cpu=1@5")), null)))
        .isNotNull();
  }

  @Test
  void sameCategoryTwice_scaleWithoutClass_unknownStrategy_areRefused() {
    assertThatThrownBy(
            () ->
                SliceRequestBody.ofCategories(
                    List.of(RequestText.category("cpu=1"), RequestText.category("cpu=2")), 10L))
        .hasMessageContaining("named twice");
    assertThatThrownBy(
            () ->
                new SliceRequestBody(
                    null,
                    2,
                    List.of(RequestText.category("cpu=1")),
                    null,
                    10L,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("only with a service class");
    assertThatThrownBy(() -> RequestText.strategy("cheapest"))
        .hasMessageContaining("STACKELBERG, LOWEST_OFFER, PROPORTIONAL_SHARE");
    assertThatThrownBy(() -> SliceRequestBody.ofClass("ar-vr", 0))
        .hasMessageContaining("budget must be 1 to");
  }

  @Test
  void strategy_readsAnyCaseAndDashes() {
    assertThat(RequestText.strategy("lowest-offer").name()).isEqualTo("LOWEST_OFFER");
  }

  @Test
  void parsePair_readsNameEqualsNumber() {
    assertThat(RequestText.pair("--qoe", "maxLatencyMicros=1000"))
        .isEqualTo(Map.entry("maxLatencyMicros", 1000L));
    assertThatThrownBy(() -> RequestText.pair("--qoe", "maxLatencyMicros"))
        .hasMessage("--qoe takes NAME=N, not 'maxLatencyMicros'");
  }

  @ParameterizedTest
  @CsvSource({"3600, 3600", "90s, 90", "30m, 1800", "2h, 7200", "7d, 604800", "1H, 3600"})
  void parseSeconds_readsSecondsOrAUnit(final String text, final long seconds) {
    assertThat(RequestText.seconds(text)).isEqualTo(seconds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.5h", "-3", "2w", "h", "99999999999999999d"})
  void parseSeconds_anythingElse_isRefused(final String text) {
    assertThatThrownBy(() -> RequestText.seconds(text))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
