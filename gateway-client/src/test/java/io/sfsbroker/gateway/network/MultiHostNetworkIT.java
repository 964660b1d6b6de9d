package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code ./sfsbroker network up --docker --routed} (issue 13 item 3): every orderer and every peer
 * org on a Docker network of its own, standing in for a machine of its own, joined only by a router
 * container. The Raft cluster forms across those "hosts", a transaction committed through the
 * broker org's peer is read back through the tenants org's peer, and the tenants' host, cut off
 * from the router, gets no block until it is attached again, then catches up; the Raft leader's
 * host cut off, the orderers on the four other hosts elect a new leader and order on, and the old
 * leader catches up once attached again. Each org's bundle holds only that org's private keys, and
 * a peer org's bundle profile reads the ledger.
 *
 * <p>The test JVM reaches the broker's and the tenants' peers through ports published on 127.0.0.1
 * (the operator's own machine); node-to-node traffic goes through the router: no two hosts share a
 * Docker network, and the host's IP forwarding is off. It brings a whole network up and down, so it
 * runs only when asked: {@code -Dsfsbroker.multiHost=true}. Its port offset is {@code
 * sfsbroker.multiHost.offset}, by default 60 above {@code SFSB_PORT_OFFSET}.
 */
@EnabledIfSystemProperty(named = "sfsbroker.multiHost", matches = "true")
class MultiHostNetworkIT {

  private static final Path SCRIPT = Path.of("..", "sfsbroker").toAbsolutePath().normalize();
  private static final Path RUNTIME =
      Path.of("target", "multi-host-it").toAbsolutePath().normalize();
  private static final String CUT_HOST = "tenants";

  private static String offset;
  private static JsonObject layout;

  @BeforeAll
  static void bringUp() throws IOException {
    String env = System.getenv().getOrDefault("SFSB_PORT_OFFSET", "0");
    offset =
        System.getProperty(
            "sfsbroker.multiHost.offset", String.valueOf(Integer.parseInt(env) + 60));
    if (Files.exists(RUNTIME)) {
      sfsbroker("network", "down", "--purge");
    }
    Instant start = Instant.now();
    sfsbroker("network", "up", "--docker", "--routed");
    System.out.printf(
        "[multi-host] network up --docker --routed took %.1f s (offset %s)%n",
        seconds(start), offset);
    layout =
        JsonParser.parseString(Files.readString(RUNTIME.resolve("docker").resolve("routed.json")))
            .getAsJsonObject();
  }

  @AfterAll
  static void tearDown() {
    sfsbroker("network", "down", "--purge");
    assertThat(RUNTIME).doesNotExist();
  }

  @Test
  void routedHosts_formOneRaftCluster_commitAcrossHosts_andCatchUpAfterACutOff() {
    assertNoTwoHostsShareANetwork();
    assertThat(TestNetwork.objects(status().getAsJsonArray("orderers")))
        .as("one Raft leader among the five orderers on five hosts")
        .filteredOn(o -> o.get("raftLeader").getAsBoolean())
        .hasSize(1);

    NetworkProfile profile = NetworkProfile.load(RUNTIME.resolve("network.json"));
    try (GatewayConnection broker =
            GatewayConnection.asUser(profile.org("broker"), Deadlines.DEFAULT);
        GatewayConnection tenants =
            GatewayConnection.asUser(profile.org(CUT_HOST), Deadlines.DEFAULT)) {
      ChaincodeClient writer =
          new ChaincodeClient(broker.network(profile.channel()), profile.chaincode());
      ChaincodeClient reader =
          new ChaincodeClient(tenants.network(profile.channel()), profile.chaincode());

      String before = "multi-host-before-" + System.nanoTime();
      Committed first = writer.submit(TransactionName.PROBE_RECORD, before, "before");
      awaitHeight(reader, first.blockNumber() + 1, Duration.ofSeconds(30));
      assertThat(reader.evaluate(TransactionName.PROBE_READ, before)).isEqualTo("before");
      awaitEveryOrdererAt(first.blockNumber() + 1);

      Instant cut = Instant.now();
      cut(CUT_HOST);
      String during = "multi-host-during-" + System.nanoTime();
      Committed second = submitUntilCommitted(writer, during, "during", Duration.ofSeconds(150));
      System.out.printf(
          "[multi-host] the first commit after %s was cut off took %.1f s%n",
          CUT_HOST, seconds(cut));
      sleep(Duration.ofSeconds(5));
      assertThat(reader.blockHeight())
          .as("the cut-off host must get no block: its only way out is the router")
          .isLessThanOrEqualTo(second.blockNumber());

      Instant rejoin = Instant.now();
      rejoin(CUT_HOST);
      awaitHeight(reader, second.blockNumber() + 1, Duration.ofSeconds(120));
      System.out.printf(
          "[multi-host] %s caught up %.1f s after it was attached again%n",
          CUT_HOST, seconds(rejoin));
      assertThat(reader.evaluate(TransactionName.PROBE_READ, during)).isEqualTo("during");

      String after = "multi-host-after-" + System.nanoTime();
      // Its connections to the other hosts died silently while it was cut off; until they are
      // redialled an endorsement it asks for may run into the deadline.
      Instant afterRejoin = Instant.now();
      Committed third = submitUntilCommitted(reader, after, "after", Duration.ofSeconds(150));
      System.out.printf(
          "[multi-host] the first commit through %s after it was attached again took %.1f s%n",
          CUT_HOST, seconds(afterRejoin));
      awaitHeight(writer, third.blockNumber() + 1, Duration.ofSeconds(30));
      assertThat(writer.evaluate(TransactionName.PROBE_READ, after)).isEqualTo("after");

      // The Raft leader's host cut off: the four orderers on the four other hosts elect a new
      // leader and order on; the old leader catches up once it is attached again.
      String leader = leader(null);
      Instant leaderCut = Instant.now();
      cut(leader);
      String withoutLeader = "multi-host-without-leader-" + System.nanoTime();
      Committed fourth =
          submitUntilCommitted(writer, withoutLeader, "without-leader", Duration.ofSeconds(150));
      System.out.printf(
          "[multi-host] the first commit after the Raft leader %s was cut off took %.1f s%n",
          leader, seconds(leaderCut));
      assertThat(leader(leader)).as("a new leader on another host").isNotEqualTo(leader);
      rejoin(leader);
      awaitEveryOrdererAt(fourth.blockNumber() + 1);
    }
  }

  @Test
  void bundles_holdOnlyTheirOwnOrgsPrivateKeys_andNameTheOtherHosts() throws IOException {
    Path crypto = RUNTIME.resolve("crypto");
    Map<String, Path> orgDirs = new TreeMap<>();
    orgDirs.put("orderers", crypto.resolve("ordererOrganizations"));
    for (String org : List.of("broker", "providers", "tenants")) {
      orgDirs.put(org, crypto.resolve("peerOrganizations").resolve(org + ".sfsbroker.test"));
    }
    Map<String, Set<String>> keysOf = new TreeMap<>();
    for (Map.Entry<String, Path> org : orgDirs.entrySet()) {
      keysOf.put(org.getKey(), privateKeys(org.getValue()));
      assertThat(keysOf.get(org.getKey())).as(org.getKey()).isNotEmpty();
    }
    for (String org : orgDirs.keySet()) {
      Path out = RUNTIME.resolve("bundles").resolve(org);
      sfsbroker(
          "network", "bundle", org, "--out", out.toString(), "--address", "orderer1=192.0.2.1");
      Set<String> inBundle = privateKeys(out);
      assertThat(inBundle).as(org + "'s bundle holds its own keys").isNotEmpty();
      assertThat(keysOf.get(org))
          .as(org + "'s bundle holds only its own keys")
          .containsAll(inBundle);
      assertThat(Files.readString(out.resolve("README.md"))).contains("No other org's private key");
      String compose = Files.readString(out.resolve("compose.yaml"));
      String env = Files.readString(out.resolve(".env"));
      if (org.equals("orderers")) {
        assertThat(compose).contains("peer0.tenants.sfsbroker.test:${SFSB_ADDR_TENANTS");
        assertThat(env).doesNotContain("SFSB_ADDR_ORDERER1");
      } else {
        assertThat(compose).contains("orderer1.orderers.sfsbroker.test:${SFSB_ADDR_ORDERER1");
        assertThat(env).contains("SFSB_ADDR_ORDERER1=192.0.2.1");
        assertBundleProfileReadsTheLedger(org, out);
      }
    }
  }

  /**
   * The bundle's network.json, its paths made absolute (they are relative to the bundle), lets the
   * org's client user read the running network: the client material in the bundle is whole.
   */
  private static void assertBundleProfileReadsTheLedger(final String org, final Path bundle)
      throws IOException {
    JsonObject root =
        JsonParser.parseString(Files.readString(bundle.resolve("network.json"))).getAsJsonObject();
    JsonObject entry =
        root.getAsJsonObject("paths").getAsJsonArray("orgs").get(0).getAsJsonObject();
    assertThat(root.getAsJsonObject("paths").getAsJsonArray("orgs")).hasSize(1);
    for (String field : List.of("tlsCaFile", "adminMspDir", "userMspDir")) {
      entry.addProperty(field, bundle.resolve(entry.get(field).getAsString()).toString());
    }
    Path absolute = bundle.resolve("network-absolute.json");
    Files.writeString(absolute, root.toString());
    NetworkProfile profile = NetworkProfile.load(absolute);
    try (GatewayConnection connection =
        GatewayConnection.asUser(profile.org(org), Deadlines.DEFAULT)) {
      ChaincodeClient client =
          new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
      assertThat(client.blockHeight()).as(org + " reads the ledger with its bundle").isPositive();
    }
  }

  private static Set<String> privateKeys(final Path dir) throws IOException {
    Set<String> keys = new HashSet<>();
    try (var files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".tar.gz") || name.endsWith(".b64") || name.endsWith(".block")) {
          continue;
        }
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (text.contains("PRIVATE KEY")) {
          keys.add(text.strip());
        }
      }
    }
    return keys;
  }

  /** Every orderer and peer is on its own host's network, which no node of another host joins. */
  private static void assertNoTwoHostsShareANetwork() {
    Map<String, String> hostOfNetwork = new TreeMap<>();
    int hosts = 0;
    for (JsonObject host : TestNetwork.objects(layout.getAsJsonArray("hosts"))) {
      hosts++;
      for (JsonObject node : TestNetwork.objects(host.getAsJsonArray("nodes"))) {
        String container = node.get("container").getAsString();
        Set<String> networks =
            new HashSet<>(
                List.of(
                    docker(
                            "container",
                            "inspect",
                            "--format",
                            "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}",
                            container)
                        .trim()
                        .split(" ")));
        assertThat(networks).as(container).contains(host.get("network").getAsString());
        for (String network : networks) {
          String previous = hostOfNetwork.putIfAbsent(network, host.get("name").getAsString());
          assertThat(previous == null || previous.equals(host.get("name").getAsString()))
              .as(network + " joins " + previous + " and " + host.get("name"))
              .isTrue();
        }
      }
    }
    assertThat(hosts).isEqualTo(8);
  }

  private static void cut(final String hostName) {
    docker(
        "network",
        "disconnect",
        "-f",
        host(hostName).get("network").getAsString(),
        layout.get("router").getAsString());
  }

  private static void rejoin(final String hostName) {
    docker(
        "network",
        "connect",
        "--ip",
        host(hostName).get("router").getAsString(),
        host(hostName).get("network").getAsString(),
        layout.get("router").getAsString());
  }

  /** The orderer that leads the Raft cluster, other than {@code not} (waits up to 60 s). */
  private static String leader(final String not) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      for (JsonObject orderer : TestNetwork.objects(status().getAsJsonArray("orderers"))) {
        String name = orderer.get("name").getAsString();
        if (orderer.get("raftLeader").getAsBoolean() && !name.equals(not)) {
          return name;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no Raft leader other than " + not + " within 60 s");
      }
      sleep(Duration.ofSeconds(1));
    }
  }

  /**
   * Submits until a submit commits: a host that is cut off drops packets without an answer, so
   * until gossip declares its peer dead the Gateway may still ask it to endorse, and that
   * endorsement runs into the deadline. An attempt that fails at endorsement wrote nothing.
   */
  private static Committed submitUntilCommitted(
      final ChaincodeClient client, final String key, final String value, final Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try {
        return client.submit(TransactionName.PROBE_RECORD, key, value);
      } catch (LedgerException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
        System.out.printf("[multi-host] submit failed, retrying: %s%n", e.getMessage());
      }
    }
  }

  private static void awaitEveryOrdererAt(final long height) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    List<JsonObject> orderers = TestNetwork.objects(status().getAsJsonArray("orderers"));
    while (Instant.now().isBefore(deadline)
        && !orderers.stream().allMatch(o -> heightOf(o) >= height)) {
      sleep(Duration.ofSeconds(1));
      orderers = TestNetwork.objects(status().getAsJsonArray("orderers"));
    }
    assertThat(orderers).hasSize(5).allMatch(o -> heightOf(o) >= height, "at height " + height);
  }

  private static long heightOf(final JsonObject orderer) {
    return orderer.has("height") && !orderer.get("height").isJsonNull()
        ? orderer.get("height").getAsLong()
        : -1;
  }

  private static void awaitHeight(
      final ChaincodeClient client, final long height, final Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (client.blockHeight() < height && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofMillis(250));
    }
    assertThat(client.blockHeight()).isGreaterThanOrEqualTo(height);
  }

  private static JsonObject host(final String name) {
    return TestNetwork.objects(layout.getAsJsonArray("hosts")).stream()
        .filter(h -> h.get("name").getAsString().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static JsonObject status() {
    return JsonParser.parseString(sfsbroker("network", "status", "--json")).getAsJsonObject();
  }

  private static double seconds(final Instant since) {
    return Duration.between(since, Instant.now()).toMillis() / 1000.0;
  }

  private static String docker(final String... args) {
    List<String> command = new ArrayList<>(List.of("docker", "-H", dockerHost()));
    command.addAll(List.of(args));
    return run(command, Map.of());
  }

  private static String dockerHost() {
    return System.getProperty("sfsbroker.docker", "unix:///var/run/docker.sock");
  }

  /** Runs {@code ./sfsbroker args…} in this test's runtime and offset; fails on a non-zero exit. */
  private static String sfsbroker(final String... args) {
    List<String> command = new ArrayList<>();
    command.add(SCRIPT.toString());
    command.addAll(List.of(args));
    return run(command, Map.of("SFSB_RUNTIME", RUNTIME.toString(), "SFSB_PORT_OFFSET", offset));
  }

  private static String run(final List<String> command, final Map<String, String> env) {
    try {
      Path log = Files.createTempFile("sfsb-multi-host-it", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(SCRIPT.getParent().toFile())
              .redirectError(log.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 15 minutes");
      }
      String err = Files.readString(log);
      Files.delete(log);
      if (process.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command) + " failed (" + process.exitValue() + "): " + out + err);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
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
