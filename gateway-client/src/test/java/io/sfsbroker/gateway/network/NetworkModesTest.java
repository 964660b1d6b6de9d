package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code network/test/network-modes.sh} (issue 13 item 2) without a network: the native
 * rendering keeps 127.0.0.1 where nodes meet, {@code --docker} names each node's container, a
 * native runtime refuses {@code --docker}, container names are the runtime's own, and the compose
 * file keeps each org's chaincode server on its org's internal network; nodes.json (network
 * prepare) holds the same specs; {@code --routed} puts each orderer and org on its own subnet with
 * routed host entries (issue 13 item 3), and a bundle's compose file holds only its org's nodes and
 * names the other hosts from {@code .env}.
 */
class NetworkModesTest {

  @Test
  void networkModesScript_passesEveryCheck() throws Exception {
    Path script = Path.of("..", "network", "test", "network-modes.sh").toAbsolutePath().normalize();
    assertThat(Files.isRegularFile(script)).as(script.toString()).isTrue();
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    builder.environment().remove("SFSB_RUNTIME");
    builder.environment().remove("SFSB_PORT_OFFSET");
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.lines().filter(l -> l.startsWith("ok: "))).as(output).hasSize(8);
  }
}
