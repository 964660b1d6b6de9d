package io.sfsbroker.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.sfsbroker.fog.FogConfig;
import io.sfsbroker.fog.FogNodeAgent;
import io.sfsbroker.fog.SliceReport;
import io.sfsbroker.gateway.bridge.Bridge;
import io.sfsbroker.gateway.bridge.BridgeConfig;
import io.sfsbroker.gateway.bridge.TestBroker;
import io.sfsbroker.gateway.bridge.TestDevice;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.request.RequestedCategory;
import io.sfsbroker.protocol.request.SliceRequestBody;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.rp.RpAgent;
import io.sfsbroker.rp.RpConfig;
import io.sfsbroker.rp.SliceContainers;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole stack for the end-to-end tests: the running Fabric network and Mosquitto ({@link
 * TestBroker}), a bridge in-process, RP and fog-node agents in-process with their own certificates
 * and configuration files, and the Docker engine named by {@code -Dsfsbroker.docker} to inspect the
 * slices' containers. {@link #close} closes the agents and the bridge, drops their persistent MQTT
 * sessions and removes every container of its RPs.
 */
final class SystemStack implements AutoCloseable {

  /**
   * Ports the RP agents of these tests publish slices on (the demo's start at 20000 + the port
   * offset).
   */
  static final int FIRST_PORT = 21_000;

  static final int LAST_PORT = 21_999;

  /** What the RP agents' configuration files set, checked against {@code docker inspect}. */
  static final long PIDS_LIMIT = 64;

  static final long MIN_CPU_MILLICORES = 100;
  static final long MIN_MEMORY_MIB = 32;
  static final long MIB = 1L << 20;

  static final String CPU = "cpu-millicores";
  static final String MEMORY = "memory-mib";

  private static final System.Logger LOG = System.getLogger(SystemStack.class.getName());
  private static final String DOCKER_PROPERTY = "sfsbroker.docker";
  private static final Pattern REQUESTED = Pattern.compile("requested .*: slice (s-[0-9a-f]{24})");

  /** An RP agent and its device. */
  record Rp(String id, TestDevice device, RpAgent agent) {}

  /** A fog-node agent and its device. */
  record Fog(String id, TestDevice device, FogNodeAgent agent) {}

  final TestBroker broker;
  final DockerClient docker;
  private final String name;
  private final String dockerHost;
  private final Path dir;
  private final List<Rp> rps = Collections.synchronizedList(new ArrayList<>());
  private final List<Fog> fogs = Collections.synchronizedList(new ArrayList<>());
  private final List<WireTap> taps = Collections.synchronizedList(new ArrayList<>());
  private BridgeConfig bridgeConfig;
  private Bridge bridge;

  /**
   * Connects to the network, Mosquitto and Docker; fails (does not skip) when one of them is not
   * named or does not answer.
   */
  SystemStack(final String name) throws IOException {
    this.name = name;
    String host = System.getProperty(DOCKER_PROPERTY);
    if (host == null || host.isBlank()) {
      throw new IllegalStateException(
          "the end-to-end tests run slices on a real Docker engine: set -D"
              + DOCKER_PROPERTY
              + "=unix:///var/run/docker.sock (./sfsbroker docker up starts one)");
    }
    this.dockerHost = host;
    this.broker = new TestBroker();
    this.dir = Files.createTempDirectory("sfsb-" + name);
    this.docker = SliceContainers.dockerClient(host, Duration.ofSeconds(60));
    try {
      docker.pingCmd().exec();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the Docker engine at " + host + " does not answer; start it with ./sfsbroker docker up",
          e);
    }
    try {
      docker.inspectImageCmd(RpConfig.DEFAULT_IMAGE).exec();
    } catch (NotFoundException e) {
      throw new IllegalStateException(
          "the slice image " + RpConfig.DEFAULT_IMAGE + " is missing: ./sfsbroker docker image", e);
    }
  }

  /** Starts this stack's bridge (its own client id and state folder). */
  Bridge startBridge() {
    bridgeConfig =
        broker.bridgeConfig("it-" + name + "-" + System.nanoTime(), dir.resolve("bridge"));
    bridge = Bridge.start(bridgeConfig);
    return bridge;
  }

  /** An observer of every downlink and broadcast, with the bridge's certificate. */
  WireTap tap() throws Exception {
    WireTap tap = WireTap.open(broker);
    taps.add(tap);
    return tap;
  }

  /**
   * A registered RP running its agent, which has compared its containers with the ledger.
   *
   * @param categories per category {@code {capacity, cost, price}}
   */
  Rp rp(final String prefix, final Map<String, long[]> categories) throws Exception {
    return rp(prefix, categories, null);
  }

  /**
   * A registered RP running its agent that also bids for multi-flow applications.
   *
   * @param flows its {@code flows} terms ({@code throughputKbps}, {@code latencyMicros}, {@code
   *     lossPpm}, {@code price}); {@code null} for none
   */
  Rp rp(final String prefix, final Map<String, long[]> categories, final Map<String, Long> flows)
      throws Exception {
    TestDevice device = broker.device(prefix, "rp", true);
    Map<String, Object> terms = new LinkedHashMap<>();
    categories.forEach(
        (category, t) ->
            terms.put(category, Map.of("capacity", t[0], "cost", t[1], "price", t[2])));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("device", deviceJson(device));
    config.put("categories", terms);
    config.put("dockerHost", dockerHost);
    config.put("portRange", Map.of("first", FIRST_PORT, "last", LAST_PORT));
    config.put("pidsLimit", PIDS_LIMIT);
    config.put("minCpuMillicores", MIN_CPU_MILLICORES);
    config.put("minMemoryMib", MIN_MEMORY_MIB);
    config.put("stopTimeoutSeconds", 2);
    config.put("readyTimeoutSeconds", 30);
    config.put("receiptTimeoutSeconds", 60);
    if (flows != null) {
      config.put("flows", flows);
    }
    Path file = write(device.id, config);
    RpAgent agent = new RpAgent(RpConfig.load(file), Clock.systemUTC());
    Rp rp = new Rp(device.id, device, agent);
    rps.add(rp);
    agent.start();
    agent.firstReconciliation().get(90, TimeUnit.SECONDS);
    return rp;
  }

  /** A registered, funded fog node running its agent. */
  Fog fog(final String prefix) throws IOException {
    TestDevice device = broker.device(prefix, "fog-node", true);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("device", deviceJson(device));
    config.put("requestTimeoutSeconds", 180);
    config.put("portCheckTimeoutMillis", 2000);
    config.put("portWaitSeconds", 20);
    config.put("httpCheck", true);
    Path file = write(device.id, config);
    FogNodeAgent agent = new FogNodeAgent(FogConfig.load(file), Clock.systemUTC());
    Fog fog = new Fog(device.id, device, agent);
    fogs.add(fog);
    return fog;
  }

  private Map<String, Object> deviceJson(final TestDevice device) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", device.id);
    json.put("role", device.role);
    json.put("brokerUrl", broker.url());
    json.put("caFile", broker.caFile().toString());
    json.put("certFile", device.certFile.toString());
    json.put("keyFile", device.keyFile.toString());
    json.put("stateDir", dir.resolve(device.id).toString());
    return json;
  }

  private Path write(final String deviceId, final Map<String, Object> config) throws IOException {
    Path file = dir.resolve(deviceId + ".json");
    Files.writeString(file, Json.toJson(config));
    return file;
  }

  /**
   * What the tests ask for: 500 millicores at most 5 per unit and 256 MiB at most 3 per unit,
   * offers for {@code windowSeconds}.
   */
  static SliceRequestBody request(final long windowSeconds) {
    return SliceRequestBody.ofCategories(
            List.of(
                new RequestedCategory(CPU, 500L, 5L, null),
                new RequestedCategory(MEMORY, 256L, 3L, null)),
            null)
        .withOfferWindow(windowSeconds);
  }

  /** An RP's terms: CPU at cost 1, price 3; memory at cost 1, price 2; the given capacities. */
  static Map<String, long[]> terms(final long cpuCapacity, final long memoryCapacity) {
    Map<String, long[]> terms = new LinkedHashMap<>();
    terms.put(CPU, new long[] {cpuCapacity, 1, 3});
    terms.put(MEMORY, new long[] {memoryCapacity, 1, 2});
    return terms;
  }

  /**
   * A request the fog node is following (on another thread) to its handover.
   *
   * @param sliceId the slice id the agent derived when it signed the request
   * @param progress the agent's progress lines
   * @param report completes with the agent's report, or its error
   */
  record Pending(
      String sliceId, BlockingQueue<String> progress, CompletableFuture<SliceReport> report) {}

  /**
   * Makes the fog node ask for {@code spec} on another thread ({@link FogNodeAgent#requestSlice})
   * and returns once it has signed the request (the slice id is known then).
   */
  static Pending request(final Fog fog, final SliceRequestBody spec, final boolean confirmService)
      throws InterruptedException {
    BlockingQueue<String> progress = new LinkedBlockingQueue<>();
    fog.agent().onProgress(progress::add);
    CompletableFuture<SliceReport> report =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return fog.agent().requestSlice(spec, confirmService);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
              }
            });
    String first = progress.poll(30, TimeUnit.SECONDS);
    assertThat(first).as("the agent's first progress line").isNotNull();
    Matcher requested = REQUESTED.matcher(first);
    assertThat(requested.find()).as(first).isTrue();
    return new Pending(requested.group(1), progress, report);
  }

  // ---- the ledger ----------------------------------------------------------------------------

  /** What an evaluate-only transaction returns, as JSON. */
  JsonObject read(final TransactionName transaction, final String... args) {
    return broker.testbed.reader().read(transaction, args);
  }

  /** What an evaluate-only transaction returns, or empty when it answers {@code NOT_FOUND}. */
  Optional<JsonObject> find(final TransactionName transaction, final String... args) {
    return broker.testbed.reader().find(transaction, args);
  }

  /** The credit balance of a device's account. */
  long balance(final String deviceId) {
    return broker.testbed.reader().balance(deviceId);
  }

  /** The slice's ledger state. */
  String sliceState(final String sliceId) {
    return broker.testbed.reader().sliceState(sliceId);
  }

  /** The states the slice went through, from its history: each change of state once. */
  List<String> transitions(final String sliceId) {
    return broker.testbed.reader().transitions(sliceId);
  }

  /** What an evaluate-only transaction that returns a list returns. */
  JsonArray readList(final TransactionName transaction, final String... args) {
    return broker.testbed.reader().readList(transaction, args);
  }

  /** Polls {@code probe} every 250 ms until it gives a value; fails after {@code timeout}. */
  static <T> T await(final String what, final Duration timeout, final Supplier<Optional<T>> probe)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      Thread.sleep(250);
    }
  }

  // ---- Docker ----------------------------------------------------------------------------------

  /** The containers (running or not) of a slice, on any RP. */
  List<Container> containersOf(final String sliceId) {
    return SliceContainers.containersOf(docker, sliceId);
  }

  /** {@code docker inspect} of the container of {@code rpId}'s part of a slice. */
  InspectContainerResponse inspect(final String rpId, final String sliceId) {
    return docker.inspectContainerCmd(SliceContainers.containerName(rpId, sliceId)).exec();
  }

  /**
   * Checks a slice's container: running, limited to exactly the awarded amounts (or the agents'
   * minimum when the RP won none of that category), locked down, its ports published on the
   * loopback only within the tests' range.
   *
   * @return the published host ports, sorted
   */
  static List<Integer> assertRunsLockedDown(
      final InspectContainerResponse container, final long cpuMillicores, final long memoryMib) {
    HostConfig host = container.getHostConfig();
    assertThat(container.getState().getRunning()).as("running").isTrue();
    assertThat(host.getNanoCPUs())
        .as("NanoCpus")
        .isEqualTo(Math.max(cpuMillicores, MIN_CPU_MILLICORES) * 1_000_000L);
    assertThat(host.getMemory()).as("Memory").isEqualTo(Math.max(memoryMib, MIN_MEMORY_MIB) * MIB);
    assertThat(host.getMemorySwap()).as("MemorySwap = Memory: no swap").isEqualTo(host.getMemory());
    assertThat(host.getPidsLimit()).as("PidsLimit").isEqualTo(PIDS_LIMIT);
    assertThat(host.getReadonlyRootfs()).as("ReadonlyRootfs").isTrue();
    assertThat(host.getSecurityOpts()).as("SecurityOpt").contains("no-new-privileges");
    assertThat(host.getCapDrop()).as("CapDrop").containsExactly(Capability.ALL);
    assertThat(host.getCapAdd()).as("CapAdd").isNullOrEmpty();
    assertThat(host.getPrivileged()).as("Privileged").isFalse();
    TreeSet<Integer> ports = new TreeSet<>();
    Map<ExposedPort, Ports.Binding[]> bindings =
        container.getNetworkSettings().getPorts().getBindings();
    assertThat(bindings).as("published ports").isNotEmpty();
    for (Ports.Binding[] published : bindings.values()) {
      assertThat(published).isNotEmpty();
      for (Ports.Binding binding : published) {
        assertThat(binding.getHostIp()).as("bound to the loopback only").isEqualTo("127.0.0.1");
        ports.add(Integer.parseInt(binding.getHostPortSpec()));
      }
    }
    assertThat(ports).allMatch(p -> p >= FIRST_PORT && p <= LAST_PORT);
    return List.copyOf(ports);
  }

  // ---- clean-up --------------------------------------------------------------------------------

  /**
   * Closes the agents, observers and the bridge, drops their persistent sessions and removes every
   * container of this stack's RPs. Every step runs whatever the others did.
   */
  @Override
  public void close() {
    closeAgents();
    for (WireTap tap : List.copyOf(taps)) {
      quietly("close a wire tap", tap::close);
    }
    if (bridge != null) {
      quietly("close the bridge", bridge::close);
      quietly("drop the bridge's session", () -> broker.dropSession(bridgeConfig));
    }
    quietly("close the gateway connections", broker::close);
    quietly("close the Docker client", docker::close);
  }

  /**
   * Closes the agents started so far, drops their persistent sessions and removes every container
   * of their RPs (so that a later test's blueprints meet only its own RPs).
   */
  void closeAgents() {
    for (Fog fog : List.copyOf(fogs)) {
      quietly("close " + fog.id(), fog.agent()::close);
      quietly(
          "drop the session of " + fog.id(),
          () -> broker.dropSession(fog.id(), fog.device().certFile, fog.device().keyFile));
    }
    for (Rp rp : List.copyOf(rps)) {
      quietly("close " + rp.id(), rp.agent()::close);
      quietly(
          "drop the session of " + rp.id(),
          () -> broker.dropSession(rp.id(), rp.device().certFile, rp.device().keyFile));
      quietly("remove the containers of " + rp.id(), () -> removeContainers(rp.id()));
    }
    fogs.clear();
    rps.clear();
  }

  private void removeContainers(final String rpId) {
    for (Container container :
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(SliceContainers.LABEL_RP, rpId))
            .exec()) {
      docker.removeContainerCmd(container.getId()).withForce(true).exec();
    }
  }

  /** A clean-up step. */
  private interface Step {
    void run() throws Exception;
  }

  private static void quietly(final String what, final Step step) {
    try {
      step.run();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "clean-up: cannot " + what, e);
    }
  }
}
