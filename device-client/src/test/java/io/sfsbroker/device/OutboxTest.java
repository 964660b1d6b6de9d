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

  @Test
  void sentMessage_waitsForItsVerdict_andSurvivesAReopen() {
    Outbox outbox = new Outbox(dir);
    Outbox.Entry queued = outbox.add("t/1", bytes("a"));

    Outbox.Entry awaiting = outbox.sent(queued);

    assertThat(outbox.pending()).isEmpty();
    Outbox reopened = new Outbox(dir);
    assertThat(reopened.awaiting()).extracting(Outbox.Entry::topic).containsExactly("t/1");
    reopened.remove(awaiting);
    assertThat(new Outbox(dir).awaiting()).isEmpty();
  }

  @Test
  void messageWithoutVerdict_goesBackBehindWhatWaits_withItsNewPayload() {
    Outbox outbox = new Outbox(dir);
    Outbox.Entry awaiting = outbox.sent(outbox.add("t/1", bytes("first copy")));
    outbox.add("t/2", bytes("b"));

    outbox.again(awaiting, bytes("signed again"));

    assertThat(outbox.awaiting()).isEmpty();
    assertThat(new Outbox(dir).pending())
        .extracting(e -> e.topic() + "=" + new String(e.payload(), StandardCharsets.UTF_8))
        .containsExactly("t/2=b", "t/1=signed again");
  }

  @Test
  void verdictBeforeTheBrokersAcknowledgement_leavesNothingWaiting() {
    Outbox outbox = new Outbox(dir);
    Outbox.Entry queued = outbox.add("t/1", bytes("a"));
    outbox.remove(queued);

    outbox.sent(queued);

    assertThat(outbox.pending()).isEmpty();
    assertThat(outbox.awaiting()).isEmpty();
  }

  private static byte[] bytes(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
