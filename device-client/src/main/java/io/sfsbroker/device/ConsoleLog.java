package io.sfsbroker.device;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The one place a command line sets up logging. Every class logs through {@link System.Logger}; its
 * backend (and SLF4J's, for docker-java) is {@code java.util.logging}, which only the {@code main}
 * methods configure, through {@link #configure}: one line per record ({@code 2026-01-05
 * 09:14:03.120 INFO rp-1: reconciled …}) on standard error, from a threshold on. A {@code
 * java.util.logging.config.file} given on the command line wins over both.
 */
public final class ConsoleLog {

  /** Date, time with milliseconds, level, message, the exception's stack trace if any. */
  public static final String FORMAT = "%1$tF %1$tT.%1$tL %4$s %5$s%6$s%n";

  private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
  private static final String CONFIG_FILE_PROPERTY = "java.util.logging.config.file";

  private ConsoleLog() {}

  /** Logs records at {@code threshold} and above, one line each, on standard error. */
  public static void configure(final Level threshold) {
    Objects.requireNonNull(threshold, "threshold");
    if (System.getProperty(CONFIG_FILE_PROPERTY) != null) {
      return;
    }
    if (System.getProperty(FORMAT_PROPERTY) == null) {
      System.setProperty(FORMAT_PROPERTY, FORMAT);
    }
    java.util.logging.Level level = backendLevel(threshold);
    Logger root = LogManager.getLogManager().getLogger("");
    root.setLevel(level);
    for (Handler handler : root.getHandlers()) {
      handler.setLevel(level);
      handler.setFormatter(new SimpleFormatter());
    }
  }

  /** The backend's level for {@code level}, as the JDK's own bridge maps them. */
  static java.util.logging.Level backendLevel(final Level level) {
    return switch (level) {
      case ALL -> java.util.logging.Level.ALL;
      case TRACE -> java.util.logging.Level.FINER;
      case DEBUG -> java.util.logging.Level.FINE;
      case INFO -> java.util.logging.Level.INFO;
      case WARNING -> java.util.logging.Level.WARNING;
      case ERROR -> java.util.logging.Level.SEVERE;
      case OFF -> java.util.logging.Level.OFF;
    };
  }
}
