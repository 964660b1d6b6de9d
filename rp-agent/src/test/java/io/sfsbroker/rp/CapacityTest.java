package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CapacityTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant LATER = NOW.plusSeconds(60);

  private final Capacity capacity = new Capacity(Map.of("cpu", 1000L, "mem", 512L));

  @Test
  void free_ofAnUnknownCategory_isZero() {
    assertThat(capacity.free("gpu", NOW)).isZero();
  }

  @Test
  void reserve_withinCapacity_takesItUntilReleased() {
    assertThat(capacity.reserve("s-1", Map.of("cpu", 600L, "mem", 100L), LATER, NOW)).isTrue();

    assertThat(capacity.free("cpu", NOW)).isEqualTo(400);
    assertThat(capacity.free("mem", NOW)).isEqualTo(412);
    capacity.release("s-1");
    assertThat(capacity.free("cpu", NOW)).isEqualTo(1000);
  }

  @Test
  void reserve_beyondWhatIsFree_reservesNothing() {
    capacity.reserve("s-1", Map.of("cpu", 600L), LATER, NOW);

    assertThat(capacity.reserve("s-2", Map.of("cpu", 500L, "mem", 10L), LATER, NOW)).isFalse();
    assertThat(capacity.free("mem", NOW)).isEqualTo(512);
  }

  @Test
  void reserve_again_replacesTheBlueprintsEarlierReservation() {
    capacity.reserve("s-1", Map.of("cpu", 600L), LATER, NOW);

    assertThat(capacity.reserve("s-1", Map.of("cpu", 900L), LATER, NOW)).isTrue();
    assertThat(capacity.free("cpu", NOW)).isEqualTo(100);
  }

  @Test
  void reservation_pastItsTime_isFreedAgain() {
    capacity.reserve("s-1", Map.of("cpu", 600L), LATER, NOW);

    assertThat(capacity.free("cpu", LATER)).isEqualTo(400);
    assertThat(capacity.free("cpu", LATER.plusMillis(1))).isEqualTo(1000);
  }

  @Test
  void hold_takesThePlaceOfTheOffersReservation() {
    capacity.reserve("s-1", Map.of("cpu", 1000L), LATER, NOW);

    assertThat(capacity.hold("s-1", Map.of("cpu", 700L), NOW)).isTrue();
    assertThat(capacity.free("cpu", NOW)).isEqualTo(300);
    assertThat(capacity.free("cpu", LATER.plusSeconds(3600))).isEqualTo(300);
    assertThat(capacity.held("s-1")).containsEntry("cpu", 700L);
  }

  @Test
  void hold_beyondWhatIsFree_holdsNothingAndDropsTheReservation() {
    capacity.hold("s-1", Map.of("cpu", 800L), NOW);
    capacity.reserve("s-2", Map.of("cpu", 200L), LATER, NOW);

    assertThat(capacity.hold("s-2", Map.of("cpu", 300L), NOW)).isFalse();
    assertThat(capacity.held("s-2")).isEmpty();
    assertThat(capacity.free("cpu", NOW)).isEqualTo(200);
  }

  @Test
  void hold_twiceForOneSlice_countsItOnce() {
    capacity.hold("s-1", Map.of("cpu", 800L), NOW);

    assertThat(capacity.hold("s-1", Map.of("cpu", 800L), NOW)).isTrue();
    assertThat(capacity.free("cpu", NOW)).isEqualTo(200);
  }

  @Test
  void adopt_takesRunningSlicesEvenBeyondTheCapacity() {
    capacity.adopt("s-1", Map.of("cpu", 800L));
    capacity.adopt("s-2", Map.of("cpu", 800L));

    assertThat(capacity.free("cpu", NOW)).isEqualTo(-600);
    assertThat(capacity.reserve("s-3", Map.of("cpu", 1L), LATER, NOW)).isFalse();
    capacity.release("s-2");
    assertThat(capacity.free("cpu", NOW)).isEqualTo(200);
  }

  @Test
  void cancelReservation_leavesHoldsAlone() {
    capacity.hold("s-1", Map.of("cpu", 100L), NOW);
    capacity.reserve("s-2", Map.of("cpu", 100L), LATER, NOW);

    capacity.cancelReservation("s-1");
    capacity.cancelReservation("s-2");

    assertThat(capacity.free("cpu", NOW)).isEqualTo(900);
  }

  @Test
  void anySequenceOfOffersAwardsAndEnds_neverUsesMoreThanTheCapacity() {
    Random random = new Random(20_250_301);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add("s-" + i);
    }
    Instant now = NOW;
    for (int step = 0; step < 20_000; step++) {
      now = now.plusMillis(random.nextInt(2_000));
      String id = ids.get(random.nextInt(ids.size()));
      Map<String, Long> amounts =
          Map.of("cpu", (long) random.nextInt(400), "mem", (long) random.nextInt(200));
      switch (random.nextInt(4)) {
        case 0 -> capacity.reserve(id, amounts, now.plusSeconds(random.nextInt(30)), now);
        case 1 -> capacity.hold(id, amounts, now);
        case 2 -> capacity.release(id);
        default -> capacity.cancelReservation(id);
      }
      assertThat(capacity.used(now).get("cpu")).isBetween(0L, 1000L);
      assertThat(capacity.used(now).get("mem")).isBetween(0L, 512L);
      assertThat(capacity.free("cpu", now)).isEqualTo(1000 - capacity.used(now).get("cpu"));
    }
  }
}
