package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.protocol.slice.PartEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SliceContainersTest {

  @Test
  void pickPorts_skipsPortsTakenBySlicesAndBusyOnTheHost() {
    List<Integer> ports =
        SliceContainers.pickPorts(
            new PortRange(20_000, 20_010), 3, Set.of(20_000, 20_002), port -> port != 20_001);

    assertThat(ports).containsExactly(20_003, 20_004, 20_005);
  }

  @Test
  void pickPorts_whenTheRangeRunsOut_saysHowManyAreFree() {
    assertThatThrownBy(
            () ->
                SliceContainers.pickPorts(
                    new PortRange(20_000, 20_002), 3, Set.of(20_001), port -> true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only 2 of the 3 ports needed are free in 20000-20002");
  }

  @Test
  void labels_readBackWhatWasWritten() {
    Map<String, Long> amounts = new LinkedHashMap<>();
    amounts.put("memory-mib", 256L);
    amounts.put("cpu-millicores", 500L);
    List<Service> services =
        List.of(new Service("memory-mib", 8000), new Service("cpu-millicores", 8001));

    assertThat(SliceContainers.encodeAmounts(amounts))
        .isEqualTo("memory-mib=256,cpu-millicores=500");
    assertThat(SliceContainers.encodeServices(services))
        .isEqualTo("8000:memory-mib,8001:cpu-millicores");
    assertThat(SliceContainers.decodeAmounts(SliceContainers.encodeAmounts(amounts)))
        .containsExactly(Map.entry("memory-mib", 256L), Map.entry("cpu-millicores", 500L));
    assertThat(SliceContainers.decodeServices(SliceContainers.encodeServices(services)))
        .isEqualTo(services);
  }

  @Test
  void labels_thatAreMalformed_areLeftOut() {
    assertThat(SliceContainers.decodeAmounts("cpu=x,memory-mib=2,junk"))
        .containsOnlyKeys("memory-mib");
    assertThat(SliceContainers.decodeServices("8000:cpu,port:mem"))
        .containsExactly(new Service("cpu", 8000));
    assertThat(SliceContainers.decodeAmounts(null)).isEmpty();
  }

  @Test
  void containerName_joinsRpAndSlice_andRefusesOtherCharacters() {
    assertThat(SliceContainers.containerName("rp-1", "s-0a1b")).isEqualTo("sfsb-rp-1-s-0a1b");
    assertThatThrownBy(() -> SliceContainers.containerName("rp-1", "../x"))
        .hasMessageContaining("sliceId must be 1 to 64");
  }

  @Test
  void runningSlice_listsEachCategorysPublishedPorts() {
    Map<String, Long> amounts = new LinkedHashMap<>();
    amounts.put("bandwidth-mbps", 100L);
    amounts.put("cpu-millicores", 500L);
    RunningSlice slice =
        new RunningSlice(
            "c1",
            "sfsb-rp-1-s-1",
            "s-1",
            "s-1",
            "fog-1",
            "sfsb-t-0123456789abcdef",
            true,
            amounts,
            List.of(
                new Service("bandwidth-mbps", 8000),
                new Service("bandwidth-mbps", 8001),
                new Service("cpu-millicores", 8002)),
            Map.of(8000, 20_000, 8001, 20_001, 8002, 20_002));

    assertThat(slice.parts("127.0.0.1"))
        .containsExactly(
            new PartEndpoint(
                "bandwidth-mbps", "127.0.0.1", List.of(20_000, 20_001), "sfsb-rp-1-s-1"),
            new PartEndpoint("cpu-millicores", "127.0.0.1", List.of(20_002), "sfsb-rp-1-s-1"));
    assertThat(slice.publishedPorts()).containsExactly(20_000, 20_001, 20_002);
  }
}
