package io.sfsbroker.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

  @TempDir Path dir;

  @Test
  void messages_comeBackInOrder_afterTheOutboxIsOpenedAgain() {
    Outbox first = new Outbox(dir);
    first.add("sfsb/v1/in/fog-1/request", bytes("one"));
    first.add("sfsb/v1/in/fog-1/service", bytes("two\nlines"));

    Outbox reopened = new Outbox(dir);
    reopened.add("sfsb/v1/in/fog-1/request", bytes("three"));

    assertThat(reopened.pending())
        .extracting(e -> e.topic() + "=" + new String(e.payload(), StandardCharsets.UTF_8))
        .containsExactly(
            "sfsb/v1/in/fog-1/request=one",
            "sfsb/v1/in/fog-1/service=two\nlines",
            "sfsb/v1/in/fog-1/request=three");
  }

  @Test
  void removed_messages_areGoneForGood() {
    Outbox outbox = new Outbox(dir);
    Outbox.Entry sent = outbox.add("t/1", bytes("a"));
    outbox.add("t/2", bytes("b"));

    outbox.remove(sent);

    assertThat(new Outbox(dir).pending()).extracting(Outbox.Entry::topic).containsExactly("t/2");
  }

  private static byte[] bytes(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
