package io.sfsbroker.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PhysicalLimitTest {

  @Test
  void seconds_areThreeBlockTimesPlusWindowPlusContainerStart() {
    PhysicalLimit limit = PhysicalLimit.of(1.0, 5.0, 0.4);

    assertThat(limit.commits()).isEqualTo(3);
    assertThat(limit.seconds()).isCloseTo(8.4, within(1e-9));
  }

  @Test
  void seconds_growWithTheBlockTimeByTheNumberOfSequentialCommits() {
    double half = PhysicalLimit.of(0.5, 5.0, 0.4).seconds();
    double two = PhysicalLimit.of(2.0, 5.0, 0.4).seconds();

    assertThat(two - half).isCloseTo(3 * 1.5, within(1e-9));
  }

  @Test
  void ratio_isTheMeasuredOverTheLimit() {
    PhysicalLimit limit = PhysicalLimit.of(1.0, 5.0, 1.0);

    assertThat(limit.ratio(10.8)).isCloseTo(1.2, within(1e-9));
  }

  @Test
  void constructor_withoutBlockTime_isRejected() {
    assertThatThrownBy(() -> PhysicalLimit.of(0, 5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("block time");
  }
}
