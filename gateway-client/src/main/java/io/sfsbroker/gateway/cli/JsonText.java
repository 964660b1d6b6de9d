package io.sfsbroker.gateway.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import io.sfsbroker.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/** Reading members of the chaincode's JSON answers for the human output. */
final class JsonText {

  private JsonText() {}

  /**
   * The member {@code name} of {@code object} as text: a string or number as written, an array of
   * them joined by commas, anything else as JSON; {@code -} when absent or {@code null}.
   */
  static String text(final JsonObject object, final String name) {
    return text(object == null ? null : object.get(name));
  }

  /** {@code value} as text, as {@link #text(JsonObject, String)} describes. */
  static String text(final JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return "-";
    }
    if (value.isJsonPrimitive()) {
      return value.getAsString();
    }
    if (value.isJsonArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonElement element : value.getAsJsonArray()) {
        if (!element.isJsonPrimitive()) {
          return Json.toJson(value);
        }
        parts.add(element.getAsString());
      }
      return parts.isEmpty() ? "-" : String.join(", ", parts);
    }
    return Json.toJson(value);
  }

  /** The member {@code name} of {@code object} as an array; empty when absent. */
  static JsonArray array(final JsonObject object, final String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonArray() ? value.getAsJsonArray() : new JsonArray();
  }

  /** The member {@code name} of {@code object} as an object; empty when absent. */
  static JsonObject object(final JsonObject object, final String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
  }

  /** The objects of {@code array}, skipping anything else. */
  static List<JsonObject> objects(final JsonArray array) {
    List<JsonObject> objects = new ArrayList<>();
    for (JsonElement element : array) {
      if (element.isJsonObject()) {
        objects.add(element.getAsJsonObject());
      }
    }
    return objects;
  }

  /** {@code text} parsed as JSON, or as one JSON string when it is not JSON. */
  static JsonElement parseOrString(final String text) {
    try {
      return Json.parse(text);
    } catch (JsonParseException e) {
      return new JsonPrimitive(text);
    }
  }
}
