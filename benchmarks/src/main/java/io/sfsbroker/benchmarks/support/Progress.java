package io.sfsbroker.benchmarks.support;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line on standard error, rewritten in place on a terminal (a line every 10 s when
 * standard error goes to a file), so standard output holds only the paste-ready figures.
 */
public final class Progress {

  private final PrintStream out;
  private final boolean terminal = System.console() != null;
  private final long started = System.nanoTime();
  private long lastPrinted;

  /** A progress line on {@link System#err}. */
  public Progress() {
    this.out = System.err;
  }

  /** Shows {@code what}, {@code done} of {@code total}, at most ten times a second. */
  public void show(final String what, final long done, final long total) {
    long now = System.nanoTime();
    long interval = terminal ? 100_000_000L : 10_000_000_000L;
    if (now - lastPrinted < interval && (terminal ? done < total : true)) {
      return;
    }
    lastPrinted = now;
    out.printf(
        Locale.ROOT,
        (terminal ? "\r" : "") + "  %-46s %6d/%-6d %5.0f s " + (terminal ? "" : "%n"),
        what.length() > 46 ? what.substring(0, 46) : what,
        done,
        total,
        (now - started) / 1e9);
    out.flush();
  }

  /** Ends the line. */
  public void done() {
    if (!terminal) {
      return;
    }
    out.print("\r" + " ".repeat(74) + "\r");
    out.flush();
  }
}
