package io.sfsbroker.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.SerializedName;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one JSON codec of SFSBroker, shared by the devices, the bridge and the chaincode.
 *
 * <p>Output is deterministic: records are written in the order of their components, {@code null}
 * components are left out, nothing is HTML-escaped and {@link Instant}s are ISO-8601 strings in UTC
 * ({@code 2025-01-31T12:00:00Z}); enum constants are written by name, or by their {@link
 * SerializedName}. Input is strict: RFC 8259 only (no comments, no unquoted names, no trailing
 * data), an object that names a member twice is refused, so that every reader of a signed message
 * sees the same values, and an unknown enum name is an error (Gson would read it as {@code null}).
 */
public final class Json {

  /** How deep objects and arrays may nest in any input. */
  public static final int MAX_DEPTH = 32;

  private static final Gson GSON =
      new GsonBuilder()
          .disableHtmlEscaping()
          .disableJdkUnsafe()
          .setStrictness(Strictness.STRICT)
          .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
          .registerTypeAdapterFactory(new StrictEnumAdapterFactory())
          .create();

  private Json() {}

  /** Returns the shared, thread-safe Gson instance configured as described above. */
  public static Gson gson() {
    return GSON;
  }

  /** Encodes {@code value} (a record, a collection, a {@link JsonElement} …) as compact JSON. */
  public static String toJson(final Object value) {
    Objects.requireNonNull(value, "value");
    return GSON.toJson(value);
  }

  /** Converts {@code value} to a JSON tree. */
  public static JsonElement toJsonTree(final Object value) {
    Objects.requireNonNull(value, "value");
    return GSON.toJsonTree(value);
  }

  /**
   * Decodes {@code json} as an instance of {@code type}. The text is checked strictly first (see
   * the class comment); members that {@code type} does not declare are ignored (see {@link
   * #fromJsonStrict} for bodies).
   *
   * @throws JsonParseException when the text is not strict JSON, is {@code null}, names a member
   *     twice, does not fit {@code type}, or the record's constructor refuses the values
   */
  public static <T> T fromJson(final String json, final Class<T> type) {
    Objects.requireNonNull(type, "type");
    JsonElement tree = parse(json);
    if (tree.isJsonNull()) {
      throw new JsonSyntaxException("expected a JSON value, found null");
    }
    try {
      T value = GSON.fromJson(json, type);
      if (value == null) {
        throw new JsonSyntaxException("expected a JSON value, found nothing");
      }
      return value;
    } catch (JsonParseException e) {
      throw e;
    } catch (RuntimeException e) {
      // A record's compact constructor refused the values, or a number did not fit.
      throw new JsonSyntaxException(rootMessage(e), e);
    }
  }

  /**
   * Decodes a message body or a transaction argument {@code json} as the record {@code type}, more
   * strictly than {@link #fromJson}: a member {@code type} does not declare, a missing member of a
   * primitive component, and an integer that is not a whole number in range ({@code 1e2}, {@code
   * 100.0}, {@code "100"}, beyond {@code long}) are refused, naming the member ({@code
   * categories[0].amount must be a whole number, was 1E+2}). Readers of the ledger's records and
   * events use {@link #fromJson}, which ignores members added later.
   *
   * @throws JsonParseException as {@link #fromJson}, and when a member does not fit
   */
  public static <T> T fromJsonStrict(final String json, final Class<T> type) {
    Objects.requireNonNull(type, "type");
    StrictBodies.check(parse(json), type);
    return fromJson(json, type);
  }

  /**
   * Parses {@code json}, which must be one JSON object.
   *
   * @throws JsonParseException when it is not strict JSON, not an object, or names a member twice
   */
  public static JsonObject parseObject(final String json) {
    JsonElement tree = parse(json);
    if (!tree.isJsonObject()) {
      throw new JsonSyntaxException("expected a JSON object");
    }
    return tree.getAsJsonObject();
  }

  /**
   * Parses {@code json} into a tree. Numbers become {@link BigDecimal}s, exactly as written.
   *
   * @throws JsonParseException when it is not strict JSON, nests deeper than {@value #MAX_DEPTH} or
   *     names a member of an object twice
   */
  public static JsonElement parse(final String json) {
    if (json == null) {
      throw new JsonSyntaxException("expected JSON text, found no text");
    }
    try (JsonReader reader = new JsonReader(new StringReader(json))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement root = read(reader, 0);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonSyntaxException("unexpected data after the JSON value");
      }
      return root;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new JsonSyntaxException(e.getMessage(), e);
    }
  }

  private static JsonElement read(final JsonReader reader, final int depth) throws IOException {
    JsonToken token = reader.peek();
    switch (token) {
      case BEGIN_OBJECT -> {
        checkDepth(depth);
        JsonObject object = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          if (object.has(name)) {
            throw new JsonSyntaxException("member \"" + name + "\" appears twice");
          }
          object.add(name, read(reader, depth + 1));
        }
        reader.endObject();
        return object;
      }
      case BEGIN_ARRAY -> {
        checkDepth(depth);
        JsonArray array = new JsonArray();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(read(reader, depth + 1));
        }
        reader.endArray();
        return array;
      }
      case STRING -> {
        return new JsonPrimitive(reader.nextString());
      }
      case NUMBER -> {
        return new JsonPrimitive(new BigDecimal(reader.nextString()));
      }
      case BOOLEAN -> {
        return new JsonPrimitive(reader.nextBoolean());
      }
      case NULL -> {
        reader.nextNull();
        return JsonNull.INSTANCE;
      }
      default -> throw new JsonSyntaxException("unexpected " + token);
    }
  }

  private static void checkDepth(final int depth) {
    if (depth >= MAX_DEPTH) {
      throw new JsonSyntaxException("JSON nests deeper than " + MAX_DEPTH + " levels");
    }
  }

  private static String rootMessage(final Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  /** Reads and writes enum constants by name or {@link SerializedName}; refuses unknown names. */
  private static final class StrictEnumAdapterFactory implements TypeAdapterFactory {
    @Override
    public <T> TypeAdapter<T> create(final Gson gson, final TypeToken<T> type) {
      Class<? super T> raw = type.getRawType();
      if (!Enum.class.isAssignableFrom(raw) || raw == Enum.class) {
        return null;
      }
      if (!raw.isEnum()) {
        raw = raw.getSuperclass(); // a constant with a body
      }
      Map<String, Object> byName = new LinkedHashMap<>();
      Map<Object, String> names = new LinkedHashMap<>();
      for (Object constant : raw.getEnumConstants()) {
        String constantName = ((Enum<?>) constant).name();
        SerializedName annotation;
        try {
          annotation = raw.getField(constantName).getAnnotation(SerializedName.class);
        } catch (NoSuchFieldException e) {
          throw new IllegalStateException("no field for enum constant " + constantName, e);
        }
        String name = annotation == null ? constantName : annotation.value();
        byName.put(name, constant);
        names.put(constant, name);
      }
      String typeName = raw.getSimpleName();
      TypeAdapter<Object> adapter =
          new TypeAdapter<>() {
            @Override
            public void write(final JsonWriter out, final Object value) throws IOException {
              out.value(names.get(value));
            }

            @Override
            public Object read(final JsonReader in) throws IOException {
              String name = in.nextString();
              Object constant = byName.get(name);
              if (constant == null) {
                throw new JsonSyntaxException(
                    "unknown " + typeName + " '" + name + "'; use one of " + byName.keySet());
              }
              return constant;
            }
          };
      @SuppressWarnings("unchecked")
      TypeAdapter<T> typed = (TypeAdapter<T>) adapter.nullSafe();
      return typed;
    }
  }

  /** Writes an {@link Instant} as its ISO-8601 form and reads it back. */
  private static final class InstantAdapter extends TypeAdapter<Instant> {
    @Override
    public void write(final JsonWriter out, final Instant value) throws IOException {
      out.value(value.toString());
    }

    @Override
    public Instant read(final JsonReader in) throws IOException {
      String text = in.nextString();
      try {
        return Instant.parse(text);
      } catch (DateTimeException e) {
        throw new JsonSyntaxException("not an ISO-8601 instant: " + text, e);
      }
    }
  }
}
