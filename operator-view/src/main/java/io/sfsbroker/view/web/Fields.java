package io.sfsbroker.view.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient reads of the chaincode's JSON records for display: a missing member reads as {@code ""},
 * an empty list or an empty object, so a member added later or left out never breaks a page.
 */
public final class Fields {

  private Fields() {}

  /** Parses a JSON object. */
  public static JsonObject object(final String json) {
    return Json.parseObject(json);
  }

  /** A member as text ({@code ""} when absent or null; numbers and booleans as written). */
  public static String text(final JsonObject object, final String name) {
    JsonElement value = object == null ? null : object.get(name);
    if (value == null || value.isJsonNull()) {
      return "";
    }
    return value.isJsonPrimitive() ? value.getAsString() : value.toString();
  }

  /** A member as a number (0 when absent or not a number). */
  public static double number(final JsonObject object, final String name) {
    JsonElement value = object == null ? null : object.get(name);
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      return 0;
    }
    return value.getAsDouble();
  }

  /** A member that is a list of objects (empty when absent). */
  public static List<JsonObject> objects(final JsonObject object, final String name) {
    JsonElement value = object == null ? null : object.get(name);
    List<JsonObject> found = new ArrayList<>();
    if (value != null && value.isJsonArray()) {
      for (JsonElement element : value.getAsJsonArray()) {
        if (element.isJsonObject()) {
          found.add(element.getAsJsonObject());
        }
      }
    }
    return found;
  }

  /** A member that is a list of strings (empty when absent). */
  public static List<String> strings(final JsonObject object, final String name) {
    JsonElement value = object == null ? null : object.get(name);
    List<String> found = new ArrayList<>();
    if (value != null && value.isJsonArray()) {
      for (JsonElement element : value.getAsJsonArray()) {
        if (element.isJsonPrimitive()) {
          found.add(element.getAsString());
        }
      }
    }
    return found;
  }

  /** A member that is an object (empty when absent). */
  public static JsonObject child(final JsonObject object, final String name) {
    JsonElement value = object == null ? null : object.get(name);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
  }

  /** The elements of a JSON array text that are objects. */
  public static List<JsonObject> array(final String json) {
    List<JsonObject> found = new ArrayList<>();
    JsonElement element = Json.parse(json);
    if (element.isJsonArray()) {
      for (JsonElement item : (JsonArray) element) {
        if (item.isJsonObject()) {
          found.add(item.getAsJsonObject());
        }
      }
    }
    return found;
  }
}
