package io.sfsbroker.view.web;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The query string of a page request, read defensively: unknown parameters are ignored, values that
 * do not fit are refused with {@link IllegalArgumentException} (the page answers 400).
 */
public final class PageQuery {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:~@-]{1,200}");
  private static final int MAX_PAGE = 1_000_000;

  private final Map<String, String> values;

  private PageQuery(final Map<String, String> values) {
    this.values = values;
  }

  /** The parameters of {@code uri}. */
  public static PageQuery of(final URI uri) {
    Map<String, String> values = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        values.putIfAbsent(decode(name), decode(value));
      }
    }
    return new PageQuery(values);
  }

  /** A parameter as given, if present and not empty. */
  public Optional<String> text(final String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** A ledger id ({@code s-…}, {@code device:…}), checked for its characters and length. */
  public Optional<String> id(final String name) {
    Optional<String> value = text(name);
    if (value.isPresent() && !ID.matcher(value.get()).matches()) {
      throw new IllegalArgumentException(
          name + " must be 1–200 of A-Z a-z 0-9 . _ : ~ @ -, was " + value.get());
    }
    return value;
  }

  /** A page number from 0, 0 when absent. */
  public int page() {
    Optional<String> value = text("page");
    if (value.isEmpty()) {
      return 0;
    }
    try {
      int page = Integer.parseInt(value.get());
      if (page < 0 || page > MAX_PAGE) {
        throw new IllegalArgumentException("page must be 0–" + MAX_PAGE + ", was " + page);
      }
      return page;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("page must be a whole number, was " + value.get(), e);
    }
  }

  /** {@code text} encoded for a query string. */
  public static String encode(final String text) {
    return URLEncoder.encode(Objects.requireNonNull(text, "text"), StandardCharsets.UTF_8);
  }

  private static String decode(final String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed query string: " + text, e);
    }
  }
}
