package io.sfsbroker.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedeliveryTest {

  private static final Redelivery POLICY = Redelivery.DEFAULT;
  private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void pauses_doubleFromFiveSeconds_upToOneMinute() {
    assertThat(POLICY.pause(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(POLICY.pause(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(POLICY.pause(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(POLICY.pause(5)).isEqualTo(Duration.ofSeconds(60));
    assertThat(POLICY.pause(50)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void freshEnvelope_goesAgainUnchanged_anOldOne_isSignedAgain() {
    assertThat(POLICY.mustSignAgain(ISSUED, ISSUED.plusSeconds(30))).isFalse();
    assertThat(POLICY.mustSignAgain(ISSUED, ISSUED.plusSeconds(74))).isFalse();
    // 120 s skew - 45 s margin: from 75 s on, signed again with the same nonce.
    assertThat(POLICY.mustSignAgain(ISSUED, ISSUED.plusSeconds(75))).isTrue();
    assertThat(POLICY.mustSignAgain(ISSUED, ISSUED.plusSeconds(600))).isTrue();
  }

  @Test
  void expiredSoonAfterSigning_isTheDeviceClock_expiredLater_grewOldOnTheWay() {
    assertThat(POLICY.expiredOnTheWay(ISSUED, ISSUED.plusSeconds(2))).isFalse();
    assertThat(POLICY.expiredOnTheWay(ISSUED, ISSUED.plusSeconds(130))).isTrue();
  }

  @Test
  void silence_isLongerThanTheBridgesAnswerBound_andSettable_butNotBelowOneSecond() {
    assertThat(POLICY.silence()).isGreaterThan(Duration.ofSeconds(30));
    assertThat(POLICY.withSilence(Duration.ofSeconds(12)).silence())
        .isEqualTo(Duration.ofSeconds(12));
    assertThatThrownBy(() -> POLICY.withSilence(Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("silence");
  }

  @Test
  void aMarginAsLongAsTheSkew_isRefused() {
    assertThatThrownBy(
            () ->
                new Redelivery(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(120),
                    Duration.ofSeconds(120),
                    Duration.ofSeconds(45)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> POLICY.pause(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
