package io.sfsbroker.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The demo's steps file: one line per step, {@code name TAB seconds TAB exit code}, written by
 * {@code ./sfsbroker demo} for the steps that start processes and by the demo for its own.
 */
final class Steps {

  /** One step's line. */
  record Step(String name, long seconds, boolean ok) {}

  private final Path file;
  private final PrintStream out;
  private boolean failed;

  Steps(final Path file, final PrintStream out) {
    this.file = file;
    this.out = out;
  }

  /** Runs a step, announces it, records its duration and whether it returned true. */
  void run(final String name, final Callable<Boolean> step) throws IOException {
    out.println("==> " + name);
    long start = System.nanoTime();
    boolean ok;
    try {
      ok = step.call();
    } catch (Exception e) {
      out.println("step failed: " + name + ": " + e);
      ok = false;
    }
    if (!ok) {
      failed = true;
      out.println("warning: step failed: " + name);
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    Files.writeString(
        file,
        name + "\t" + seconds + "\t" + (ok ? 0 : 1) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Whether a step this object ran failed. */
  boolean failed() {
    return failed;
  }

  /** Every step of the file, in order; none when it is missing. */
  List<Step> read() throws IOException {
    List<Step> steps = new ArrayList<>();
    if (!Files.exists(file)) {
      return steps;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] fields = line.split("\t");
      if (fields.length == 3) {
        steps.add(new Step(fields[0], Long.parseLong(fields[1]), "0".equals(fields[2])));
      }
    }
    return steps;
  }
}
