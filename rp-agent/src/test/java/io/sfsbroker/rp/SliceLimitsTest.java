package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SliceLimitsTest {

  private final RpConfig config = TestConfigs.config("rp-1", "\"pidsLimit\": 64");

  @Test
  void of_mapsCpuMemoryAndStorage_andTakesThePidsLimitFromTheConfig() {
    SliceLimits limits =
        SliceLimits.of(
            Map.of("cpu-millicores", 1500L, "memory-mib", 256L, "storage-mib", 100L), config);

    assertThat(limits.nanoCpus()).isEqualTo(1_500_000_000L);
    assertThat(limits.memoryBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(limits.storageBytes()).isEqualTo(100L * 1024 * 1024);
    assertThat(limits.pidsLimit()).isEqualTo(64);
    assertThat(limits.unenforced()).isEmpty();
  }

  @Test
  void of_withoutCpuOrMemory_givesTheMinimums_andNoStorage() {
    SliceLimits limits = SliceLimits.of(Map.of("bandwidth-mbps", 100L), config);

    assertThat(limits.nanoCpus()).isEqualTo(100 * 1_000_000L);
    assertThat(limits.memoryBytes()).isEqualTo(32L << 20);
    assertThat(limits.storageBytes()).isZero();
  }

  @Test
  void of_belowTheMinimums_raisesToThem() {
    SliceLimits limits = SliceLimits.of(Map.of("cpu-millicores", 5L, "memory-mib", 1L), config);

    assertThat(limits.nanoCpus()).isEqualTo(100 * 1_000_000L);
    assertThat(limits.memoryBytes()).isEqualTo(32L << 20);
  }

  @Test
  void of_shapesBandwidth_andKeepsWhatNothingLimitsAsUnenforced() {
    SliceLimits limits =
        SliceLimits.of(Map.of("bandwidth-mbps", 1000L, "rendering-k", 400L), config);

    assertThat(limits.bandwidthMbps()).isEqualTo(1000L);
    assertThat(limits.unenforced()).containsExactly(Map.entry("rendering-k", 400L));
  }

  @Test
  void of_withoutBandwidth_shapesNothing() {
    assertThat(SliceLimits.of(Map.of("cpu-millicores", 500L), config).bandwidthMbps()).isZero();
  }

  @Test
  void of_anAmountTooLargeForBytes_isRefused() {
    assertThatThrownBy(() -> SliceLimits.of(Map.of("memory-mib", Long.MAX_VALUE / 2), config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void spec_givesEachCategoryItsServices_onPortsFrom8000InAwardOrder() {
    Map<String, Long> amounts = new LinkedHashMap<>();
    amounts.put("memory-mib", 256L);
    amounts.put("bandwidth-mbps", 100L);
    amounts.put("cpu-millicores", 500L);

    SliceSpec spec = SliceSpec.of("s-1", "fog-1", amounts, config);

    assertThat(spec.services())
        .containsExactly(
            new Service("memory-mib", 8000),
            new Service("bandwidth-mbps", 8001),
            new Service("bandwidth-mbps", 8002),
            new Service("cpu-millicores", 8003));
    assertThat(spec.limits().nanoCpus()).isEqualTo(500_000_000L);
    assertThat(spec.blueprintId()).isEqualTo("s-1");
  }
}
