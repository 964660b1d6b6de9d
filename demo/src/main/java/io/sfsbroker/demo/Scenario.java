package io.sfsbroker.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the demo runs, read from one file a user can edit ({@code network/demo/scenario.json}): the
 * RPs with capacity, cost, list price and QoE guarantees per category, the fog nodes with what each
 * asks for, how long offer windows stay open and how many credits each fog node holds.
 *
 * @param offerWindowSeconds how long each request's offer window stays open
 * @param fogCredits the credits each fog node holds before it asks (topped up to this)
 * @param rps the resource providers, in order (the n-th gets the n-th block of host ports)
 * @param fogs the fog nodes, each asking once, all at the same time
 */
public record Scenario(long offerWindowSeconds, long fogCredits, List<Rp> rps, List<Fog> fogs) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Set<String> FIELDS =
      Set.of("comment", "offerWindowSeconds", "fogCredits", "rps", "fogs");

  /**
   * An RP's terms for one category, as its agent's configuration takes them.
   *
   * @param latencyMicros the latency the RP guarantees for the category, or {@code null} for none
   *     (then no request with a latency need can use it: docs/selection.md, QoE)
   * @param bandwidthMbps the bandwidth the RP guarantees, or {@code null} for none
   */
  public record Terms(
      long capacity, long cost, long price, Long latencyMicros, Long bandwidthMbps) {}

  /** An RP and its terms per category. */
  public record Rp(String id, SortedMap<String, Terms> categories) {
    public Rp {
      categories = Collections.unmodifiableSortedMap(new TreeMap<>(categories));
    }
  }

  /**
   * A fog node and what it asks for: a service class, or explicit amounts per category.
   *
   * @param serviceClass {@code ar-vr}, {@code digital-twin} …; {@code null} when {@code amounts}
   * @param amounts per category; empty when {@code serviceClass}
   */
  public record Fog(String id, String serviceClass, SortedMap<String, Long> amounts, long budget) {
    public Fog {
      amounts = Collections.unmodifiableSortedMap(new TreeMap<>(amounts));
    }

    /** The {@code fog-node-agent request} options that ask for it. */
    public List<String> requestArgs() {
      List<String> args = new ArrayList<>();
      if (serviceClass != null) {
        args.add("--class");
        args.add(serviceClass);
      }
      amounts.forEach(
          (category, amount) -> {
            args.add("--amount");
            args.add(category + "=" + amount);
          });
      args.add("--budget");
      args.add(Long.toString(budget));
      return List.copyOf(args);
    }
  }

  public Scenario {
    rps = List.copyOf(rps);
    fogs = List.copyOf(fogs);
  }

  /**
   * Reads a scenario file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong in it
   */
  public static Scenario load(final Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return fromJson(Json.parseObject(Files.readString(file)));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the scenario " + file + ": " + e, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad scenario " + file + ": " + e.getMessage(), e);
    }
  }

  static Scenario fromJson(final JsonObject root) {
    known(root, FIELDS, "the scenario");
    long window = positive(root, "offerWindowSeconds");
    long credits = positive(root, "fogCredits");
    Set<String> ids = new TreeSet<>();
    List<Rp> rps = new ArrayList<>();
    for (JsonElement element : array(root, "rps")) {
      JsonObject rp = element.getAsJsonObject();
      known(rp, Set.of("id", "categories"), "an RP");
      String id = id(rp, ids);
      SortedMap<String, Terms> terms = new TreeMap<>();
      JsonObject categories = object(rp, "categories", id);
      for (Map.Entry<String, JsonElement> category : categories.entrySet()) {
        JsonObject t = category.getValue().getAsJsonObject();
        String where = id + "." + category.getKey();
        known(t, Set.of("capacity", "cost", "price", "latencyMicros", "bandwidthMbps"), where);
        terms.put(
            category.getKey(),
            new Terms(
                positive(t, "capacity"),
                positive(t, "cost"),
                positive(t, "price"),
                optionalPositive(t, "latencyMicros"),
                optionalPositive(t, "bandwidthMbps")));
      }
      if (terms.isEmpty()) {
        throw new IllegalArgumentException(id + " offers no category");
      }
      rps.add(new Rp(id, terms));
    }
    List<Fog> fogs = new ArrayList<>();
    for (JsonElement element : array(root, "fogs")) {
      JsonObject fog = element.getAsJsonObject();
      known(fog, Set.of("id", "serviceClass", "amounts", "budget"), "a fog node");
      String id = id(fog, ids);
      String serviceClass = fog.has("serviceClass") ? fog.get("serviceClass").getAsString() : null;
      SortedMap<String, Long> amounts = new TreeMap<>();
      if (fog.has("amounts")) {
        for (Map.Entry<String, JsonElement> amount : object(fog, "amounts", id).entrySet()) {
          long value = amount.getValue().getAsLong();
          if (value <= 0) {
            throw new IllegalArgumentException(id + ": amount of " + amount.getKey() + " <= 0");
          }
          amounts.put(amount.getKey(), value);
        }
      }
      if ((serviceClass == null) == amounts.isEmpty()) {
        throw new IllegalArgumentException(
            id + ": give either \"serviceClass\" or \"amounts\", not both or neither");
      }
      fogs.add(new Fog(id, serviceClass, amounts, positive(fog, "budget")));
    }
    if (rps.isEmpty() || fogs.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs at least one RP and one fog node");
    }
    return new Scenario(window, credits, rps, fogs);
  }

  private static void known(final JsonObject object, final Set<String> fields, final String what) {
    for (String field : object.keySet()) {
      if (!fields.contains(field)) {
        throw new IllegalArgumentException(
            "unknown field \""
                + field
                + "\" in "
                + what
                + "; the fields are "
                + new TreeSet<>(fields));
      }
    }
  }

  private static String id(final JsonObject object, final Set<String> seen) {
    if (!object.has("id")) {
      throw new IllegalArgumentException("an RP or fog node without \"id\"");
    }
    String id = object.get("id").getAsString();
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("bad id \"" + id + "\": use a-z, 0-9 and -");
    }
    if (!seen.add(id)) {
      throw new IllegalArgumentException("the id " + id + " is used twice");
    }
    return id;
  }

  private static long positive(final JsonObject object, final String field) {
    if (!object.has(field)) {
      throw new IllegalArgumentException("\"" + field + "\" is missing");
    }
    long value = object.get(field).getAsLong();
    if (value <= 0) {
      throw new IllegalArgumentException("\"" + field + "\" must be positive, not " + value);
    }
    return value;
  }

  private static Long optionalPositive(final JsonObject object, final String field) {
    return object.has(field) ? positive(object, field) : null;
  }

  private static Iterable<JsonElement> array(final JsonObject object, final String field) {
    if (!object.has(field) || !object.get(field).isJsonArray()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a list");
    }
    return object.getAsJsonArray(field);
  }

  private static JsonObject object(final JsonObject object, final String field, final String id) {
    if (!object.has(field) || !object.get(field).isJsonObject()) {
      throw new IllegalArgumentException(id + ": \"" + field + "\" must be an object");
    }
    return object.getAsJsonObject(field);
  }
}
