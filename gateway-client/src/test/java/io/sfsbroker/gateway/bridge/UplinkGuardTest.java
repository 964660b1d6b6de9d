package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UplinkGuardTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final UplinkGuard guard = new UplinkGuard(3, 2, now::get);

  @Test
  void admit_withinBurst_admitsThenLimits() {
    assertThat(guard.admitDevice("fog-1")).isTrue();
    assertThat(guard.admitDevice("fog-1")).isTrue();
    assertThat(guard.admitDevice("fog-1")).isTrue();
    assertThat(guard.admitDevice("fog-1")).isFalse();
  }

  @Test
  void admit_oneFloodingDevice_leavesOthersTheirOwnBudget() {
    for (int i = 0; i < 100; i++) {
      guard.admitDevice("flooder");
    }
    assertThat(guard.admitDevice("flooder")).isFalse();
    assertThat(guard.admitDevice("quiet")).isTrue();
    assertThat(guard.admitDevice("quiet")).isTrue();
  }

  @Test
  void admit_afterTime_refillsAtTheRateButNeverBeyondTheBurst() {
    for (int i = 0; i < 3; i++) {
      guard.admitDevice("fog-1");
    }
    assertThat(guard.admitDevice("fog-1")).isFalse();
    now.addAndGet(500_000_000L); // half a second at 2 a second: one token
    assertThat(guard.admitDevice("fog-1")).isTrue();
    assertThat(guard.admitDevice("fog-1")).isFalse();
    now.addAndGet(3_600_000_000_000L); // an hour: full, but only the burst
    assertThat(guard.admitDevice("fog-1")).isTrue();
    assertThat(guard.admitDevice("fog-1")).isTrue();
    assertThat(guard.admitDevice("fog-1")).isTrue();
    assertThat(guard.admitDevice("fog-1")).isFalse();
  }

  @Test
  void admit_byTopic_countsUplinksAndQueriesOfTheDevice_andAdmitsOtherTopics() {
    assertThat(guard.admit("sfsb/v1/in/fog-1/request")).isTrue();
    assertThat(guard.admit("sfsb/v1/in/fog-1/query")).isTrue();
    assertThat(guard.admit("sfsb/v1/in/fog-1/service")).isTrue();
    assertThat(guard.admit("sfsb/v1/in/fog-1/request")).isFalse();
    assertThat(guard.admit("sfsb/v1/in/fog-2/request")).isTrue();
    for (int i = 0; i < 10; i++) {
      assertThat(guard.admit("sfsb/v1/elsewhere")).isTrue();
    }
  }

  @Test
  void reason_namesTheLimits() {
    assertThat(guard.reason("fog-1")).contains("fog-1", "3 messages", "2 a second");
  }

  @Test
  void constructor_nonPositiveLimits_areRefused() {
    assertThatThrownBy(() -> new UplinkGuard(0, 1, now::get))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UplinkGuard(1, 0, now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
