package io.sfsbroker.gateway.bridge;

import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Receipt;
import java.util.ArrayList;
import java.util.List;

/** An in-process {@link Downlinks} that keeps what would be published, in order. */
final class RecordingDownlinks implements Downlinks {

  private final List<NoticeRoutes.Message> published = new ArrayList<>();

  @Override
  public synchronized boolean publish(final String topic, final String payload) {
    published.add(new NoticeRoutes.Message(topic, payload));
    notifyAll();
    return true;
  }

  synchronized List<NoticeRoutes.Message> published() {
    return List.copyOf(published);
  }

  synchronized List<String> topics() {
    return published.stream().map(NoticeRoutes.Message::topic).toList();
  }

  /** The receipts published so far. */
  synchronized List<Receipt> receipts() {
    return published.stream()
        .filter(m -> m.topic().endsWith("/receipt"))
        .map(m -> Json.fromJson(m.payload(), Receipt.class))
        .toList();
  }

  /** Waits up to 10 s until {@code count} messages were published. */
  synchronized void awaitCount(final int count) throws InterruptedException {
    long until = System.currentTimeMillis() + 10_000;
    while (published.size() < count && System.currentTimeMillis() < until) {
      wait(100);
    }
  }
}
