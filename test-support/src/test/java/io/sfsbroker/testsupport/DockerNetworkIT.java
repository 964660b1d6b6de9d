package io.sfsbroker.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The Dockerized network (issue 13 items 2 and 4) as {@link SfsbrokerNetwork} starts it through
 * Testcontainers: every node in its own container, named after the run's runtime and offset, and
 * reported so by {@code ./sfsbroker network status}; the unchanged Gateway client commits through
 * {@code network.json} and another org reads it back; the network survives an orderer container's
 * removal (a commit still goes through) and its return in a new container from the same spec, which
 * catches up from its kept ledger.
 */
@SfsbrokerNetwork
class DockerNetworkIT {

  private static final int ATTEMPTS = 3;

  @Test
  void dockerNetwork_commitsThroughNetworkJson_andSurvivesAnOrdererContainerRestart(
      final DockerizedNetwork network,
      final ChaincodeClient writer,
      @Org("tenants") final ChaincodeClient reader) {
    JsonObject status = status(network);
    assertThat(status.get("mode").getAsString()).isEqualTo("docker");
    for (JsonElement element : status.getAsJsonArray("orderers")) {
      JsonObject node = element.getAsJsonObject();
      String name = node.get("name").getAsString();
      assertThat(node.get("running").getAsBoolean()).as(node.toString()).isTrue();
      assertThat(node.get("container").getAsString()).isEqualTo(network.containerName(name));
    }
    assertThat(network.runtime().resolve("docker").resolve("nodes.json")).isRegularFile();

    commitAndReadBack(writer, reader, "before");

    String orderer = "orderer1";
    network.stopNode(orderer);
    assertThat(orderer(network, orderer).get("running").getAsBoolean()).isFalse();
    awaitRaftLeader(network);
    commitAndReadBack(writer, reader, "while-stopped");

    network.startNode(orderer);
    assertThat(orderer(network, orderer).get("running").getAsBoolean()).isTrue();
    awaitOrdererHeight(network, orderer, reader.blockHeight());
    commitAndReadBack(writer, reader, "after-restart");
  }

  /**
   * Submits a probe and reads it back through the other org. A transaction the orderers accepted
   * just as the Raft cluster changed leader may never be ordered (Fabric's clients resubmit), so a
   * commit that times out is tried again, at most {@value #ATTEMPTS} times in all.
   */
  private static void commitAndReadBack(
      final ChaincodeClient writer, final ChaincodeClient reader, final String phase) {
    String key = "docker-" + phase + "-" + System.nanoTime();
    Committed committed = null;
    for (int attempt = 1; committed == null; attempt++) {
      try {
        committed = writer.submit(TransactionName.PROBE_RECORD, key, phase);
      } catch (LedgerException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        System.out.printf("[docker-network] %s: attempt %d failed (%s)%n", phase, attempt, e);
      }
    }
    assertThat(committed.result()).isEqualTo(phase);
    // The submit returns once the writer's peer committed the block; the reader's peer gets it
    // from the orderers a moment later.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (reader.blockHeight() <= committed.blockNumber() && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofMillis(200));
    }
    assertThat(reader.evaluate(TransactionName.PROBE_READ, key)).isEqualTo(phase);
  }

  private static void awaitRaftLeader(final DockerizedNetwork network) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      for (JsonElement element : status(network).getAsJsonArray("orderers")) {
        JsonObject node = element.getAsJsonObject();
        if (node.get("running").getAsBoolean() && node.get("raftLeader").getAsBoolean()) {
          return;
        }
      }
      sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("no running orderer leads the Raft cluster after 90 s");
  }

  private static void awaitOrdererHeight(
      final DockerizedNetwork network, final String name, final long height) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    JsonObject last = orderer(network, name);
    while (Instant.now().isBefore(deadline)) {
      if (last.get("running").getAsBoolean()
          && last.has("height")
          && !last.get("height").isJsonNull()
          && last.get("height").getAsLong() >= height) {
        return;
      }
      sleep(Duration.ofSeconds(1));
      last = orderer(network, name);
    }
    throw new AssertionError(name + " did not catch up to height " + height + ": " + last);
  }

  private static JsonObject orderer(final DockerizedNetwork network, final String name) {
    for (JsonElement element : status(network).getAsJsonArray("orderers")) {
      if (element.getAsJsonObject().get("name").getAsString().equals(name)) {
        return element.getAsJsonObject();
      }
    }
    throw new AssertionError("network status lists no " + name);
  }

  private static JsonObject status(final DockerizedNetwork network) {
    return JsonParser.parseString(network.sfsbroker("network", "status", "--json"))
        .getAsJsonObject();
  }

  private static void sleep(final Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
