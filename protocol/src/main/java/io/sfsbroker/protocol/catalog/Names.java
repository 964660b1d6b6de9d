package io.sfsbroker.protocol.catalog;

import java.util.regex.Pattern;

/** The form of the names the broker stores in keys: categories, service classes, metrics. */
public final class Names {

  /** A name: 1 to 64 of lower-case letters, digits, '.', '_' or '-', starting with a letter. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

  private Names() {}

  /**
   * Requires {@code value} to be a valid name.
   *
   * @param what what the name names, for the message ("category")
   * @throws IllegalArgumentException otherwise
   */
  public static String require(final String what, final String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a"
              + " letter");
    }
    return value;
  }
}
