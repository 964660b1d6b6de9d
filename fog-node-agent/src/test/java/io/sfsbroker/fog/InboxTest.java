package io.sfsbroker.fog;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.mqtt.Notice;
import org.junit.jupiter.api.Test;

class InboxTest {

  private final Inbox inbox = new Inbox();

  @Test
  void next_givesTheNoticesOfOneSubjectInArrivalOrder() throws Exception {
    inbox.add(notice("SliceAwarded", "sliceId", "s-1"));
    inbox.add(notice("SliceAwarded", "sliceId", "s-2"));
    inbox.add(notice("SliceReady", "id", "s-1"));

    assertThat(inbox.next("s-1", System.nanoTime()).orElseThrow().event())
        .isEqualTo("SliceAwarded");
    assertThat(inbox.next("s-1", System.nanoTime()).orElseThrow().event()).isEqualTo("SliceReady");
    assertThat(inbox.next("s-1", System.nanoTime())).isEmpty();
    assertThat(inbox.next("s-2", System.nanoTime())).isPresent();
  }

  @Test
  void next_waitsForANoticeThatComesLater() throws Exception {
    Thread later =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                return;
              }
              inbox.add(notice("ApplicationAwarded", "applicationId", "m-1"));
            });
    later.start();

    assertThat(inbox.next("m-1", System.nanoTime() + 5_000_000_000L)).isPresent();
  }

  @Test
  void add_keepsOnlyTheNewestSubjects() throws Exception {
    for (int i = 0; i <= Inbox.MAX_SUBJECTS; i++) {
      inbox.add(notice("SliceReady", "id", "s-" + i));
    }

    assertThat(inbox.next("s-0", System.nanoTime())).isEmpty();
    assertThat(inbox.next("s-" + Inbox.MAX_SUBJECTS, System.nanoTime())).isPresent();
  }

  @Test
  void subject_prefersSliceIdThenApplicationIdThenId() {
    JsonObject payload = new JsonObject();
    payload.addProperty("id", "x");
    payload.addProperty("applicationId", "m-1");
    assertThat(Inbox.subject(new Notice(1, "E", "tx", 1, payload))).contains("m-1");
    payload.addProperty("sliceId", "s-1");
    assertThat(Inbox.subject(new Notice(1, "E", "tx", 1, payload))).contains("s-1");
  }

  private static Notice notice(final String event, final String field, final String id) {
    JsonObject payload = new JsonObject();
    payload.addProperty(field, id);
    return new Notice(1, event, "tx-" + event + id, 7, payload);
  }
}
