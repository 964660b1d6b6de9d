package io.sfsbroker.rp;

import com.google.gson.JsonParseException;
import io.sfsbroker.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The awards an RP agent has taken on but whose container does not exist yet, one file per slice in
 * {@code <stateDir>/awards/}. An award is written here, flushed to the disk, before its notice is
 * acknowledged, and removed once its container exists (whose labels then carry the same) or the
 * award is given up; a crash in between leaves the entry, and the next reconciliation brings the
 * slice up from it or drops it. Thread-safe.
 */
final class AwardJournal {

  /**
   * One award taken on.
   *
   * @param sliceId the slice
   * @param tenantId its tenant, as the award names it ({@code null} when it names none)
   * @param amounts per category won here, the amount, in the award's order
   */
  record Entry(String sliceId, String tenantId, Map<String, Long> amounts) {

    /** Checks for nulls and copies the amounts. */
    Entry {
      Objects.requireNonNull(sliceId, "sliceId");
      amounts = Collections.unmodifiableMap(new LinkedHashMap<>(amounts));
    }
  }

  private static final System.Logger LOG = System.getLogger(AwardJournal.class.getName());
  private static final String SUFFIX = ".json";
  private static final Pattern SLICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Path dir;

  /** The journal in {@code dir}, created on the first {@link #write}. */
  AwardJournal(final Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /**
   * Keeps {@code entry} on the disk, in place of an earlier one of its slice.
   *
   * @throws UncheckedIOException when it cannot be written; nothing of it is kept then
   */
  synchronized void write(final Entry entry) {
    Path file = file(entry.sliceId());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      try (FileChannel channel =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(Json.toJson(entry).getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the write failed already; a stray .tmp is never read
      }
      throw new UncheckedIOException(
          "cannot record the award of " + entry.sliceId() + " in " + dir, e);
    }
  }

  /** Forgets the award of {@code sliceId}; nothing when there is none. */
  synchronized void remove(final String sliceId) {
    try {
      Files.deleteIfExists(file(sliceId));
    } catch (IOException e) {
      // Left for the next reconciliation, which finds the container and removes it again.
      LOG.log(Level.WARNING, "cannot remove the award of " + sliceId + " from " + dir, e);
    }
  }

  /** Every award kept, by file name; an unreadable file is logged and left out. */
  synchronized List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return entries;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      stream.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the awards in " + dir, e);
    }
    Collections.sort(files);
    for (Path file : files) {
      try {
        entries.add(Json.fromJson(Files.readString(file, StandardCharsets.UTF_8), Entry.class));
      } catch (IOException | JsonParseException e) {
        LOG.log(Level.WARNING, "ignoring the unreadable award " + file + ": " + e.getMessage());
      }
    }
    return entries;
  }

  private Path file(final String sliceId) {
    if (!SLICE_ID.matcher(sliceId).matches()) {
      throw new IllegalArgumentException(
          "a slice id must be 1 to 64 of A-Z a-z 0-9 . _ - starting with a letter or digit: "
              + sliceId);
    }
    return dir.resolve(sliceId + SUFFIX);
  }
}
