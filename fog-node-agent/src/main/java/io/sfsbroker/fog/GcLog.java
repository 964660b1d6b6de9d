package io.sfsbroker.fog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM's {@code -Xlog:gc,gc+heap+exit:file=…} log says about its heap: collections, the most
 * in use before one, what was in use at exit (every generation) and the metaspace. The tests of the
 * agent in a 64 MB heap and the demo read it.
 *
 * @param collections how many collections the JVM ran
 * @param peakMegabytes the most heap in use before a collection
 * @param atExitKilobytes the heap in use at exit, every generation
 * @param metaspaceKilobytes the metaspace in use at exit
 */
public record GcLog(
    int collections, long peakMegabytes, long atExitKilobytes, long metaspaceKilobytes) {

  /** The JVM option that writes the log this reads to {@code file}. */
  public static String option(final Path file) {
    return "-Xlog:gc,gc+heap+exit:file=" + file;
  }

  private static final Pattern COLLECTION = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
  private static final Pattern AT_EXIT =
      Pattern.compile("(?:heap|generation) +total \\d+K, used (\\d+)K");
  private static final Pattern METASPACE = Pattern.compile("Metaspace +used (\\d+)K");

  /** Reads the log a JVM started with {@link #option} wrote. */
  public static GcLog read(final Path file) throws IOException {
    int collections = 0;
    long peak = 0;
    long atExit = 0;
    long metaspace = 0;
    for (String line : Files.readAllLines(file)) {
      Matcher m = COLLECTION.matcher(line);
      if (m.find()) {
        collections++;
        peak = Math.max(peak, Long.parseLong(m.group(1)));
      }
      m = AT_EXIT.matcher(line);
      if (m.find()) {
        atExit += Long.parseLong(m.group(1));
      }
      m = METASPACE.matcher(line);
      if (m.find()) {
        metaspace = Long.parseLong(m.group(1));
      }
    }
    return new GcLog(collections, peak, atExit, metaspace);
  }

  @Override
  public String toString() {
    return collections
        + " collection(s), at most "
        + peakMegabytes
        + " MB in use before one, "
        + atExitKilobytes
        + " KB in use at exit, metaspace "
        + metaspaceKilobytes
        + " KB";
  }
}
