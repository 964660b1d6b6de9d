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
 * Messages a device has signed but the broker has not acknowledged yet, one file each, so that a
 * message written while the link is down, or just before the agent stopped, is sent on the next
 * connection. Files are named by a sequence number, so they go out in the order they were written.
 * Thread-safe.
 */
final class Outbox {

  /** A message waiting to be sent. */
  record Entry(Path file, String topic, byte[] payload) {}

  private static final String SUFFIX = ".msg";
  private final Path dir;
  private long next;

  Outbox(final Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the outbox " + dir, e);
    }
    long last = 0;
    for (Entry e : pending()) {
      last = Math.max(last, sequence(e.file()));
    }
    next = last + 1;
  }

  /** Keeps {@code payload} for {@code topic} durably until {@link #remove} is called. */
  synchronized Entry add(final String topic, final byte[] payload) {
    Path file = dir.resolve(String.format("%019d", next++) + SUFFIX);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
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

  /** Everything waiting, oldest first. */
  synchronized List<Entry> pending() {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      stream.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the outbox " + dir, e);
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

  /** Forgets a message the broker has acknowledged. */
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
