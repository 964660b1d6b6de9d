package io.sfsbroker.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {

  static Timeline timeline(
      final long receipt,
      final long offers,
      final long selected,
      final long award,
      final long up,
      final long handover) {
    Map<Step, Long> reached = new EnumMap<>(Step.class);
    reached.put(Step.RECEIPT, receipt);
    reached.put(Step.OFFERS_IN, offers);
    reached.put(Step.SELECTION_COMMITTED, selected);
    reached.put(Step.AWARD, award);
    reached.put(Step.CONTAINERS_UP, up);
    reached.put(Step.HANDOVER, handover);
    return new Timeline(reached, 5000);
  }

  @Test
  void ownMillis_areTheGapsBetweenStepsAndSumToTheEndToEnd() {
    Timeline timeline = timeline(1000, 2000, 8000, 8100, 9500, 9600);

    assertThat(timeline.ownMillis(Step.RECEIPT)).isEqualTo(1000);
    assertThat(timeline.ownMillis(Step.SELECTION_COMMITTED)).isEqualTo(6000);
    assertThat(timeline.ownMillis(Step.HANDOVER)).isEqualTo(100);
    long sum = 0;
    for (Step step : Step.values()) {
      sum += timeline.ownMillis(step);
    }
    assertThat(sum).isEqualTo(timeline.endToEndMillis()).isEqualTo(9600);
  }

  @Test
  void ownMillis_ofAStepSeenBeforeTheOneBeforeIt_isZero() {
    Timeline timeline = timeline(1000, 2000, 8000, 7990, 9500, 9600);

    assertThat(timeline.ownMillis(Step.AWARD)).isZero();
  }

  @Test
  void constructor_withAMissingStep_isRejected() {
    Map<Step, Long> reached = new EnumMap<>(Step.class);
    reached.put(Step.RECEIPT, 1000L);

    assertThatThrownBy(() -> new Timeline(reached, 5000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offers in");
  }
}
