package io.sfsbroker.fog;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.protocol.mqtt.Notice;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Notices kept by the slice or application they are about, until the request that waits for them
 * takes them. Notices may arrive before the receipt of the message that caused them, and before
 * anyone waits; they are kept in arrival order. Holds at most {@value #MAX_SUBJECTS} subjects,
 * forgetting the oldest, so an agent that runs for long does not grow. Thread-safe.
 */
final class Inbox {

  static final int MAX_SUBJECTS = 256;

  private final Map<String, ArrayDeque<Notice>> bySubject = new LinkedHashMap<>();

  /** Keeps {@code notice}; never blocks (it runs on the link's receiving thread). */
  synchronized void add(final Notice notice) {
    subject(notice)
        .ifPresent(
            id -> {
              bySubject.computeIfAbsent(id, k -> new ArrayDeque<>()).add(notice);
              Iterator<String> oldest = bySubject.keySet().iterator();
              while (bySubject.size() > MAX_SUBJECTS) {
                oldest.next();
                oldest.remove();
              }
              notifyAll();
            });
  }

  /**
   * Takes the next notice about {@code subject}, waiting until {@code deadlineNanos} (of {@link
   * System#nanoTime}); empty when none came in time.
   */
  synchronized Optional<Notice> next(final String subject, final long deadlineNanos)
      throws InterruptedException {
    while (true) {
      ArrayDeque<Notice> queue = bySubject.get(subject);
      if (queue != null && !queue.isEmpty()) {
        return Optional.of(queue.removeFirst());
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /**
   * The slice or application a notice is about: {@code sliceId} (awards, selection failures),
   * {@code applicationId} (application awards) or the {@code id} of the slice or application the
   * payload is.
   */
  static Optional<String> subject(final Notice notice) {
    if (!notice.payload().isJsonObject()) {
      return Optional.empty();
    }
    JsonObject payload = notice.payload().getAsJsonObject();
    for (String field : new String[] {"sliceId", "applicationId", "id"}) {
      JsonElement value = payload.get(field);
      if (value != null && value.isJsonPrimitive()) {
        return Optional.of(value.getAsString());
      }
    }
    return Optional.empty();
  }
}
