package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrafficShaperTest {

  @Test
  void tbf_shapesTheDeviceToTheRate_withAtLeast32KiBOfBucket() {
    assertThat(String.join(" ", TrafficShaper.tbf("eth0", 20)))
        .isEqualTo("qdisc replace dev eth0 root tbf rate 20mbit burst 32768b latency 50ms");
  }

  @Test
  void tbf_fastLinks_getABucketOf10MillisecondsAtTheRate() {
    // 1,000 Mbit/s = 125,000,000 bytes/s: 10 ms = 1,250,000 bytes.
    assertThat(TrafficShaper.tbf("veth1", 1000)).contains("1000mbit", "1250000b", "veth1");
  }

  @Test
  void tbf_belowOneMbit_isRefused() {
    assertThatThrownBy(() -> TrafficShaper.tbf("eth0", 0))
        .hasMessageContaining("at least 1 Mbit/s");
  }

  @Test
  void peerIndex_readsTheHostEndOfTheVethPair() {
    assertThat(
            TrafficShaper.peerIndex(
                "132: eth0@if133: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue\n"))
        .isEqualTo(133);
    assertThatThrownBy(() -> TrafficShaper.peerIndex("2: eth0: <BROADCAST> mtu 1500"))
        .hasMessageContaining("not one end of a veth pair");
  }

  @Test
  void interfaceAt_findsTheHostInterfaceByIndex() {
    String links =
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n"
            + "5: docker0: <BROADCAST,MULTICAST,UP> mtu 1500\n"
            + "133: vethbf4443a@if132: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n";

    assertThat(TrafficShaper.interfaceAt(links, 133)).isEqualTo("vethbf4443a");
    assertThat(TrafficShaper.interfaceAt(links, 5)).isEqualTo("docker0");
    assertThatThrownBy(() -> TrafficShaper.interfaceAt(links, 7))
        .hasMessageContaining("no interface with index 7");
  }

  @Test
  void shape_aContainerWithoutProcess_failsWithTheReason() {
    assertThatThrownBy(() -> new TrafficShaper().shape(0, 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no process");
  }
}
