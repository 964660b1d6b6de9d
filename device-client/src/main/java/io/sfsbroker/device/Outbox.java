package io.sfsbroker.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Messages a device has signed and that have no verdict yet, one file each. A message waits in the
 * outbox itself until the broker acknowledged it, so that one written while the link is down, or
 * just before the agent stopped, is sent on the next connection; then in {@code awaiting/} until
 * its receipt gives a verdict, so that one the network did not take ({@code UNAVAILABLE}), or left
 * when the agent stopped, is sent again. Files are named by a sequence number, so they go out in
 * the order they were written. Thread-safe.
 */
final class Outbox {

  /** A message waiting to be sent. */
  record Entry(Path file, String topic, byte[] payload) {}

  private static final String SUFFIX = ".msg";
  private final Path dir;
  private final Path awaitingDir;
  private long next;

  Outbox(final Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.awaitingDir = dir.resolve("awaiting");
    try {
      Files.createDirectories(awaitingDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the outbox " + dir, e);
    }
    long last = 0;
    for (Entry e : pending()) {
      last = Math.max(last, sequence(e.file()));
    }
    for (Entry e : awaiting()) {
      last = Math.max(last, sequence(e.file()));
    }
    next = last + 1;
  }

  /** Keeps {@code payload} for {@code topic} durably until {@link #remove} is called. */
  synchronized Entry add(final String topic, final byte[] payload) {
    return write(dir.resolve(String.format("%019d", next++) + SUFFIX), topic, payload);
  }

  private Entry write(final Path file, final String topic, final byte[] payload) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    byte[] head = (topic + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + payload.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(payload, 0, all, head.length, payload.length);
    try {
      Files.write(tmp, all);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the outbox " + dir, e);
    }
    return new Entry(file, topic, payload.clone());
  }

  /** Everything waiting to be sent, oldest first. */
  synchronized List<Entry> pending() {
    return list(dir);
  }

  /** Everything the broker took that has no verdict yet, oldest first. */
  synchronized List<Entry> awaiting() {
    return list(awaitingDir);
  }

  /**
   * The broker acknowledged {@code entry}: it waits for its verdict in {@code awaiting/}.
   *
   * @return the entry in its new place
   */
  synchronized Entry sent(final Entry entry) {
    Path target = awaitingDir.resolve(entry.file().getFileName());
    try {
      Files.move(entry.file(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (java.nio.file.NoSuchFileException e) {
      return new Entry(target, entry.topic(), entry.payload());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + entry.file() + " to " + awaitingDir, e);
    }
    return new Entry(target, entry.topic(), entry.payload());
  }

  /**
   * Puts a message that got no verdict back to be sent, as {@code payload} (the same envelope, or
   * the same message signed again), behind everything already waiting.
   *
   * @return the entry to be sent
   */
  synchronized Entry again(final Entry entry, final byte[] payload) {
    Entry queued =
        write(dir.resolve(String.format("%019d", next++) + SUFFIX), entry.topic(), payload);
    remove(entry);
    return queued;
  }

  private List<Entry> list(final Path folder) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      stream.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the outbox " + folder, e);
    }
    files.sort(null);
    List<Entry> entries = new ArrayList<>();
    for (Path file : files) {
      try {
        byte[] all = Files.readAllBytes(file);
        int newline = indexOf(all, (byte) '\n');
        if (newline < 0) {
          Files.deleteIfExists(file);
          continue;
        }
        String topic = new String(all, 0, newline, StandardCharsets.UTF_8);
        byte[] payload = new byte[all.length - newline - 1];
        System.arraycopy(all, newline + 1, payload, 0, payload.length);
        entries.add(new Entry(file, topic, payload));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return entries;
  }

  /** Forgets a message: it has its verdict. */
  synchronized void remove(final Entry entry) {
    try {
      Files.deleteIfExists(entry.file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + entry.file(), e);
    }
  }

  private static long sequence(final Path file) {
    String name = file.getFileName().toString();
    try {
      return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int indexOf(final byte[] bytes, final byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
