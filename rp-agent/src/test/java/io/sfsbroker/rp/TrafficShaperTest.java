package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficShaperTest {

  @Test
  void commands_shapeBothDirectionsOfTheInterfaceToTheRate() {
    List<List<String>> commands = TrafficShaper.commands(20);

    assertThat(commands).hasSize(3);
    assertThat(String.join(" ", commands.get(0)))
        .isEqualTo("qdisc replace dev eth0 root tbf rate 20mbit burst 32768b latency 50ms");
    assertThat(String.join(" ", commands.get(1)))
        .isEqualTo("qdisc replace dev eth0 handle ffff: ingress");
    assertThat(String.join(" ", commands.get(2)))
        .isEqualTo(
            "filter replace dev eth0 parent ffff: protocol all prio 1 u32 match u32 0 0"
                + " police rate 20mbit burst 65536b drop");
  }

  @Test
  void commands_fastLinks_getBucketsOf10And20MillisecondsAtTheRate() {
    List<List<String>> commands = TrafficShaper.commands(1000);

    // 1,000 Mbit/s = 125,000,000 bytes/s: 10 ms = 1,250,000 bytes, 20 ms = 2,500,000 bytes.
    assertThat(commands.get(0)).contains("1000mbit", "1250000b");
    assertThat(commands.get(2)).contains("1000mbit", "2500000b");
  }

  @Test
  void commands_belowOneMbit_areRefused() {
    assertThatThrownBy(() -> TrafficShaper.commands(0)).hasMessageContaining("at least 1 Mbit/s");
  }

  @Test
  void shape_aContainerWithoutProcess_failsWithTheReason() {
    assertThatThrownBy(() -> new TrafficShaper().shape(0, 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no process");
  }
}
