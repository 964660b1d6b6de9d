package io.sfsbroker.fog;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a fog node asks for: the body of its {@code slice-request} envelope, written as it is
 * (docs/contracts.md, {@code request:submitSliceRequest}). Either a service class of the catalog
 * ({@code ar-vr}, {@code digital-twin}, or one an admin stored) or explicit category amounts, and
 * how it pays: a budget, maximum unit prices, or both.
 *
 * <p>The compact constructor checks what the agent can check alone, so that a typing error fails at
 * once instead of after a round trip to the ledger; the ledger checks the rest (known classes and
 * categories, the window and validity bounds, whether the budget covers every category).
 *
 * @param serviceClass a service class, or {@code null} with {@code categories}
 * @param scale how many instances of the class (1 to {@value #MAX_SCALE}); {@code null} is 1
 * @param categories explicit amounts (1 to {@value #MAX_CATEGORIES}), or {@code null} with a class
 * @param maxUnitPrices for a class: the most paid per unit of some categories; {@code null} for
 *     none
 * @param budget the most paid for the whole slice, in minor units; {@code null} when every category
 *     has a maximum unit price
 * @param qoe QoE needs (metric → whole number), overriding the class's; {@code null} for none
 * @param offerWindowSeconds how long RPs may offer; {@code null} for the broker's default
 * @param strategy {@code STACKELBERG} or {@code LOWEST_OFFER}; {@code null} for the broker's
 *     default
 * @param validitySeconds how long the slice is valid once active; {@code null} for the broker's
 *     default
 */
public record RequestSpec(
    String serviceClass,
    Integer scale,
    List<Category> categories,
    SortedMap<String, Long> maxUnitPrices,
    Long budget,
    SortedMap<String, Long> qoe,
    Long offerWindowSeconds,
    String strategy,
    Long validitySeconds) {

  /** The largest scale of a service class. */
  public static final int MAX_SCALE = 1000;

  /** The most explicit categories. */
  public static final int MAX_CATEGORIES = 512;

  /** The largest amount of one category. */
  public static final long MAX_AMOUNT = 1_000_000_000L;

  /** The largest maximum unit price, in minor units. */
  public static final long MAX_PRICE = 1_000_000_000_000L;

  /** The largest budget, in minor units. */
  public static final long MAX_BUDGET = 1_000_000_000_000_000L;

  /** The selection rules the broker knows. */
  public static final Set<String> STRATEGIES = Set.of("STACKELBERG", "LOWEST_OFFER");

  /** Category and service-class names: as the catalog stores them. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

  private static final Pattern METRIC = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

  private static final Pattern AMOUNT = Pattern.compile("([^=@]+)=(\\d+)(?:@(\\d+))?");

  private static final Pattern PAIR = Pattern.compile("([^=]+)=(\\d+)");

  private static final Pattern SECONDS = Pattern.compile("(\\d+)([smhd]?)");

  /**
   * One explicitly requested category.
   *
   * @param category its name, such as {@code cpu-millicores}
   * @param amount how many units, 1 to {@value RequestSpec#MAX_AMOUNT}
   * @param maxUnitPrice the most paid per unit, or {@code null} to share the budget
   * @param budgetWeight its weight when the budget is shared; {@code null} is 1
   */
  public record Category(String category, long amount, Long maxUnitPrice, Long budgetWeight) {

    /** Checks the name and the ranges. */
    public Category {
      requireName("category", category);
      if (amount < 1 || amount > MAX_AMOUNT) {
        throw new IllegalArgumentException(
            "category " + category + ": amount must be 1 to " + MAX_AMOUNT + ", was " + amount);
      }
      requirePrice("category " + category + ": maximum unit price", maxUnitPrice);
      if (budgetWeight != null && (budgetWeight < 1 || budgetWeight > 1_000_000)) {
        throw new IllegalArgumentException(
            "category " + category + ": budgetWeight must be 1 to 1000000, was " + budgetWeight);
      }
    }

    /**
     * Reads {@code CATEGORY=AMOUNT} or {@code CATEGORY=AMOUNT@MAX_UNIT_PRICE}, as in {@code
     * --amount cpu-millicores=500@3}.
     *
     * @throws IllegalArgumentException with the expected form
     */
    public static Category parse(final String text) {
      Objects.requireNonNull(text, "text");
      Matcher m = AMOUNT.matcher(text.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' is not CATEGORY=AMOUNT or CATEGORY=AMOUNT@MAX_UNIT_PRICE"
                + " (e.g. cpu-millicores=500 or cpu-millicores=500@3)");
      }
      return new Category(
          m.group(1).strip(),
          number("amount of " + m.group(1).strip(), m.group(2)),
          m.group(3) == null ? null : number("price of " + m.group(1).strip(), m.group(3)),
          null);
    }
  }

  /** Checks the request (see the class comment) and copies the collections. */
  public RequestSpec {
    if ((serviceClass == null) == (categories == null)) {
      throw new IllegalArgumentException(
          "ask for either a service class or explicit category amounts, exactly one of them");
    }
    if (serviceClass != null) {
      requireName("service class", serviceClass);
    }
    if (scale != null && (scale < 1 || scale > MAX_SCALE || serviceClass == null)) {
      throw new IllegalArgumentException(
          "scale must be 1 to " + MAX_SCALE + ", and only with a service class");
    }
    if (categories != null) {
      categories = List.copyOf(categories);
      if (categories.isEmpty() || categories.size() > MAX_CATEGORIES) {
        throw new IllegalArgumentException("name 1 to " + MAX_CATEGORIES + " categories");
      }
      Set<String> seen = new HashSet<>();
      for (Category category : categories) {
        if (!seen.add(category.category())) {
          throw new IllegalArgumentException("category " + category.category() + " is named twice");
        }
      }
    }
    if (maxUnitPrices != null) {
      if (serviceClass == null) {
        throw new IllegalArgumentException(
            "maximum prices by category are for a service class; give explicit amounts their"
                + " price as CATEGORY=AMOUNT@PRICE");
      }
      SortedMap<String, Long> copy = new TreeMap<>();
      maxUnitPrices.forEach(
          (name, price) -> {
            requireName("category", name);
            requirePrice("maximum unit price of " + name, Objects.requireNonNull(price, name));
            copy.put(name, price);
          });
      maxUnitPrices = copy.isEmpty() ? null : Collections.unmodifiableSortedMap(copy);
    }
    if (budget != null && (budget < 1 || budget > MAX_BUDGET)) {
      throw new IllegalArgumentException(
          "budget must be 1 to " + MAX_BUDGET + " minor units, was " + budget);
    }
    if (budget == null) {
      boolean priced =
          categories != null
              ? categories.stream().allMatch(c -> c.maxUnitPrice() != null)
              : maxUnitPrices != null;
      if (!priced) {
        throw new IllegalArgumentException(
            "give a budget (--budget N), or a maximum unit price for every category");
      }
    }
    if (qoe != null) {
      SortedMap<String, Long> copy = new TreeMap<>();
      qoe.forEach(
          (metric, value) -> {
            if (metric == null || !METRIC.matcher(metric).matches()) {
              throw new IllegalArgumentException("QoE metric name '" + metric + "' is invalid");
            }
            if (value == null || value < 0) {
              throw new IllegalArgumentException(
                  "QoE metric " + metric + " must be a non-negative whole number");
            }
            copy.put(metric, value);
          });
      qoe = copy.isEmpty() ? null : Collections.unmodifiableSortedMap(copy);
    }
    if (offerWindowSeconds != null && offerWindowSeconds < 1) {
      throw new IllegalArgumentException(
          "the offer window must be at least 1 s, was " + offerWindowSeconds);
    }
    if (strategy != null) {
      strategy = strategy.toUpperCase(Locale.ROOT).replace('-', '_');
      if (!STRATEGIES.contains(strategy)) {
        throw new IllegalArgumentException(
            "strategy must be STACKELBERG or LOWEST_OFFER, not " + strategy);
      }
    }
    if (validitySeconds != null && validitySeconds < 1) {
      throw new IllegalArgumentException(
          "the validity must be at least 1 s, was " + validitySeconds);
    }
  }

  /** A request for one instance of {@code serviceClass} paid from {@code budget}. */
  public static RequestSpec ofClass(final String serviceClass, final long budget) {
    return new RequestSpec(serviceClass, null, null, null, budget, null, null, null, null);
  }

  /** A request for explicit amounts; {@code budget} may be {@code null} when all are priced. */
  public static RequestSpec ofCategories(final List<Category> categories, final Long budget) {
    Objects.requireNonNull(categories, "categories");
    return new RequestSpec(null, null, categories, null, budget, null, null, null, null);
  }

  /** This request with an offer window of {@code seconds}. */
  public RequestSpec withOfferWindow(final long seconds) {
    return new RequestSpec(
        serviceClass,
        scale,
        categories,
        maxUnitPrices,
        budget,
        qoe,
        seconds,
        strategy,
        validitySeconds);
  }

  /** This request with a validity of {@code seconds}. */
  public RequestSpec withValidity(final long seconds) {
    return new RequestSpec(
        serviceClass,
        scale,
        categories,
        maxUnitPrices,
        budget,
        qoe,
        offerWindowSeconds,
        strategy,
        seconds);
  }

  /** In words, for progress lines: {@code ar-vr ×2} or {@code cpu=2, memory=256}. */
  public String summary() {
    if (serviceClass != null) {
      return serviceClass + (scale == null || scale == 1 ? "" : " x" + scale);
    }
    StringBuilder text = new StringBuilder();
    for (Category c : categories) {
      text.append(text.length() == 0 ? "" : ", ")
          .append(c.category())
          .append('=')
          .append(c.amount());
    }
    return text.toString();
  }

  /**
   * Reads {@code NAME=N}, as in {@code --max-price bandwidth-mbps=500} or {@code --qoe
   * maxLatencyMicros=1000}.
   *
   * @param option the option, for the message
   * @throws IllegalArgumentException with the expected form
   */
  public static Map.Entry<String, Long> parsePair(final String option, final String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = PAIR.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(option + " takes NAME=N, not '" + text + "'");
    }
    String name = m.group(1).strip();
    return Map.entry(name, number(option + " " + name, m.group(2)));
  }

  /**
   * Reads a length of time in whole seconds: {@code 3600}, {@code 90s}, {@code 30m}, {@code 2h} or
   * {@code 7d}.
   *
   * @throws IllegalArgumentException with the expected form
   */
  public static long parseSeconds(final String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = SECONDS.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a time such as 3600, 90s, 30m, 2h or 7d");
    }
    long unit =
        switch (m.group(2)) {
          case "m" -> 60;
          case "h" -> 3_600;
          case "d" -> 86_400;
          default -> 1;
        };
    try {
      return Math.multiplyExact(number("time", m.group(1)), unit);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too long", e);
    }
  }

  private static long number(final String what, final String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is too large: " + digits, e);
    }
  }

  private static void requireName(final String what, final String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + name
              + "' must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a"
              + " letter");
    }
  }

  private static void requirePrice(final String what, final Long price) {
    if (price != null && (price < 1 || price > MAX_PRICE)) {
      throw new IllegalArgumentException(
          what + " must be 1 to " + MAX_PRICE + " minor units, was " + price);
    }
  }
}
