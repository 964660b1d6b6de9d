package io.sfsbroker.gateway.network;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.testbed.Governance;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The running test network, for integration tests: its profile, and the {@code ./sfsbroker network}
 * commands that stop, start and report on its nodes.
 */
public final class TestNetwork {

  private final NetworkProfile profile;
  private final Path script;

  private TestNetwork(final NetworkProfile profile) {
    this.profile = profile;
    if (profile.sfsbrokerScript() == null) {
      throw new IllegalStateException("the network profile does not name the sfsbroker script");
    }
    this.script = profile.sfsbrokerScript();
  }

  /**
   * The network that {@code ./sfsbroker test} started: its profile is named by the system property
   * {@code sfsbroker.network}, or found in the repository's {@code .runtime} folder.
   */
  public static TestNetwork running() {
    String property = System.getProperty("sfsbroker.network");
    Path file =
        property != null && !property.isBlank()
            ? Path.of(property)
            : Path.of("..", ".runtime", "network.json").toAbsolutePath().normalize();
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "no running network: "
              + file
              + " is missing. Run the integration tests with ./sfsbroker test, or start the"
              + " network with ./sfsbroker network up first.");
    }
    return new TestNetwork(NetworkProfile.load(file));
  }

  public NetworkProfile profile() {
    return profile;
  }

  /** Runs {@code ./sfsbroker args…} and returns its standard output; fails on a non-zero exit. */
  public String sfsbroker(final String... args) {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(script.getParent().toFile())
              .redirectErrorStream(false)
              .start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      byte[] err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " failed ("
                + process.exitValue()
                + "): "
                + new String(err, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** The output of {@code ./sfsbroker network status --json}. */
  public JsonObject status() {
    return JsonParser.parseString(sfsbroker("network", "status", "--json")).getAsJsonObject();
  }

  /** The orderers as {@code status} reports them. */
  public List<JsonObject> orderers() {
    return objects(status().getAsJsonArray("orderers"));
  }

  /** The name of the orderer that leads the Raft cluster now, if one does. */
  public String raftLeader() {
    return orderers().stream()
        .filter(o -> o.get("raftLeader").getAsBoolean())
        .map(o -> o.get("name").getAsString())
        .findFirst()
        .orElse(null);
  }

  /** Polls {@code status} until {@code condition} holds, for at most {@code timeout}. */
  public JsonObject awaitStatus(
      final String what, final Duration timeout, final Predicate<JsonObject> condition) {
    Instant deadline = Instant.now().plus(timeout);
    JsonObject last = null;
    while (Instant.now().isBefore(deadline)) {
      last = status();
      if (condition.test(last)) {
        return last;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
    throw new AssertionError(
        "timed out after " + timeout + " waiting for " + what + "; last: " + last);
  }

  /**
   * Makes {@code mspId} (whose admin {@code admin} is) the treasury through the consortium, once
   * per network ({@link Governance#ensureTreasury}), and mints to {@code to}.
   */
  public static void fund(
      final ChaincodeClient admin, final String mspId, final String to, final long n) {
    fund(running().profile(), admin, mspId, to, n);
  }

  /** {@link #fund(ChaincodeClient, String, String, long)} on the network {@code profile} names. */
  public static void fund(
      final NetworkProfile profile,
      final ChaincodeClient admin,
      final String mspId,
      final String to,
      final long n) {
    Governance.ensureTreasury(profile, admin, mspId);
    admin.submit(TransactionName.CREDIT_MINT, Json.toJson(Map.of("to", to, "amount", n)));
  }

  static List<JsonObject> objects(final JsonArray array) {
    List<JsonObject> result = new ArrayList<>();
    for (JsonElement element : array) {
      result.add(element.getAsJsonObject());
    }
    return result;
  }
}
