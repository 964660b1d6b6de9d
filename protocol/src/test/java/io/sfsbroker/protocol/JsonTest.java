package io.sfsbroker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParseException;
import io.sfsbroker.protocol.envelope.MessageType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class JsonTest {

  record Sample(String zeta, int alpha, Instant at, MessageType type, List<String> tags) {}

  record Positive(long amount) {
    Positive {
      if (amount <= 0) {
        throw new IllegalArgumentException("amount must be positive");
      }
    }
  }

  record Named(String name) {
    Named {
      Objects.requireNonNull(name, "name");
    }
  }

  @Test
  void toJson_record_writesComponentsInDeclarationOrder() {
    Sample sample =
        new Sample(
            "z", 1, Instant.parse("2025-03-01T10:00:00Z"), MessageType.SLICE_REQUEST, List.of("a"));

    assertThat(Json.toJson(sample))
        .isEqualTo(
            "{\"zeta\":\"z\",\"alpha\":1,\"at\":\"2025-03-01T10:00:00Z\","
                + "\"type\":\"slice-request\",\"tags\":[\"a\"]}");
  }

  @Test
  void toJson_nullComponent_isLeftOut() {
    assertThat(Json.toJson(new Sample(null, 2, null, null, List.of())))
        .isEqualTo("{\"alpha\":2,\"tags\":[]}");
  }

  @Test
  void toJson_htmlCharacters_areNotEscaped() {
    assertThat(Json.toJson(new Named("<a href='x'>&</a>")))
        .isEqualTo("{\"name\":\"<a href='x'>&</a>\"}");
  }

  @Test
  void fromJson_record_roundTrips() {
    Sample sample =
        new Sample(
            "z", 7, Instant.parse("2025-03-01T10:00:00.5Z"), MessageType.FLOW_BID, List.of("a"));

    assertThat(Json.fromJson(Json.toJson(sample), Sample.class)).isEqualTo(sample);
  }

  @Test
  void fromJson_memberNamedTwice_isRefused() {
    assertThatThrownBy(() -> Json.fromJson("{\"name\":\"a\",\"name\":\"b\"}", Named.class))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("appears twice");
  }

  @Test
  void fromJson_trailingData_isRefused() {
    assertThatThrownBy(() -> Json.fromJson("{\"name\":\"a\"} x", Named.class))
        .isInstanceOf(JsonParseException.class);
  }

  @Test
  void fromJson_lenientSyntax_isRefused() {
    assertThatThrownBy(() -> Json.fromJson("{name:'a'}", Named.class))
        .isInstanceOf(JsonParseException.class);
    assertThatThrownBy(() -> Json.fromJson("{\"name\":\"a\"/* c */}", Named.class))
        .isInstanceOf(JsonParseException.class);
  }

  @Test
  void fromJson_nullOrNothing_isRefused() {
    assertThatThrownBy(() -> Json.fromJson("null", Named.class))
        .isInstanceOf(JsonParseException.class);
    assertThatThrownBy(() -> Json.fromJson("", Named.class)).isInstanceOf(JsonParseException.class);
    assertThatThrownBy(() -> Json.fromJson(null, Named.class))
        .isInstanceOf(JsonParseException.class);
  }

  @Test
  void fromJson_valueRefusedByConstructor_isJsonParseException() {
    assertThatThrownBy(() -> Json.fromJson("{\"amount\":0}", Positive.class))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("amount must be positive");
    assertThatThrownBy(() -> Json.fromJson("{}", Named.class))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("name");
  }

  @Test
  void fromJson_fractionForWholeNumber_isRefused() {
    assertThatThrownBy(() -> Json.fromJson("{\"amount\":1.5}", Positive.class))
        .isInstanceOf(JsonParseException.class);
  }

  @Test
  void fromJson_badInstant_isRefused() {
    assertThatThrownBy(
            () -> Json.fromJson("{\"alpha\":1,\"at\":\"yesterday\",\"tags\":[]}", Sample.class))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("ISO-8601");
  }

  @Test
  void fromJson_unknownEnumName_isRefused() {
    assertThatThrownBy(
            () ->
                Json.fromJson("{\"alpha\":1,\"type\":\"SLICE_REQUEST\",\"tags\":[]}", Sample.class))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("unknown MessageType 'SLICE_REQUEST'");
  }

  @Test
  void parse_deepNesting_isRefused() {
    String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);

    assertThatThrownBy(() -> Json.parse(deep))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("deeper");
    assertThat(Json.parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH)).isJsonArray())
        .isTrue();
  }

  @Test
  void parseObject_keepsNumbersAsWritten() {
    assertThat(Json.toJson(Json.parseObject("{\"a\":1.50,\"b\":12345678901234567890}")))
        .isEqualTo("{\"a\":1.50,\"b\":12345678901234567890}");
  }

  @Test
  void parseObject_array_isRefused() {
    assertThatThrownBy(() -> Json.parseObject("[1]"))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("object");
  }
}
