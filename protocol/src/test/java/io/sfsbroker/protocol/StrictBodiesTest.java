package io.sfsbroker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParseException;
import io.sfsbroker.protocol.request.SliceRequestBody;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictBodiesTest {

  record Line(String category, long amount, Integer weight) {}

  record Order(String id, List<Line> lines, Map<String, Long> limits, double share) {}

  @Test
  void aBodyThatFits_isReadAsFromJsonReadsIt() {
    String json =
        "{\"id\":\"o-1\",\"lines\":[{\"category\":\"cpu\",\"amount\":5}],"
            + "\"limits\":{\"cpu\":7},\"share\":0.5}";

    assertThat(Json.fromJsonStrict(json, Order.class))
        .isEqualTo(Json.fromJson(json, Order.class))
        .isEqualTo(new Order("o-1", List.of(new Line("cpu", 5, null)), Map.of("cpu", 7L), 0.5));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"id\":\"o\",\"share\":1,\"lines\":[{\"category\":\"cpu\",\"amount\":1e2}]}"
            + "| lines[0].amount must be a whole number, was 1E+2",
        "{\"id\":\"o\",\"share\":1,\"lines\":[{\"category\":\"cpu\",\"amount\":100.0}]}"
            + "| lines[0].amount must be a whole number, was 100.0",
        "{\"id\":\"o\",\"share\":1,\"lines\":[{\"category\":\"cpu\",\"amount\":\"100\"}]}"
            + "| lines[0].amount must be a whole number, was \"100\"",
        "{\"id\":\"o\",\"share\":1,\"lines\":[{\"category\":\"cpu\",\"amount\":9223372036854775808}]}"
            + "| lines[0].amount must be -9223372036854775808 to 9223372036854775807",
        "{\"id\":\"o\",\"share\":1,\"lines\":[{\"category\":\"cpu\",\"amount\":1,\"weight\":2.5}]}"
            + "| lines[0].weight must be a whole number, was 2.5",
        "{\"id\":\"o\",\"share\":1,\"lines\":[{\"category\":\"cpu\"}]}"
            + "| lines[0].amount is missing",
        "{\"id\":\"o\",\"share\":1,\"lines\":[{\"category\":\"cpu\",\"amount\":1,\"amout\":2}]}"
            + "| unknown member lines[0].amout in lines[0]; the members are category, amount, weight",
        "{\"id\":\"o\",\"share\":1,\"limits\":{\"cpu\":1.5}}| limits.cpu must be a whole number",
        "{\"id\":\"o\"}| share is missing",
        "{\"id\":7,\"share\":1}| id must be a string, was 7",
        "{\"id\":\"o\",\"share\":\"1\"}| share must be a number",
        "{\"id\":\"o\",\"share\":1,\"colour\":\"red\"}| unknown member colour;"
      })
  void whatGsonWouldLetPass_isRefusedNamingTheMember(final String json, final String message) {
    assertThatThrownBy(() -> Json.fromJsonStrict(json, Order.class))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining(message.strip());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{\"serviceClass\":\"ar-vr\",\"budget\":1e3}", "{\"serviceclass\":\"x\"}"})
  void sliceRequestBodies_areReadStrictly(final String json) {
    assertThatThrownBy(() -> Json.fromJsonStrict(json, SliceRequestBody.class))
        .isInstanceOf(JsonParseException.class);
    if (json.contains("budget")) {
      assertThat(Json.fromJson(json, SliceRequestBody.class).budget()).isEqualTo(1000);
    }
  }
}
