package io.sfsbroker.rp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.sfsbroker.device.DeviceConfig;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.offer.OfferedQoe;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The configuration of one resource provider's agent, read from a JSON file (docs/rp-agent.md):
 *
 * <pre>
 * {"device": {"id": "rp-1", "role": "rp", …},                  as {@link DeviceConfig} reads it
 *  "categories": {"cpu-millicores": {"capacity": 2000, "cost": 1, "price": 3, "services": 1,
 *                                    "latencyMicros": 1000, "bandwidthMbps": 100}, …},
 *  "image": "sfsbroker/slice:1", "dockerHost": "unix:///var/run/docker.sock",
 *  "portRange": {"first": 20000, "last": 20999}, "bindAddress": "127.0.0.1", …,
 *  "flows": {"throughputKbps": 50000, "latencyMicros": 8000, "lossPpm": 100, "price": 40}}
 * </pre>
 *
 * @param device how the agent reaches the bridge; its role is {@code rp}
 * @param categories what it has and asks per category, by name
 * @param image the slice image every container runs
 * @param dockerHost the Docker engine, {@code unix:///…} or {@code tcp://host:port}
 * @param portRange the host ports slices are published on
 * @param bindAddress the host address published ports listen on (the loopback by default)
 * @param advertisedHost the host name or address confirmations give the tenant for every part
 * @param user the user the slice runs as ({@code uid:gid}); empty for the image's own
 * @param pidsLimit the most processes one slice may run
 * @param minCpuMillicores the least CPU a slice gets, also when it bought no CPU
 * @param minMemoryMib the least memory a slice gets, also when it bought none (Docker needs 6)
 * @param offerFactor an offer makes at most this many times the requested amount available
 * @param offerHold how long after the offer deadline an offer's amounts stay reserved when no award
 *     came
 * @param readyTimeout how long a new slice's services may take to answer
 * @param receiptTimeout how long the agent waits for the receipt of a message
 * @param stopTimeout how long a slice may take to stop before it is killed
 * @param reconcileInterval how often the agent compares its containers with the ledger
 * @param flows what it guarantees and asks per flow of a multi-flow application; {@code null} when
 *     it does not bid for flows
 * @param networkPool where tenant networks take their subnets from; {@code null} for the engine's
 *     own address pools
 * @param bringUps how many awarded slices are brought up at once (their containers created and
 *     started, their services waited for and their confirmations sent at the same time)
 */
public record RpConfig(
    DeviceConfig device,
    SortedMap<String, CategoryTerms> categories,
    String image,
    String dockerHost,
    PortRange portRange,
    String bindAddress,
    String advertisedHost,
    String user,
    long pidsLimit,
    long minCpuMillicores,
    long minMemoryMib,
    long offerFactor,
    Duration offerHold,
    Duration readyTimeout,
    Duration receiptTimeout,
    Duration stopTimeout,
    Duration reconcileInterval,
    FlowTerms flows,
    SubnetPool networkPool,
    int bringUps) {

  /** The image the setup builds ({@code ./sfsbroker docker image}). */
  public static final String DEFAULT_IMAGE = "sfsbroker/slice:1";

  /** The local Docker engine. */
  public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

  /** The least memory Docker lets a container have. */
  public static final long DOCKER_MIN_MEMORY_MIB = 6;

  /** A category name, as the ledger takes it. */
  public static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
  private static final Pattern USER = Pattern.compile("|[0-9]{1,10}(:[0-9]{1,10})?");
  private static final Set<String> FIELDS =
      Set.of(
          "device",
          "categories",
          "image",
          "dockerHost",
          "portRange",
          "bindAddress",
          "advertisedHost",
          "user",
          "pidsLimit",
          "minCpuMillicores",
          "minMemoryMib",
          "offerFactor",
          "offerHoldSeconds",
          "readyTimeoutSeconds",
          "receiptTimeoutSeconds",
          "stopTimeoutSeconds",
          "reconcileSeconds",
          "flows",
          "networkPool",
          "bringUps");
  private static final Set<String> CATEGORY_FIELDS =
      Set.of("capacity", "cost", "price", "services", "latencyMicros", "bandwidthMbps");
  private static final Set<String> FLOW_FIELDS =
      Set.of("throughputKbps", "latencyMicros", "lossPpm", "price");

  /** Checks every field and copies the categories. */
  public RpConfig {
    Objects.requireNonNull(device, "device");
    if (!Topics.ROLE_RP.equals(device.role())) {
      throw new IllegalArgumentException(
          "device.role must be " + Topics.ROLE_RP + " for an RP agent, not " + device.role());
    }
    Objects.requireNonNull(categories, "categories");
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("categories is empty: name at least one category");
    }
    for (String name : categories.keySet()) {
      if (!CATEGORY.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "category '"
                + name
                + "' must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a"
                + " letter");
      }
      Objects.requireNonNull(categories.get(name), "categories." + name);
    }
    categories = Collections.unmodifiableSortedMap(new TreeMap<>(categories));
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("image is empty");
    }
    if (dockerHost == null
        || !(dockerHost.startsWith("unix:///")
            || dockerHost.startsWith("tcp://")
            || dockerHost.startsWith("npipe://"))) {
      throw new IllegalArgumentException(
          "dockerHost must be unix:///path or tcp://host:port, not " + dockerHost);
    }
    Objects.requireNonNull(portRange, "portRange");
    if (bindAddress == null || !HOST.matcher(bindAddress).matches()) {
      throw new IllegalArgumentException("bindAddress must be an IP address, not " + bindAddress);
    }
    if (advertisedHost == null || !HOST.matcher(advertisedHost).matches()) {
      throw new IllegalArgumentException(
          "advertisedHost must be a host name or IP address, not " + advertisedHost);
    }
    if (user == null || !USER.matcher(user).matches()) {
      throw new IllegalArgumentException("user must be uid or uid:gid (or empty), not " + user);
    }
    requireRange("pidsLimit", pidsLimit, 8, 1_000_000);
    requireRange("minCpuMillicores", minCpuMillicores, 10, 1_000_000);
    requireRange("minMemoryMib", minMemoryMib, DOCKER_MIN_MEMORY_MIB, 1_000_000_000);
    requireRange("offerFactor", offerFactor, 1, 1_000);
    requirePositive("offerHoldSeconds", offerHold, true);
    requirePositive("readyTimeoutSeconds", readyTimeout, false);
    requirePositive("receiptTimeoutSeconds", receiptTimeout, false);
    requirePositive("stopTimeoutSeconds", stopTimeout, true);
    requirePositive("reconcileSeconds", reconcileInterval, false);
    requireRange("bringUps", bringUps, 1, 64);
  }

  /** The agent's participant id. */
  public String rpId() {
    return device.id();
  }

  /** What the agent has and asks in {@code category}, or {@code null} when it does not serve it. */
  public CategoryTerms terms(final String category) {
    return categories.get(category);
  }

  /** Every category's capacity, by name. */
  public SortedMap<String, Long> capacities() {
    SortedMap<String, Long> capacities = new TreeMap<>();
    categories.forEach((name, terms) -> capacities.put(name, terms.capacity()));
    return capacities;
  }

  /**
   * Reads the configuration file {@code file}; paths in it are relative to its folder.
   *
   * @throws IllegalArgumentException naming the file and the missing, unknown or bad field
   */
  public static RpConfig load(final Path file) {
    Objects.requireNonNull(file, "file");
    JsonObject root = DeviceConfig.readObject(file);
    try {
      return fromJson(root, DeviceConfig.baseDir(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a configuration object, resolving the device's paths against {@code baseDir}.
   *
   * @throws IllegalArgumentException naming the missing, unknown or bad field
   */
  public static RpConfig fromJson(final JsonObject root, final Path baseDir) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(baseDir, "baseDir");
    for (String field : root.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            "unknown field \"" + field + "\"; the fields are " + new TreeSet<>(FIELDS));
      }
    }
    if (!root.has("device") || !root.get("device").isJsonObject()) {
      throw new IllegalArgumentException("no \"device\" object");
    }
    DeviceConfig device = DeviceConfig.fromJson(root.getAsJsonObject("device"), baseDir);
    String bindAddress = text(root, "bindAddress", "127.0.0.1");
    return new RpConfig(
        device,
        categories(root),
        text(root, "image", DEFAULT_IMAGE),
        text(root, "dockerHost", DEFAULT_DOCKER_HOST),
        portRange(root),
        bindAddress,
        text(root, "advertisedHost", bindAddress),
        text(root, "user", "65534:65534"),
        number(root, "pidsLimit", 128),
        number(root, "minCpuMillicores", 100),
        number(root, "minMemoryMib", 32),
        number(root, "offerFactor", 2),
        Duration.ofSeconds(number(root, "offerHoldSeconds", 30)),
        Duration.ofSeconds(number(root, "readyTimeoutSeconds", 30)),
        Duration.ofSeconds(number(root, "receiptTimeoutSeconds", 60)),
        Duration.ofSeconds(number(root, "stopTimeoutSeconds", 10)),
        Duration.ofSeconds(number(root, "reconcileSeconds", 300)),
        flows(root),
        networkPool(root),
        bringUps(root));
  }

  private static int bringUps(final JsonObject root) {
    long bringUps = number(root, "bringUps", 4);
    requireRange("bringUps", bringUps, 1, 64);
    return (int) bringUps;
  }

  private static SubnetPool networkPool(final JsonObject root) {
    JsonElement value = root.get("networkPool");
    if (value == null) {
      return null;
    }
    if (!value.isJsonObject()) {
      throw new IllegalArgumentException(
          "networkPool must be an object {\"base\": \"10.213.0.0/16\", \"prefixLength\": 24}");
    }
    JsonObject pool = value.getAsJsonObject();
    for (String field : pool.keySet()) {
      if (!Set.of("base", "prefixLength").contains(field)) {
        throw new IllegalArgumentException(
            "unknown field \"networkPool." + field + "\"; use base, prefixLength");
      }
    }
    if (!pool.has("base")) {
      throw new IllegalArgumentException("networkPool.base is missing");
    }
    try {
      return new SubnetPool(text(pool, "base", ""), intNumber(pool, "prefixLength", 24));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("networkPool: " + e.getMessage(), e);
    }
  }

  private static FlowTerms flows(final JsonObject root) {
    JsonElement value = root.get("flows");
    if (value == null) {
      return null;
    }
    if (!value.isJsonObject()) {
      throw new IllegalArgumentException(
          "flows must be an object {throughputKbps, latencyMicros, lossPpm, price}");
    }
    JsonObject terms = value.getAsJsonObject();
    for (String field : terms.keySet()) {
      if (!FLOW_FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            "unknown field \"flows."
                + field
                + "\"; use throughputKbps, latencyMicros, lossPpm, price");
      }
    }
    long throughput = required(terms, "flows", "throughputKbps");
    long latency = required(terms, "flows", "latencyMicros");
    long loss = required(terms, "flows", "lossPpm");
    long price = required(terms, "flows", "price");
    try {
      return new FlowTerms(throughput, latency, loss, price);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("flows: " + e.getMessage(), e);
    }
  }

  private static SortedMap<String, CategoryTerms> categories(final JsonObject root) {
    JsonElement value = root.get("categories");
    if (value == null || !value.isJsonObject()) {
      throw new IllegalArgumentException(
          "no \"categories\" object (category name → {capacity, cost, price, services})");
    }
    SortedMap<String, CategoryTerms> categories = new TreeMap<>();
    for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
      String name = entry.getKey();
      String where = "categories." + name;
      if (!entry.getValue().isJsonObject()) {
        throw new IllegalArgumentException(where + " must be an object {capacity, cost, price}");
      }
      JsonObject terms = entry.getValue().getAsJsonObject();
      for (String field : terms.keySet()) {
        if (!CATEGORY_FIELDS.contains(field)) {
          throw new IllegalArgumentException(
              "unknown field \""
                  + where
                  + "."
                  + field
                  + "\"; use capacity, cost, price, services, latencyMicros, bandwidthMbps");
        }
      }
      try {
        categories.put(
            name,
            new CategoryTerms(
                required(terms, where, "capacity"),
                required(terms, where, "cost"),
                required(terms, where, "price"),
                intNumber(terms, "services", 1),
                qoe(terms)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return categories;
  }

  /**
   * The QoE terms of a category: {@code latencyMicros} and {@code bandwidthMbps}, both optional.
   */
  private static OfferedQoe qoe(final JsonObject terms) {
    Long latency = terms.has("latencyMicros") ? number(terms, "latencyMicros", 0) : null;
    Long bandwidth = terms.has("bandwidthMbps") ? number(terms, "bandwidthMbps", 0) : null;
    return latency == null && bandwidth == null ? null : new OfferedQoe(latency, bandwidth);
  }

  private static PortRange portRange(final JsonObject root) {
    JsonElement value = root.get("portRange");
    if (value == null) {
      return new PortRange(20_000, 20_999);
    }
    if (!value.isJsonObject()) {
      throw new IllegalArgumentException("portRange must be an object {\"first\", \"last\"}");
    }
    JsonObject range = value.getAsJsonObject();
    try {
      for (String field : new String[] {"first", "last"}) {
        if (!range.has(field)) {
          throw new IllegalArgumentException(field + " is missing");
        }
      }
      return new PortRange(intNumber(range, "first", 0), intNumber(range, "last", 0));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("portRange: " + e.getMessage(), e);
    }
  }

  private static long required(final JsonObject object, final String where, final String field) {
    if (!object.has(field)) {
      throw new IllegalArgumentException(where + "." + field + " is missing");
    }
    return number(object, field, 0);
  }

  private static long number(final JsonObject object, final String field, final long fallback) {
    JsonElement value = object.get(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isJsonPrimitive() || !((JsonPrimitive) value).isNumber()) {
      throw new IllegalArgumentException(field + " must be a whole number, was " + value);
    }
    BigDecimal number = value.getAsBigDecimal();
    try {
      return number.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(field + " must be a whole number, was " + number, e);
    }
  }

  private static int intNumber(final JsonObject object, final String field, final int fallback) {
    long value = number(object, field, fallback);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(field + " is out of range, was " + value);
    }
    return (int) value;
  }

  private static String text(final JsonObject object, final String field, final String fallback) {
    JsonElement value = object.get(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isJsonPrimitive() || !((JsonPrimitive) value).isString()) {
      throw new IllegalArgumentException(field + " must be a string, was " + value);
    }
    return value.getAsString();
  }

  private static void requireRange(
      final String field, final long value, final long min, final long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " must be " + min + " to " + max + ", was " + value);
    }
  }

  private static void requirePositive(
      final String field, final Duration value, final boolean zeroAllowed) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new IllegalArgumentException(
          field + " must be " + (zeroAllowed ? "0 or more" : "positive") + ", was " + value);
    }
  }
}
