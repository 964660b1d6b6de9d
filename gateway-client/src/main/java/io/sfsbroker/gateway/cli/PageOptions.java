package io.sfsbroker.gateway.cli;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The paging options of every list command. The ledger's bookmarks are composite keys with NUL
 * separators, which no shell argument can carry, so the CLI prints them, and reads them back, in
 * unpadded base64url.
 */
final class PageOptions {

  @Option(
      names = "--page-size",
      paramLabel = "N",
      converter = Arguments.Positive.class,
      description = "Items per page, 1 to 200 (default 50).")
  Long pageSize;

  @Option(
      names = "--bookmark",
      paramLabel = "BOOKMARK",
      converter = BookmarkReader.class,
      description = "Where the previous page ended, as it printed.")
  String bookmark;

  /** The paging members of a list query, the bookmark as the ledger wrote it. */
  Map<String, Object> query() {
    Map<String, Object> query = new LinkedHashMap<>();
    if (pageSize != null) {
      query.put("pageSize", pageSize);
    }
    if (bookmark != null && !bookmark.isEmpty()) {
      query.put("bookmark", bookmark);
    }
    return query;
  }

  /** {@code page} with its bookmark as the CLI prints it; an empty bookmark stays empty. */
  static JsonObject printable(final JsonObject page) {
    JsonObject copy = page.deepCopy();
    String ledgerBookmark = JsonText.text(page, "bookmark");
    copy.addProperty("bookmark", ledgerBookmark.equals("-") ? "" : encode(ledgerBookmark));
    return copy;
  }

  /** The line that tells how to get the page after a {@link #printable} page; empty at the end. */
  static String footer(final JsonObject page) {
    String next = JsonText.text(page, "bookmark");
    return next.equals("-") || next.isEmpty() ? "" : "more: --bookmark " + next + "\n";
  }

  /** A ledger bookmark as the CLI prints it. */
  static String encode(final String ledgerBookmark) {
    return ledgerBookmark.isEmpty()
        ? ""
        : Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(ledgerBookmark.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a bookmark the CLI printed back into the ledger's form. */
  static final class BookmarkReader implements ITypeConverter<String> {
    @Override
    public String convert(final String value) {
      try {
        return new String(Base64.getUrlDecoder().decode(value.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a bookmark; pass the one the previous page printed");
      }
    }
  }
}
