package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubnetPoolTest {

  private final SubnetPool pool = new SubnetPool("10.213.0.0/16", 24);

  @Test
  void firstFree_ofAnEmptyEngine_isTheLowestSubnet() {
    assertThat(pool.firstFree(List.of())).contains("10.213.0.0/24");
  }

  @Test
  void firstFree_skipsSubnetsThatOverlapWhatTheEngineHas_shorterOrLonger() {
    assertThat(pool.firstFree(List.of("10.213.0.0/24", "10.213.1.128/25", "172.17.0.0/16")))
        .contains("10.213.2.0/24");
    // A wider network of the engine covers the whole pool.
    assertThat(pool.firstFree(List.of("10.0.0.0/8"))).isEmpty();
    // IPv6 and malformed entries do not count.
    assertThat(pool.firstFree(List.of("fd00::/64", "nonsense", "10.213.0.0/33")))
        .contains("10.213.0.0/24");
  }

  @Test
  void firstFree_handsOutEverySubnetOnce_thenNone() {
    SubnetPool small = new SubnetPool("192.168.250.0/26", 28);
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < small.size(); i++) {
      Optional<String> next = small.firstFree(taken);
      assertThat(next).isPresent();
      assertThat(taken).doesNotContain(next.get());
      taken.add(next.get());
    }
    assertThat(taken)
        .containsExactly(
            "192.168.250.0/28", "192.168.250.16/28", "192.168.250.32/28", "192.168.250.48/28");
    assertThat(small.firstFree(taken)).isEmpty();
  }

  @Test
  void aBaseThatIsNotAnIpv4Block_isRefused() {
    assertThatThrownBy(() -> new SubnetPool("10.213.0.0", 24)).hasMessageContaining("a.b.c.d/n");
    assertThatThrownBy(() -> new SubnetPool("10.256.0.0/16", 24)).hasMessageContaining("a.b.c.d/n");
    assertThatThrownBy(() -> new SubnetPool("10.0.0.0/4", 24)).hasMessageContaining("/8 to a /28");
    assertThatThrownBy(() -> new SubnetPool("10.213.0.0/16", 29))
        .hasMessageContaining("prefixLength must be 16 to 28");
  }
}
