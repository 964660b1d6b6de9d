package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantNetworksTest {

  /** What Docker accepts as a network name. */
  private static final String DOCKER_NAME = "[a-zA-Z0-9][a-zA-Z0-9_.-]*";

  @Test
  void name_isStable_dockerSafe_andOnePerRpAndTenant() {
    String name = TenantNetworks.name("rp-1", "fog-1");

    assertThat(name).isEqualTo(TenantNetworks.name("rp-1", "fog-1"));
    assertThat(name).matches("sfsb-t-[0-9a-f]{16}").matches(DOCKER_NAME);
    assertThat(TenantNetworks.name("rp-1", "fog-2")).isNotEqualTo(name);
    assertThat(TenantNetworks.name("rp-2", "fog-1")).isNotEqualTo(name);
    // The separator keeps ("rp-1", "xfog") and ("rp-1x", "fog") apart.
    assertThat(TenantNetworks.name("rp-1", "xfog"))
        .isNotEqualTo(TenantNetworks.name("rp-1x", "fog"));
  }

  @Test
  void name_ofATenantIdThatDockerWouldRefuse_isStillDockerSafe() {
    assertThat(TenantNetworks.name("rp-1", "CN=fog 7, O=Tenants/../x ü"))
        .matches("sfsb-t-[0-9a-f]{16}");
  }

  @Test
  void sliceSpec_ofASliceWithoutATenant_isATenantOfItsOwn() {
    RpConfig config = TestConfigs.config();

    assertThat(SliceSpec.of("s-1", null, Map.of("cpu-millicores", 100L), config).tenantId())
        .isEqualTo("slice:s-1");
    assertThat(SliceSpec.of("s-2", " ", Map.of("cpu-millicores", 100L), config).tenantId())
        .isEqualTo("slice:s-2");
    assertThat(SliceSpec.of("s-3", "fog-1", Map.of("cpu-millicores", 100L), config).tenantId())
        .isEqualTo("fog-1");
  }
}
