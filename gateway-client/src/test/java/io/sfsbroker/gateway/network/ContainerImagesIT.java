package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code network/test/images.sh} (issue 13 item 1) against the Docker engine of this host:
 * {@code ./sfsbroker images} builds the six images FROM scratch, each runs as a non-root user with
 * a health check and its content tag, a second run reuses them, and the health check can fail.
 */
class ContainerImagesIT {

  @Test
  void imagesCommand_buildsNonRootImagesWithHealthChecks_andReusesThem() throws Exception {
    Path script = Path.of("..", "network", "test", "images.sh").toAbsolutePath().normalize();
    assertThat(Files.isRegularFile(script)).as(script.toString()).isTrue();
    Process process =
        new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(15, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.lines().filter(l -> l.startsWith("ok: "))).as(output).hasSize(5);
  }
}
