package io.sfsbroker.fog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sfsbroker.protocol.request.SliceRequestBody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real MQTT link with a broker that cannot be reached: a request waits in the durable outbox,
 * survives the agent's restart, and is still there to be sent on reconnect. Needs no broker.
 */
class OfflineOutboxTest {

  @TempDir Path dir;

  @Test
  void requestWhileOffline_staysInTheOutboxAcrossARestart() throws Exception {
    FogConfig config = FogConfig.load(TestDevice.offlineConfig(dir));
    List<String> progress = new CopyOnWriteArrayList<>();

    try (FogNodeAgent agent = new FogNodeAgent(config, Clock.systemUTC())) {
      agent.onProgress(progress::add);
      assertThatThrownBy(() -> agent.requestSlice(SliceRequestBody.ofClass("ar-vr", 20_000)))
          .isInstanceOfSatisfying(
              AgentException.class,
              e -> {
                assertThat(e.code()).isEqualTo("TIMEOUT");
                assertThat(e.getMessage()).contains("stays in the outbox");
              });
    }
    assertThat(progress).anyMatch(line -> line.contains("queued in the outbox"));

    try (FogNodeAgent restarted = new FogNodeAgent(config, Clock.systemUTC())) {
      AgentStatus status = restarted.status(List.of());

      assertThat(status.connected()).isFalse();
      assertThat(status.pending()).isEqualTo(1);
    }
    try (Stream<Path> files = Files.list(config.device().stateDir().resolve("outbox"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".msg")))
          .singleElement()
          .satisfies(f -> assertThat(Files.readString(f)).startsWith("sfsb/v1/in/fog-7/request\n"));
    }
  }
}
