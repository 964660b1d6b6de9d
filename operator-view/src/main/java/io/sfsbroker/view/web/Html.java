package io.sfsbroker.view.web;

import java.util.List;
import java.util.Objects;

/**
 * A page's HTML as it is written: text is escaped unless added with {@link #raw}. Tiny on purpose;
 * the pages are plain server-rendered tables.
 */
public final class Html {

  private final StringBuilder out = new StringBuilder(4096);

  /** {@code text} with {@code & < > " '} escaped, for text and attribute values. */
  public static String escape(final String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** Adds markup as it is: only constant markup or markup this class made. */
  public Html raw(final String markup) {
    out.append(markup);
    return this;
  }

  /** Adds escaped text. */
  public Html text(final Object text) {
    out.append(escape(String.valueOf(text)));
    return this;
  }

  /** Adds {@code <tag>text</tag>}. */
  public Html element(final String tag, final Object text) {
    return raw("<" + tag + ">").text(text).raw("</" + tag + ">");
  }

  /** Adds a link to {@code href} reading {@code text}. */
  public Html link(final String href, final Object text) {
    return raw("<a href=\"" + escape(href) + "\">").text(text).raw("</a>");
  }

  /** Opens a table with a header row of {@code headers}. */
  public Html tableStart(final List<String> headers) {
    raw("<table><thead><tr>");
    for (String header : headers) {
      element("th", header);
    }
    return raw("</tr></thead><tbody>");
  }

  /** Adds a row of escaped cells. */
  public Html row(final List<?> cells) {
    raw("<tr>");
    for (Object cell : cells) {
      element("td", cell);
    }
    return raw("</tr>");
  }

  /** Closes the table. */
  public Html tableEnd() {
    return raw("</tbody></table>");
  }

  /** A status badge: {@code ok} green, otherwise red. */
  public Html badge(final boolean ok, final String text) {
    return raw("<span class=\"badge " + (ok ? "ok" : "bad") + "\">").text(text).raw("</span>");
  }

  /** A badge for a slice state, coloured by what it means. */
  public Html state(final String state) {
    Objects.requireNonNull(state, "state");
    return raw("<span class=\"state s-" + escape(state) + "\">").text(state).raw("</span>");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
