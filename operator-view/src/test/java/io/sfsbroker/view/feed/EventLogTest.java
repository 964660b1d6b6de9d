package io.sfsbroker.view.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventLogTest {

  private static FeedEvent event(final long block, final String tx) {
    return new FeedEvent(new EventId(block, tx), "SliceAwarded", "{\"sliceId\":\"s-" + tx + "\"}");
  }

  @Test
  void after_aKeptCheckpoint_givesExactlyTheLaterEvents() {
    EventLog log = new EventLog(10);
    log.append(event(3, "a"));
    log.append(event(3, "b"));
    log.append(event(4, "c"));

    EventLog.Replay replay = log.after(Optional.of(new EventId(3, "a")));

    assertThat(replay.reset()).isFalse();
    assertThat(replay.events()).extracting(e -> e.id().txId()).containsExactly("b", "c");
  }

  @Test
  void append_theSameEventTwice_keepsItOnce() {
    EventLog log = new EventLog(10);
    assertThat(log.append(event(3, "a"))).isTrue();
    assertThat(log.append(event(3, "a"))).isFalse();
    assertThat(log.append(event(2, "z"))).isFalse();
    assertThat(log.size()).isEqualTo(1);
  }

  @Test
  void after_aCheckpointOlderThanEveryKeptEvent_isAReset() {
    EventLog log = new EventLog(2);
    log.append(event(1, "a"));
    log.append(event(2, "b"));
    log.append(event(3, "c"));

    assertThat(log.after(Optional.of(new EventId(1, "a"))).reset()).isTrue();
    assertThat(log.after(Optional.of(new EventId(2, "b"))).events())
        .extracting(e -> e.id().txId())
        .containsExactly("c");
  }

  @Test
  void after_anUnknownTransactionInAKeptBlock_givesTheLaterBlocksOnly() {
    EventLog log = new EventLog(10);
    log.append(event(3, "a"));
    log.append(event(4, "b"));

    assertThat(log.after(Optional.of(new EventId(3, "zz"))).events())
        .extracting(e -> e.id().txId())
        .containsExactly("b");
  }

  @Test
  void await_returnsAsSoonAsAnEventArrives() throws InterruptedException {
    EventLog log = new EventLog(10);
    log.append(event(1, "a"));
    Thread writer =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                return;
              }
              log.append(event(2, "b"));
            });
    writer.start();

    EventLog.Replay replay = log.await(Optional.of(new EventId(1, "a")), 30_000);

    assertThat(replay.events()).extracting(e -> e.id().txId()).containsExactly("b");
    writer.join();
  }

  @Test
  void eventId_parse_readsItsOwnTextAndRefusesAnythingElse() {
    EventId id = new EventId(42, "abc123");
    assertThat(EventId.parse(id.toString())).contains(id);
    assertThat(EventId.parse("42")).isEmpty();
    assertThat(EventId.parse("-1:abc")).isEmpty();
    assertThat(EventId.parse("1:<script>")).isEmpty();
    assertThat(EventId.parse(null)).isEmpty();
  }
}
