package io.sfsbroker.gateway.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.protocol.deadline.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptsTest {

  private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
  private static final Deadline EXPIRY =
      new Deadline(
          "slice:s-1",
          "slice",
          "expire",
          List.of("s-1"),
          NOW.minusSeconds(5),
          NOW.minusSeconds(65));
  private static final Deadline CLOSE =
      new Deadline(
          "slice:s-2", "selection", "closeAndSelect", List.of("s-2"), NOW, NOW.minusSeconds(30));

  private final Attempts attempts = new Attempts(Duration.ofSeconds(1), Duration.ofSeconds(8));

  @Test
  void due_aDeadlineNeverTried_isTriedAtOnce() {
    assertThat(attempts.due(EXPIRY, NOW)).isTrue();
  }

  @Test
  void failed_pausesDoubleUpToTheLimit() {
    assertThat(attempts.failed(EXPIRY, NOW)).isEqualTo(1);
    assertThat(attempts.due(EXPIRY, NOW.plusMillis(999))).isFalse();
    assertThat(attempts.due(EXPIRY, NOW.plusSeconds(1))).isTrue();
    assertThat(attempts.failed(EXPIRY, NOW)).isEqualTo(2);
    assertThat(attempts.due(EXPIRY, NOW.plusSeconds(1))).isFalse();
    assertThat(attempts.due(EXPIRY, NOW.plusSeconds(2))).isTrue();
    assertThat(attempts.pause(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(attempts.pause(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(attempts.pause(30)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void failed_oneDeadline_leavesTheOthersDue() {
    attempts.failed(EXPIRY, NOW);
    assertThat(attempts.due(CLOSE, NOW)).isTrue();
  }

  @Test
  void succeededOrNoLongerListed_forgetsTheFailures() {
    attempts.failed(EXPIRY, NOW);
    attempts.failed(CLOSE, NOW);
    attempts.succeeded(EXPIRY);
    attempts.retainOnly(List.of(EXPIRY));
    assertThat(attempts.due(EXPIRY, NOW)).isTrue();
    assertThat(attempts.due(CLOSE, NOW)).isTrue();
    assertThat(attempts.failed(CLOSE, NOW)).isEqualTo(1);
  }

  @Test
  void aNewDueTimeForTheSameSubject_isANewDeadline() {
    attempts.failed(EXPIRY, NOW);
    Deadline later =
        new Deadline("slice:s-1", "slice", "expire", List.of("s-1"), NOW.plusSeconds(60), NOW);
    assertThat(attempts.due(later, NOW)).isTrue();
  }

  @Test
  void pausesOutOfOrder_areRefused() {
    assertThatThrownBy(() -> new Attempts(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
