package io.sfsbroker.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How command-line values become chaincode arguments. */
final class Arguments {

  private static final String DEVICE = "device:";
  private static final String CLIENT = "client:";

  private Arguments() {}

  /** An enum constant as the chaincode spells it: {@code fog-node} becomes {@code FOG_NODE}. */
  static String constant(final String value) {
    return value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * The constant of {@code type} that {@code value} names, written as {@link #constant} reads it.
   *
   * @throws IllegalArgumentException naming the constants otherwise
   */
  static <E extends Enum<E>> E oneOf(final Class<E> type, final String value) {
    String name = constant(value);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "'" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
  }

  /**
   * A credit or token account: {@code device:<id>} and {@code client:<msp>:<x509 id>} as given, a
   * bare participant id as its device account.
   */
  static String account(final String value) {
    String account = value.strip();
    return account.startsWith(DEVICE) || account.startsWith(CLIENT) ? account : DEVICE + account;
  }

  /**
   * The text of a file.
   *
   * @throws IllegalArgumentException when it cannot be read
   */
  static String readText(final Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
    }
  }

  /** Reads a whole number of at least 1. */
  static final class Positive implements ITypeConverter<Long> {
    @Override
    public Long convert(final String value) {
      return atLeast(1, value);
    }
  }

  /** Reads a whole number of at least 0. */
  static final class NonNegative implements ITypeConverter<Long> {
    @Override
    public Long convert(final String value) {
      return atLeast(0, value);
    }
  }

  private static long atLeast(final long min, final String value) {
    long number;
    try {
      number = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
    if (number < min) {
      throw new TypeConversionException("'" + value + "' is not a whole number of at least " + min);
    }
    return number;
  }
}
