package io.sfsbroker.testsupport;

import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.testbed.Testbed;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.testsupport.NodeSpecs.NetworkSpec;
import io.sfsbroker.testsupport.NodeSpecs.NodeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.testcontainers.containers.Network;

/**
 * The SFSBroker network, one container per node, started through Testcontainers in a runtime of its
 * own at a port offset of its own (so it never meets a native network, or another test's).
 *
 * <p>{@code ./sfsbroker network prepare} does the crypto and writes the node specs; this class
 * creates the Docker networks and the containers from them, starts them all and waits until each is
 * healthy; {@code ./sfsbroker network up} (which finds every node running and leaves it be) creates
 * the channel, joins the peers and deploys the chaincode; a probe transaction committed through the
 * Gateway proves the network ready. {@link #close} closes the connections handed out, removes the
 * containers and networks through Testcontainers and deletes the runtime folder.
 */
public final class DockerizedNetwork implements AutoCloseable {

  private static final Duration PROBE_WITHIN = Duration.ofMinutes(2);

  private final Settings settings;
  private final SfsbrokerScript script;
  private final Map<String, Network> networks = new LinkedHashMap<>();
  private final Map<String, NodeContainer> containers = new LinkedHashMap<>();
  private final Map<String, GatewayConnection> connections = new LinkedHashMap<>();
  private final Thread shutdownHook;
  private NodeSpecs specs;
  private NetworkProfile profile;
  private Testbed testbed;
  private Duration startTime = Duration.ZERO;
  private boolean closed;

  private DockerizedNetwork(final Settings settings) {
    this.settings = settings;
    this.script =
        new SfsbrokerScript(
            settings.script(),
            settings.runtime(),
            settings.portOffset(),
            settings.logs().resolve("sfsbroker.log"));
    // Ryuk is off (it would be pulled), so a JVM that ends without the extension's clean-up
    // (Ctrl-C) still removes what it started.
    this.shutdownHook = new Thread(this::close, "sfsbroker-network-cleanup");
  }

  /**
   * Starts a network as {@code settings} say and returns it once a transaction commits; whatever
   * was started is removed again when a step fails.
   */
  public static DockerizedNetwork start(final Settings settings) {
    Objects.requireNonNull(settings, "settings");
    DockerizedNetwork network = new DockerizedNetwork(settings);
    Runtime.getRuntime().addShutdownHook(network.shutdownHook);
    try {
      network.bringUp();
      return network;
    } catch (RuntimeException | Error e) {
      try {
        network.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void bringUp() {
    Instant begin = Instant.now();
    script.run("network", "prepare");
    Instant prepared = Instant.now();
    specs = NodeSpecs.load(settings.runtime().resolve("docker").resolve("nodes.json"));
    for (NetworkSpec spec : specs.networks()) {
      String label = specs.networkLabel();
      Network network =
          Network.builder()
              .createNetworkCmdModifier(
                  cmd ->
                      cmd.withName(spec.name())
                          .withInternal(spec.internal())
                          .withLabels(
                              Map.of(
                                  label.substring(0, label.indexOf('=')),
                                  label.substring(label.indexOf('=') + 1))))
              .build();
      networks.put(spec.name(), network);
      network.getId(); // created now, so that the containers can join it
    }
    for (NodeSpec spec : specs.nodes()) {
      containers.put(spec.name(), NodeContainer.of(spec, networks));
    }
    startAll(new ArrayList<>(containers.values()));
    Instant healthy = Instant.now();
    script.run("network", "up");
    Instant up = Instant.now();
    profile = NetworkProfile.load(settings.runtime().resolve("network.json"));
    awaitProbeCommit();
    startTime = Duration.between(begin, Instant.now());
    System.out.printf(
        "[sfsbroker-network] %d containers up and a probe committed in %.1f s (prepare %.1f s,"
            + " containers healthy %.1f s, channel and chaincode %.1f s, probe %.1f s; offset %d,"
            + " runtime %s)%n",
        containers.size(),
        seconds(begin, Instant.now()),
        seconds(begin, prepared),
        seconds(prepared, healthy),
        seconds(healthy, up),
        seconds(up, Instant.now()),
        settings.portOffset(),
        settings.runtime());
  }

  private void startAll(final List<NodeContainer> nodes) {
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (NodeContainer node : nodes) {
      starts.add(CompletableFuture.runAsync(() -> node.start(networks)));
    }
    try {
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void awaitProbeCommit() {
    ChaincodeClient writer = chaincode("broker", false);
    ChaincodeClient reader = chaincode("tenants", false);
    String key = "test-support-" + System.nanoTime();
    Instant deadline = Instant.now().plus(PROBE_WITHIN);
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        writer.submit(TransactionName.PROBE_RECORD, key, "ready");
        if ("ready".equals(reader.evaluate(TransactionName.PROBE_READ, key))) {
          return;
        }
      } catch (LedgerException e) {
        last = e;
      }
      sleep(Duration.ofSeconds(1));
    }
    throw new IllegalStateException(
        "no probe transaction committed within " + PROBE_WITHIN + " on " + settings.runtime(),
        last);
  }

  /** Where this network's {@code SFSB_RUNTIME} is (deleted on {@link #close}). */
  public Path runtime() {
    return settings.runtime();
  }

  /** The port offset every port of this network is shifted by. */
  public int portOffset() {
    return settings.portOffset();
  }

  /** {@code $SFSB_RUNTIME/network.json}, for clients that load a profile themselves. */
  public Path networkJson() {
    return settings.runtime().resolve("network.json");
  }

  /** The network's profile: channel, chaincode, each org's peer, identities and TLS roots. */
  public NetworkProfile profile() {
    return profile;
  }

  /** How long the start took, from {@code network prepare} to the probe's commit. */
  public Duration startTime() {
    return startTime;
  }

  /** The names of the nodes: orderers, peers, chaincode servers. */
  public List<String> nodeNames() {
    return List.copyOf(containers.keySet());
  }

  /** The Docker container name of {@code node}. */
  public String containerName(final String node) {
    return specs.node(node).container();
  }

  /**
   * A Gateway connection into {@code org}'s peer as its user (or admin), opened once and closed
   * with the network.
   */
  public synchronized GatewayConnection connection(final String org, final boolean admin) {
    Objects.requireNonNull(org, "org");
    return connections.computeIfAbsent(
        org + (admin ? "#admin" : "#user"),
        k ->
            admin
                ? GatewayConnection.asAdmin(profile.org(org), Deadlines.DEFAULT)
                : GatewayConnection.asUser(profile.org(org), Deadlines.DEFAULT));
  }

  /** The broker chaincode through {@link #connection(String, boolean)}. */
  public ChaincodeClient chaincode(final String org, final boolean admin) {
    return new ChaincodeClient(
        connection(org, admin).network(profile.channel()), profile.chaincode());
  }

  /**
   * The peer orgs' admins (register devices, mint credits) and a reader, closed with the network.
   */
  public synchronized Testbed testbed() {
    if (testbed == null) {
      testbed = Testbed.connect(profile);
    }
    return testbed;
  }

  /**
   * Stops and removes {@code node}'s container (through Testcontainers); its ledger stays. Its
   * output goes to the logs folder.
   */
  public synchronized void stopNode(final String node) {
    NodeContainer container = container(node);
    saveLogs(container);
    container.stop();
  }

  /**
   * Starts {@code node} again in a new container from the same spec, and waits until it is healthy.
   */
  public synchronized void startNode(final String node) {
    NodeContainer old = container(node);
    if (old.running()) {
      return;
    }
    NodeContainer fresh = NodeContainer.of(old.spec(), networks);
    containers.put(node, fresh);
    fresh.start(networks);
  }

  /**
   * Runs {@code ./sfsbroker args…} against this network (its runtime and offset), for what the
   * script reports: {@code network status --json}, say.
   */
  public String sfsbroker(final String... args) {
    return script.run(args);
  }

  private NodeContainer container(final String node) {
    specs.node(node);
    return containers.get(node);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook itself
    }
    List<RuntimeException> failures = new ArrayList<>();
    if (testbed != null) {
      attempt(failures, testbed::close);
    }
    for (GatewayConnection connection : connections.values()) {
      attempt(failures, connection::close);
    }
    for (NodeContainer container : containers.values()) {
      saveLogs(container);
      attempt(failures, container::remove);
    }
    for (Network network : networks.values()) {
      attempt(failures, network::close);
    }
    if (Files.exists(settings.runtime())) {
      // Removes what Testcontainers did not (nothing, normally), then the runtime folder.
      attempt(failures, () -> script.run("network", "down", "--purge"));
    }
    if (!failures.isEmpty()) {
      IllegalStateException failure =
          new IllegalStateException("cleaning up the network in " + settings.runtime() + " failed");
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }

  private void saveLogs(final NodeContainer container) {
    String logs = container.logs();
    if (logs.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(settings.logs());
      Files.writeString(
          settings.logs().resolve(container.spec().name() + ".log"), logs, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void attempt(final List<RuntimeException> failures, final Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  private static double seconds(final Instant from, final Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static void sleep(final Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Where and how a network starts.
   *
   * @param script the checkout's {@code sfsbroker} script
   * @param runtime a fresh runtime folder for it (its container and network names derive from it)
   * @param portOffset the port offset; must not be one another network on this host uses
   * @param logs where the script's output and each container's output are kept
   */
  public record Settings(Path script, Path runtime, int portOffset, Path logs) {
    public Settings {
      Objects.requireNonNull(script, "script");
      Objects.requireNonNull(runtime, "runtime");
      Objects.requireNonNull(logs, "logs");
      if (!Files.isExecutable(script)) {
        throw new IllegalArgumentException(
            script + " is not the sfsbroker script; set -Dsfsbroker.home to the checkout");
      }
      if (portOffset < 0 || portOffset > 50_000) {
        throw new IllegalArgumentException("port offset " + portOffset + " is out of 0..50000");
      }
    }
  }
}
