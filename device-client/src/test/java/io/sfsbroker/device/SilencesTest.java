package io.sfsbroker.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SilencesTest {

  private final Silences silences = new Silences();

  @Test
  void aCopyWithoutAnyReceipt_isSilent_soItIsSentAgain() {
    long ticket = silences.sent("n-1");

    assertThat(silences.silentSince("n-1", ticket)).isTrue();
  }

  @Test
  void anyReceipt_evenUnavailable_endsTheSilenceOfTheCopyBeforeIt() {
    long ticket = silences.sent("n-1");
    silences.heard("n-1");

    assertThat(silences.silentSince("n-1", ticket)).isFalse();
  }

  @Test
  void aLaterCopy_makesTheEarlierTicketStale_andIsWatchedItself() {
    long first = silences.sent("n-1");
    long second = silences.sent("n-1");

    assertThat(silences.silentSince("n-1", first)).isFalse();
    assertThat(silences.silentSince("n-1", second)).isTrue();
  }

  @Test
  void aMessageWithItsVerdict_isNeverSilent() {
    long ticket = silences.sent("n-1");
    silences.forget("n-1");

    assertThat(silences.silentSince("n-1", ticket)).isFalse();
  }

  @Test
  void messages_areWatchedApart() {
    long one = silences.sent("n-1");
    long two = silences.sent("n-2");
    silences.heard("n-2");

    assertThat(silences.silentSince("n-1", one)).isTrue();
    assertThat(silences.silentSince("n-2", two)).isFalse();
  }
}
