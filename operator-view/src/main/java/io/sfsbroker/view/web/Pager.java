package io.sfsbroker.view.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The paging of a list page over a paged chaincode query: the {@code bookmark} parameter in, and
 * the "first page" and "next page" links out. The chaincode's bookmark is the next key to read, so
 * a list page is one query however far it is paged.
 */
public final class Pager {

  private static final int MAX_BOOKMARK_LENGTH = 1000;

  private Pager() {}

  /**
   * The page's {@code bookmark} parameter.
   *
   * @throws IllegalArgumentException when it is too long to be a bookmark (answered 400)
   */
  public static Optional<String> bookmark(final PageQuery query) {
    Optional<String> bookmark = query.text("bookmark");
    if (bookmark.isPresent() && bookmark.get().length() > MAX_BOOKMARK_LENGTH) {
      throw new IllegalArgumentException("bookmark is too long");
    }
    return bookmark;
  }

  /** The JSON argument of a list query: {@code extra}, the page size and the bookmark, if any. */
  public static Map<String, Object> argument(
      final Map<String, Object> extra, final int pageSize, final Optional<String> bookmark) {
    Map<String, Object> argument = new LinkedHashMap<>(extra);
    argument.put("pageSize", pageSize);
    bookmark.ifPresent(b -> argument.put("bookmark", b));
    return argument;
  }

  /**
   * Writes the links under a list: back to the first page when not on it, on to the next page when
   * the chaincode returned a bookmark after a full page.
   *
   * @param base the list's path with its other parameters, ending in {@code ?} or {@code &}
   * @param bookmark the bookmark this page was read from
   * @param next the bookmark the chaincode returned
   * @param full whether this page holds as many items as were asked for
   */
  public static void links(
      final Html out,
      final String base,
      final Optional<String> bookmark,
      final String next,
      final boolean full) {
    Objects.requireNonNull(base, "base");
    out.raw("<p class=\"pager\">");
    if (bookmark.isPresent()) {
      out.link(base.substring(0, base.length() - 1), "first page");
    }
    if (!next.isEmpty() && full) {
      out.link(base + "bookmark=" + PageQuery.encode(next), "next page →");
    }
    out.raw("</p>");
  }
}
