package io.sfsbroker.fog;

import io.sfsbroker.protocol.request.RequestedCategory;
import io.sfsbroker.protocol.request.SliceRequestBody;
import io.sfsbroker.protocol.selection.SelectionRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slice request as a person writes it on the command line, and in words: reads {@code --amount},
 * {@code --max-amount}, {@code --max-price}, {@code --qoe}, times and {@code --strategy}, and
 * checks the one thing about a {@link SliceRequestBody} that the agent can check alone beyond the
 * body's own rules (that it can be paid), so that a typing error fails at once instead of after a
 * round trip to the ledger. The ledger checks the rest (known classes and categories, the window
 * and validity bounds, whether the budget covers every category).
 */
final class RequestText {

  private static final Pattern AMOUNT = Pattern.compile("([^=@]+)=(\\d+)(?:@(\\d+))?");

  private static final Pattern PAIR = Pattern.compile("([^=]+)=(\\d+)");

  private static final Pattern SECONDS = Pattern.compile("(\\d+)([smhd]?)");

  private RequestText() {}

  /**
   * Reads {@code CATEGORY=AMOUNT} or {@code CATEGORY=AMOUNT@MAX_UNIT_PRICE}, as in {@code --amount
   * cpu-millicores=500@3}.
   *
   * @throws IllegalArgumentException with the expected form
   */
  static RequestedCategory category(final String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = AMOUNT.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not CATEGORY=AMOUNT or CATEGORY=AMOUNT@MAX_UNIT_PRICE"
              + " (e.g. cpu-millicores=500 or cpu-millicores=500@3)");
    }
    String name = m.group(1).strip();
    return new RequestedCategory(
        name,
        number("amount of " + name, m.group(2)),
        m.group(3) == null ? null : number("price of " + name, m.group(3)),
        null);
  }

  /**
   * Gives each category named in {@code maxAmounts} (from {@code --max-amount CATEGORY=N}) its
   * maximum amount: the tenant opts into up to that much when prices fall. Without an entry a
   * category stays exact.
   *
   * @param maxAmounts the maximum amounts by category, or {@code null} for none
   * @throws IllegalArgumentException if a maximum names a category without an amount, or is below
   *     its amount
   */
  static List<RequestedCategory> withMaxAmounts(
      final List<RequestedCategory> categories, final Map<String, Long> maxAmounts) {
    Objects.requireNonNull(categories, "categories");
    if (maxAmounts == null) {
      return categories;
    }
    Set<String> named = new TreeSet<>(maxAmounts.keySet());
    List<RequestedCategory> result = new ArrayList<>(categories.size());
    for (RequestedCategory c : categories) {
      named.remove(c.category());
      Long max = maxAmounts.get(c.category());
      result.add(
          max == null
              ? c
              : new RequestedCategory(
                  c.category(), c.amount(), c.maxUnitPrice(), c.budgetWeight(), max));
    }
    if (!named.isEmpty()) {
      throw new IllegalArgumentException(
          "--max-amount names " + named + ", which no --amount asks for");
    }
    return List.copyOf(result);
  }

  /**
   * Reads {@code NAME=N}, as in {@code --max-price bandwidth-mbps=500} or {@code --qoe
   * maxLatencyMicros=1000}.
   *
   * @param option the option, for the message
   * @throws IllegalArgumentException with the expected form
   */
  static Map.Entry<String, Long> pair(final String option, final String text) {
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
  static long seconds(final String text) {
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

  /**
   * Reads a selection rule in any case, with {@code -} or {@code _}: {@code stackelberg}, {@code
   * lowest-offer}, {@code proportional-share}.
   *
   * @throws IllegalArgumentException naming the rules
   */
  static SelectionRule strategy(final String text) {
    Objects.requireNonNull(text, "text");
    String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(SelectionRule.values())
        .filter(rule -> rule.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "strategy must be one of "
                        + Arrays.toString(SelectionRule.values())
                        + ", not "
                        + name));
  }

  /**
   * Requires that {@code body} can be paid: it has a budget, or a maximum unit price for every
   * category.
   *
   * @return {@code body}
   * @throws IllegalArgumentException asking for a budget otherwise
   */
  static SliceRequestBody requirePayable(final SliceRequestBody body) {
    Objects.requireNonNull(body, "body");
    if (body.budget() == null) {
      boolean priced =
          body.categories() != null
              ? body.categories().stream().allMatch(c -> c.maxUnitPrice() != null)
              : body.maxUnitPrices() != null && !body.maxUnitPrices().isEmpty();
      if (!priced) {
        throw new IllegalArgumentException(
            "give a budget (--budget N), or a maximum unit price for every category");
      }
    }
    return body;
  }

  /** In words, for progress lines: {@code ar-vr x2} or {@code cpu=2, memory=256}. */
  static String summary(final SliceRequestBody body) {
    if (body.serviceClass() != null) {
      return body.serviceClass()
          + (body.scale() == null || body.scale() == 1 ? "" : " x" + body.scale());
    }
    StringBuilder text = new StringBuilder();
    for (RequestedCategory c : body.categories()) {
      text.append(text.length() == 0 ? "" : ", ")
          .append(c.category())
          .append('=')
          .append(c.amount());
    }
    return text.toString();
  }

  private static long number(final String what, final String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is too large: " + digits, e);
    }
  }
}
