package io.sfsbroker.benchmarks.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSamplerTest {

  @Test
  void recorded_keepsLivePidsAndSkipsDeadOrRecycledOnes(@TempDir final Path pids) throws Exception {
    long self = ProcessSampler.self();
    Files.writeString(pids.resolve("me.pid"), self + "\n");
    Files.writeString(pids.resolve("recycled.pid"), self + "\n");
    Files.writeString(pids.resolve("recycled.start"), "1\n");
    Files.writeString(pids.resolve("gone.pid"), "999999999\n");
    Files.writeString(pids.resolve("garbage.pid"), "not a pid\n");

    assertThat(ProcessSampler.recorded(pids)).isEqualTo(Map.of("me", self));
  }

  @Test
  void recorded_ofAMissingFolder_isEmpty(@TempDir final Path dir) {
    assertThat(ProcessSampler.recorded(dir.resolve("none"))).isEmpty();
  }

  @Test
  void stop_reportsTheCpuAndMemoryOfASampledProcess() throws Exception {
    ProcessSampler sampler = ProcessSampler.start(Map.of("me", ProcessSampler.self()), 50);
    long until = System.nanoTime() + 300_000_000L;
    double spin = 0;
    while (System.nanoTime() < until) {
      spin += Math.sqrt(spin + 1);
    }
    Map<String, ProcessSampler.Usage> usage = sampler.stop();

    assertThat(spin).isPositive();
    assertThat(usage).containsKey("me");
    ProcessSampler.Usage me = usage.get("me");
    assertThat(me.cpuAvgPercent()).isPositive();
    assertThat(me.cpuMaxPercent()).isGreaterThanOrEqualTo(me.cpuAvgPercent());
    assertThat(me.memoryMaxMib()).isGreaterThan(10).isGreaterThanOrEqualTo(me.memoryAvgMib());
  }
}
