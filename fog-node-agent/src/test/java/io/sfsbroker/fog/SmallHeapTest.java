package io.sfsbroker.fog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the command line in a JVM of its own with the Raspberry Pi's heap limit ({@code -Xmx64m}): a
 * request while the broker cannot be reached, which loads everything a real request does before the
 * broker answers (TLS with the device's certificate, Paho, the envelope signer, Gson, the outbox).
 * Prints the most heap in use before any collection, from the GC log. The full flow against the
 * real stack is measured by the end-to-end test.
 */
class SmallHeapTest {

  @TempDir Path dir;

  @Test
  void requestCommand_runsIn64MegabytesOfHeap() throws Exception {
    Path config = TestDevice.offlineConfig(dir);
    Path gcLog = dir.resolve("gc.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+ExitOnOutOfMemoryError",
                GcLog.option(gcLog),
                "-cp",
                System.getProperty("java.class.path"),
                FogNodeAgentMain.class.getName(),
                "request",
                "--config",
                config.toString(),
                "--class",
                "ar-vr",
                "--budget",
                "20000",
                "--timeout",
                "5"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(output).doesNotContain("OutOfMemoryError");
    assertThat(process.exitValue()).as(output).isEqualTo(FogNodeAgentMain.FAILED);
    assertThat(output)
        .contains("queued in the outbox; will be sent on reconnect")
        .contains("error: TIMEOUT: no receipt");

    GcLog heap = GcLog.read(gcLog);
    assertThat(heap.atExitKilobytes()).as("the GC log has the heap at exit").isPositive();
    System.out.println("fog-node-agent request, offline, -Xmx64m: " + heap);
  }
}
