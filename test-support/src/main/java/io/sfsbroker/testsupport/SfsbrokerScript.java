package io.sfsbroker.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./sfsbroker} of a checkout, run in one runtime folder at one port offset: the steps of the
 * Dockerized network that are not about starting a container (crypto, channel, joins, chaincode
 * deployment, status) stay the script's.
 */
final class SfsbrokerScript {

  private static final long TIMEOUT_MINUTES = 15;

  private final Path script;
  private final Path runtime;
  private final int portOffset;
  private final Path log;

  /**
   * @param script the {@code sfsbroker} script
   * @param runtime its {@code SFSB_RUNTIME}
   * @param portOffset its {@code SFSB_PORT_OFFSET}
   * @param log where every run's output is appended
   */
  SfsbrokerScript(final Path script, final Path runtime, final int portOffset, final Path log) {
    this.script = script;
    this.runtime = runtime;
    this.portOffset = portOffset;
    this.log = log;
  }

  /**
   * Runs {@code ./sfsbroker args…} and returns its standard output.
   *
   * @throws IllegalStateException when it exits non-zero (with its output), or hangs
   */
  String run(final String... args) {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(List.of(args));
    try {
      Path err = Files.createTempFile("sfsb-test-support", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(script.getParent().toFile())
                .redirectError(err.toFile());
        builder.environment().put("SFSB_RUNTIME", runtime.toString());
        builder.environment().put("SFSB_PORT_OFFSET", String.valueOf(portOffset));
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              String.join(" ", command) + " did not finish in " + TIMEOUT_MINUTES + " minutes");
        }
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        Files.createDirectories(log.getParent());
        Files.writeString(
            log,
            "$ " + String.join(" ", command) + "\n" + out + errors,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        if (process.exitValue() != 0) {
          throw new IllegalStateException(
              String.join(" ", command)
                  + " failed ("
                  + process.exitValue()
                  + ") in "
                  + runtime
                  + ": "
                  + out
                  + errors);
        }
        return out;
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
