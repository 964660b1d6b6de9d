package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code network/test/hygiene.sh} (issue 11 item 10): stale pid files never make a stop
 * command signal an unrelated process, computed paths are checked before removal, keys are 0600.
 */
class ScriptHygieneTest {

  @Test
  void hygieneScript_passesEveryCheck() throws Exception {
    Path script = Path.of("..", "network", "test", "hygiene.sh").toAbsolutePath().normalize();
    assertThat(Files.isRegularFile(script)).as(script.toString()).isTrue();
    Process process =
        new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.lines().filter(l -> l.startsWith("ok: "))).hasSize(5);
  }
}
