package io.sfsbroker.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a JSON tree against the shape of the record it is to become, before Gson reads it, so that
 * what Gson would let pass is refused with the member named (issue 11 item 9): a member the record
 * does not have, a missing member of a primitive component (which Gson would read as 0 or {@code
 * false}), and a number where the component is an integer that is not written as a whole number
 * ({@code 1e2}, {@code 100.0}) or does not fit, or that is written as a string ({@code "100"}).
 * Nested records, lists, arrays and maps are checked to any depth. Components that may be left out
 * are boxed ({@code Long}, {@code Integer}); the records' compact constructors check the rest.
 */
final class StrictBodies {

  private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]*)");

  private static final Set<Class<?>> INTEGERS =
      Set.of(long.class, Long.class, int.class, Integer.class, short.class, Short.class);

  private static final Set<Class<?>> DECIMALS =
      Set.of(double.class, Double.class, float.class, Float.class);

  private StrictBodies() {}

  /**
   * Checks {@code tree} against {@code type}.
   *
   * @throws JsonSyntaxException naming the first member that does not fit
   */
  static void check(final JsonElement tree, final Type type) {
    check(tree, type, "");
  }

  private static void check(final JsonElement value, final Type type, final String path) {
    if (value == null || value.isJsonNull()) {
      return; // the record's constructor decides whether null may stand here
    }
    Class<?> raw = raw(type);
    if (raw == null) {
      return;
    }
    if (INTEGERS.contains(raw)) {
      requireWhole(value, raw, path);
    } else if (DECIMALS.contains(raw)) {
      if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
        throw new JsonSyntaxException(name(path) + " must be a number, was " + value);
      }
    } else if (raw == boolean.class || raw == Boolean.class) {
      if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
        throw new JsonSyntaxException(name(path) + " must be true or false, was " + value);
      }
    } else if (raw == String.class) {
      if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
        throw new JsonSyntaxException(name(path) + " must be a string, was " + value);
      }
    } else if (raw.isRecord()) {
      checkRecord(value, raw, path);
    } else if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
      if (!value.isJsonArray()) {
        throw new JsonSyntaxException(name(path) + " must be a list, was " + value);
      }
      Type element = elementType(type);
      int i = 0;
      for (JsonElement item : value.getAsJsonArray()) {
        check(item, element, path + "[" + i++ + "]");
      }
    } else if (Map.class.isAssignableFrom(raw)) {
      if (!value.isJsonObject()) {
        throw new JsonSyntaxException(name(path) + " must be an object, was " + value);
      }
      Type valueType = typeArgument(type, 1);
      for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
        check(entry.getValue(), valueType, path + "." + entry.getKey());
      }
    }
    // Enums, instants and JSON trees have adapters of their own that refuse what does not fit.
  }

  private static void checkRecord(
      final JsonElement value, final Class<?> record, final String path) {
    if (!value.isJsonObject()) {
      throw new JsonSyntaxException(
          (path.isEmpty() ? "the body" : path.substring(1)) + " must be an object, was " + value);
    }
    JsonObject object = value.getAsJsonObject();
    RecordComponent[] components = record.getRecordComponents();
    List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
    for (String member : object.keySet()) {
      if (!names.contains(member)) {
        throw new JsonSyntaxException(
            "unknown member "
                + name(path + "." + member)
                + (path.isEmpty() ? "" : " in " + path.substring(1))
                + "; the members are "
                + String.join(", ", names));
      }
    }
    for (RecordComponent component : components) {
      JsonElement member = object.get(component.getName());
      String at = path + "." + component.getName();
      if ((member == null || member.isJsonNull()) && component.getType().isPrimitive()) {
        throw new JsonSyntaxException(name(at) + " is missing");
      }
      check(member, component.getGenericType(), at);
    }
  }

  private static void requireWhole(
      final JsonElement value, final Class<?> type, final String path) {
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      throw new JsonSyntaxException(name(path) + " must be a whole number, was " + value);
    }
    JsonPrimitive number = value.getAsJsonPrimitive();
    // Json.parse keeps every number as the BigDecimal of its literal: 100 stays "100", 1e2 is
    // "1E+2" and 100.0 is "100.0".
    String text =
        number.getAsNumber() instanceof BigDecimal d ? d.toString() : number.getAsString();
    if (!WHOLE.matcher(text).matches()) {
      throw new JsonSyntaxException(name(path) + " must be a whole number, was " + text);
    }
    BigInteger whole = new BigInteger(text);
    long min;
    long max;
    if (type == long.class || type == Long.class) {
      min = Long.MIN_VALUE;
      max = Long.MAX_VALUE;
    } else if (type == int.class || type == Integer.class) {
      min = Integer.MIN_VALUE;
      max = Integer.MAX_VALUE;
    } else {
      min = Short.MIN_VALUE;
      max = Short.MAX_VALUE;
    }
    if (whole.compareTo(BigInteger.valueOf(min)) < 0
        || whole.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new JsonSyntaxException(
          name(path) + " must be " + min + " to " + max + ", was " + text);
    }
  }

  private static String name(final String path) {
    return path.isEmpty() ? "the body" : path.substring(1);
  }

  private static Class<?> raw(final Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    if (type instanceof GenericArrayType) {
      return Object[].class;
    }
    return null;
  }

  private static Type elementType(final Type type) {
    if (type instanceof Class<?> c && c.isArray()) {
      return c.getComponentType();
    }
    if (type instanceof GenericArrayType g) {
      return g.getGenericComponentType();
    }
    return typeArgument(type, 0);
  }

  private static Type typeArgument(final Type type, final int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }
}
