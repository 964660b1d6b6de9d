package io.sfsbroker.market.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UtilityTest {

  @Test
  void marginal_isDataOverVolumeToTheAlpha() {
    // (100/50)^1.5 = 2^1.5 = 2.828...
    assertThat(Utility.marginal(100, 1.5, 50)).isCloseTo(StrictMath.sqrt(8), within(1e-12));
  }

  @Test
  void inverseMarginal_undoesMarginal() {
    double volume = Utility.inverseMarginal(100, 1.7, Utility.marginal(100, 1.7, 37));

    assertThat(volume).isCloseTo(37, within(1e-9));
  }

  @Test
  void value_isZeroAtTotalDataAndItsSlopeIsTheMarginal() {
    double h = 1e-4;
    double slope = (Utility.value(100, 1.3, 40 + h) - Utility.value(100, 1.3, 40 - h)) / (2 * h);

    assertThat(Utility.value(100, 1.3, 100)).isZero();
    assertThat(slope).isCloseTo(Utility.marginal(100, 1.3, 40), within(1e-6));
  }

  @Test
  void value_alphaOne_isLogarithmic() {
    // U(z) = X·ln(z/X): 100·ln(0.5).
    assertThat(Utility.value(100, 1, 50)).isCloseTo(100 * StrictMath.log(0.5), within(1e-12));
  }
}
