package io.sfsbroker.gateway.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plain-text columns for people: every column as wide as its widest cell, two spaces apart, no
 * trailing blanks. A table of fields has no header and two columns, name and value.
 */
final class Table {

  private static final String GAP = "  ";

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(final List<String> header) {
    this.header = header;
  }

  /** A table whose first line is {@code header}. */
  static Table withHeader(final String... header) {
    return new Table(List.of(header));
  }

  /** A table of name–value lines, without a header. */
  static Table fields() {
    return new Table(List.of());
  }

  /** Adds a row; {@code null} cells print as {@code -}. */
  Table row(final Object... cells) {
    if (!header.isEmpty() && cells.length != header.size()) {
      throw new IllegalArgumentException(
          "a row of " + header + " needs " + header.size() + " cells, got " + cells.length);
    }
    rows.add(Arrays.stream(cells).map(c -> c == null ? "-" : c.toString()).toList());
    return this;
  }

  /** Tells whether no row was added. */
  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table as lines, each ending in a line break. */
  String render() {
    List<List<String>> lines = new ArrayList<>();
    if (!header.isEmpty()) {
      lines.add(header);
    }
    lines.addAll(rows);
    int columns = lines.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> line : lines) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> line : lines) {
      StringBuilder rendered = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        if (i > 0) {
          rendered.append(GAP);
        }
        rendered.append(line.get(i)).append(" ".repeat(widths[i] - line.get(i).length()));
      }
      text.append(rendered.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
