package io.sfsbroker.rp;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * An RP's slices as Docker containers, through docker-java (docs/rp-agent.md). One container per
 * slice, named {@code sfsb-<rpId>-<sliceId>}, labelled with the slice, its blueprint and the RP,
 * and locked down: the awarded CPU and memory (no swap), a process limit, a read-only root
 * filesystem with tmpfs only at {@code /tmp} and {@code /data}, {@code no-new-privileges}, every
 * capability dropped, an unprivileged user, no restart policy (the agent decides), and one service
 * per port, each published on {@code bindAddress} (the loopback) only; the awarded {@code
 * bandwidth-mbps} is enforced by traffic control ({@link TrafficShaper}). Each tenant's containers
 * are on that tenant's own network ({@link TenantNetworks}), never on the default bridge; the
 * network goes when its last container does.
 *
 * <p>The labels also carry what the slice was awarded and its services, so that the agent rebuilds
 * its accounting from the engine after a restart. Thread-safe: slices are reserved ({@link
 * #reserve}: host ports, tenant network) one at a time, and their containers then created and
 * started at the same time ({@link #start(Reservation)}); a reserved slice's ports are offered to
 * no other, and its network is not removed as unused before its container is on it.
 */
public final class SliceContainers implements SliceRuntime {

  /** The label with the slice id. */
  public static final String LABEL_SLICE = "io.sfsbroker.slice";

  /** The label with the blueprint id. */
  public static final String LABEL_BLUEPRINT = "io.sfsbroker.blueprint";

  /** The label with the RP's id. */
  public static final String LABEL_RP = "io.sfsbroker.rp";

  /** The label with the awarded amounts: {@code category=amount,…}. */
  public static final String LABEL_AMOUNTS = "io.sfsbroker.amounts";

  /** The label with the services: {@code containerPort:category,…}. */
  public static final String LABEL_SERVICES = "io.sfsbroker.services";

  /** The label with the tenant whose slice it is (also on the tenant's network). */
  public static final String LABEL_TENANT = TenantNetworks.LABEL_TENANT;

  /** Where the slice may write besides {@code /data}: the start script's pages. */
  static final String TMP_MOUNT = "rw,noexec,nosuid,nodev,size=16m,mode=1777";

  private static final System.Logger LOG = System.getLogger(SliceContainers.class.getName());
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern PORT_CLASH =
      Pattern.compile("(?i)address already in use|port is already allocated|bind for");
  private static final int START_ATTEMPTS = 3;

  private final DockerClient client;
  private final String rpId;
  private final String image;
  private final PortRange portRange;
  private final String bindAddress;
  private final String user;
  private final Duration stopTimeout;
  private final TenantNetworks networks;
  private final TrafficShaper shaper = new TrafficShaper();

  /** The slices reserved and not yet started, by slice id; guarded by {@code this}. */
  private final Map<String, Reservation> reserved = new HashMap<>();

  private SliceContainers(final DockerClient client, final RpConfig config) {
    this.client = client;
    this.rpId = config.rpId();
    this.image = config.image();
    this.portRange = config.portRange();
    this.bindAddress = config.bindAddress();
    this.user = config.user();
    this.stopTimeout = config.stopTimeout();
    this.networks = new TenantNetworks(client, rpId, config.networkPool());
  }

  /** Opens a client of the engine at {@code config.dockerHost()}; nothing is contacted yet. */
  public static SliceContainers open(final RpConfig config) {
    Objects.requireNonNull(config, "config");
    return new SliceContainers(
        dockerClient(config.dockerHost(), config.stopTimeout().plusSeconds(60)), config);
  }

  /**
   * A client of the engine at {@code dockerHost} ({@code unix:///…} or {@code tcp://host:port})
   * that waits at most {@code responseTimeout} for an answer; nothing is contacted yet.
   */
  public static DockerClient dockerClient(final String dockerHost, final Duration responseTimeout) {
    Objects.requireNonNull(dockerHost, "dockerHost");
    DockerClientConfig docker =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
    DockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(docker.getDockerHost())
            .sslConfig(docker.getSSLConfig())
            .maxConnections(8)
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(responseTimeout)
            .build();
    return DockerClientImpl.getInstance(docker, http);
  }

  /** The containers (running or not) of a slice on any RP of the engine {@code client} talks to. */
  public static List<Container> containersOf(final DockerClient client, final String sliceId) {
    return client
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(LABEL_SLICE, requireId("sliceId", sliceId)))
        .exec();
  }

  /** The container name of slice {@code sliceId} of RP {@code rpId}. */
  public static String containerName(final String rpId, final String sliceId) {
    return "sfsb-" + requireId("rpId", rpId) + "-" + requireId("sliceId", sliceId);
  }

  @Override
  public EngineInfo engine() {
    try {
      Info info = client.infoCmd().exec();
      return new EngineInfo(
          info.getServerVersion(),
          info.getNCPU() == null ? 0 : info.getNCPU(),
          info.getMemTotal() == null ? 0 : info.getMemTotal(),
          Boolean.TRUE.equals(info.getIPv4Forwarding()));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the Docker engine does not answer ("
              + e.getMessage()
              + "); start it (./sfsbroker docker up) or set dockerHost",
          e);
    }
  }

  @Override
  public synchronized Reservation reserve(final SliceSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Reservation pending = reserved.get(spec.sliceId());
    if (pending != null) {
      return pending;
    }
    if (find(spec.sliceId()).isPresent()) {
      return new Reservation(spec, List.of());
    }
    Reservation reservation = new Reservation(spec, freePorts(spec, Set.of()));
    networks.ensure(spec.tenantId());
    reserved.put(spec.sliceId(), reservation);
    return reservation;
  }

  @Override
  public RunningSlice start(final Reservation reservation) {
    Objects.requireNonNull(reservation, "reservation");
    SliceSpec spec = reservation.spec();
    String name = containerName(rpId, spec.sliceId());
    boolean started = false;
    try {
      Optional<RunningSlice> existing = find(spec.sliceId());
      if (existing.isPresent()) {
        started = true;
        return ensureRunning(existing.get());
      }
      Set<Integer> refused = new HashSet<>();
      List<Integer> hostPorts = reservation.hostPorts();
      RuntimeException last = null;
      for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
        if (attempt > 1) {
          hostPorts = reserveOthers(reservation, refused);
        }
        String id;
        try {
          id = create(spec, name, hostPorts);
        } catch (ConflictException e) {
          // Created meanwhile under the same name: use that one.
          RunningSlice slice =
              ensureRunning(
                  find(spec.sliceId())
                      .orElseThrow(
                          () ->
                              new IllegalStateException(
                                  "container " + name + " is in the way", e)));
          started = true;
          return slice;
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              "cannot create the container of " + spec.sliceId() + ": " + e.getMessage(), e);
        }
        try {
          client.startContainerCmd(id).exec();
          shape(id, spec.amounts());
          RunningSlice slice = inspect(id);
          started = true;
          return slice;
        } catch (RuntimeException e) {
          last = e;
          removeQuietly(id);
          if (!PORT_CLASH.matcher(String.valueOf(e.getMessage())).find()) {
            break;
          }
          refused.addAll(hostPorts);
          LOG.log(Level.INFO, "ports " + hostPorts + " were taken meanwhile; trying others");
        }
      }
      throw new IllegalStateException(
          "cannot start the container of " + spec.sliceId() + ": " + last.getMessage(), last);
    } finally {
      end(reservation, !started);
    }
  }

  @Override
  public void cancel(final Reservation reservation) {
    end(Objects.requireNonNull(reservation, "reservation"), true);
  }

  @Override
  public List<RunningSlice> list() {
    return listBy(Map.of(LABEL_RP, rpId));
  }

  /** The container of {@code sliceId}, if there is one. */
  public Optional<RunningSlice> find(final String sliceId) {
    return listBy(Map.of(LABEL_RP, rpId, LABEL_SLICE, sliceId)).stream().findFirst();
  }

  @Override
  public synchronized boolean remove(final String sliceId) {
    Optional<RunningSlice> slice = find(sliceId);
    if (slice.isEmpty()) {
      return false;
    }
    String id = slice.get().containerId();
    try {
      client.stopContainerCmd(id).withTimeout((int) stopTimeout.toSeconds()).exec();
    } catch (NotModifiedException | NotFoundException e) {
      // already stopped, or gone
    }
    try {
      client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      return false;
    }
    if (!reservedNetworks().contains(slice.get().network())) {
      networks.removeIfUnused(slice.get().network());
    }
    return true;
  }

  @Override
  public synchronized List<String> removeIdleNetworks() {
    return networks.removeUnused(reservedNetworks());
  }

  /** The name of the network of {@code tenantId}'s slices. */
  String networkOf(final String tenantId) {
    return TenantNetworks.name(rpId, tenantId);
  }

  /** This RP's tenant networks, for the integration tests. */
  TenantNetworks networks() {
    return networks;
  }

  @Override
  public boolean hasImage() {
    try {
      client.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** The docker-java client, for the integration tests to inspect what this class made. */
  DockerClient client() {
    return client;
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing the Docker client", e);
    }
  }

  /**
   * Ends {@code reservation}: its ports are free for others (or the container's own now); when
   * {@code failed}, its tenant's network goes too unless something else uses or reserved it.
   */
  private synchronized void end(final Reservation reservation, final boolean failed) {
    String sliceId = reservation.spec().sliceId();
    if (reserved.get(sliceId) == reservation) {
      reserved.remove(sliceId);
    }
    String network = TenantNetworks.name(rpId, reservation.spec().tenantId());
    if (failed && !reservedNetworks().contains(network)) {
      // Nothing of the slice is left behind, nor a network of its own.
      networks.removeIfUnused(network);
    }
  }

  /** Host ports for {@code reservation} in place of {@code refused}, which were taken meanwhile. */
  private synchronized List<Integer> reserveOthers(
      final Reservation reservation, final Set<Integer> refused) {
    Reservation others =
        new Reservation(reservation.spec(), freePorts(reservation.spec(), refused));
    reserved.put(reservation.spec().sliceId(), others);
    return others.hostPorts();
  }

  /**
   * Ports for the services of {@code spec} that no container of this RP has, no reservation holds,
   * nothing on the host listens on, and are not {@code refused}.
   */
  private List<Integer> freePorts(final SliceSpec spec, final Set<Integer> refused) {
    Set<Integer> taken = new HashSet<>(refused);
    taken.addAll(hostPortsOfContainers());
    reserved.values().stream()
        .filter(r -> !r.spec().sliceId().equals(spec.sliceId()))
        .forEach(r -> taken.addAll(r.hostPorts()));
    return pickPorts(portRange, spec.services().size(), taken, this::isFreeOnHost);
  }

  /**
   * The host ports this RP's containers are published on: a running container's from the one
   * listing (no inspection each, which made every reservation slower the more slices ran), any
   * other's from its inspection (a stopped container keeps its bindings for its next start).
   */
  private Set<Integer> hostPortsOfContainers() {
    Set<Integer> ports = new HashSet<>();
    List<Container> containers;
    try {
      containers =
          client
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(Map.of(LABEL_RP, rpId))
              .exec();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot list the containers: " + e.getMessage(), e);
    }
    for (Container container : containers) {
      if ("running".equals(container.getState()) && container.getPorts() != null) {
        for (ContainerPort port : container.getPorts()) {
          if (port.getPublicPort() != null) {
            ports.add(port.getPublicPort());
          }
        }
        continue;
      }
      try {
        ports.addAll(inspect(container.getId()).hostPorts().values());
      } catch (NotFoundException e) {
        // removed meanwhile
      }
    }
    return ports;
  }

  /** The tenant networks of the slices reserved now. */
  private Set<String> reservedNetworks() {
    Set<String> names = new HashSet<>();
    reserved.values().forEach(r -> names.add(TenantNetworks.name(rpId, r.spec().tenantId())));
    return names;
  }

  /**
   * {@code count} ports of {@code range}, lowest first, that are neither {@code taken} nor refused
   * by {@code free}.
   *
   * @throws IllegalStateException when the range has fewer
   */
  static List<Integer> pickPorts(
      final PortRange range, final int count, final Set<Integer> taken, final IntPredicate free) {
    List<Integer> ports = new ArrayList<>();
    for (int port = range.first(); port <= range.last() && ports.size() < count; port++) {
      if (!taken.contains(port) && free.test(port)) {
        ports.add(port);
      }
    }
    if (ports.size() < count) {
      throw new IllegalStateException(
          "only "
              + ports.size()
              + " of the "
              + count
              + " ports needed are free in "
              + range.first()
              + "-"
              + range.last()
              + "; widen portRange");
    }
    return ports;
  }

  /** The value of {@link #LABEL_AMOUNTS}. */
  static String encodeAmounts(final Map<String, Long> amounts) {
    StringBuilder text = new StringBuilder();
    amounts.forEach(
        (category, amount) ->
            text.append(text.isEmpty() ? "" : ",").append(category).append('=').append(amount));
    return text.toString();
  }

  /** The value of {@link #LABEL_SERVICES}, also the {@code SFSB_SERVICES} of the start script. */
  static String encodeServices(final List<Service> services) {
    StringBuilder text = new StringBuilder();
    for (Service service : services) {
      text.append(text.isEmpty() ? "" : ",")
          .append(service.containerPort())
          .append(':')
          .append(service.category());
    }
    return text.toString();
  }

  /** Reads {@link #LABEL_AMOUNTS}; malformed entries are left out. */
  static Map<String, Long> decodeAmounts(final String text) {
    Map<String, Long> amounts = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return amounts;
    }
    for (String entry : text.split(",")) {
      int eq = entry.indexOf('=');
      try {
        amounts.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "ignoring the malformed amount '" + entry + "' in a container label");
      }
    }
    return amounts;
  }

  /** Reads {@link #LABEL_SERVICES}; malformed entries are left out. */
  static List<Service> decodeServices(final String text) {
    List<Service> services = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return services;
    }
    for (String entry : text.split(",")) {
      int colon = entry.indexOf(':');
      try {
        services.add(
            new Service(entry.substring(colon + 1), Integer.parseInt(entry.substring(0, colon))));
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "ignoring the malformed service '" + entry + "' in a container label");
      }
    }
    return services;
  }

  private String create(final SliceSpec spec, final String name, final List<Integer> hostPorts) {
    String network = TenantNetworks.name(rpId, spec.tenantId());
    SliceLimits limits = spec.limits();
    Ports bindings = new Ports();
    List<ExposedPort> exposed = new ArrayList<>();
    for (int i = 0; i < spec.services().size(); i++) {
      ExposedPort port = ExposedPort.tcp(spec.services().get(i).containerPort());
      exposed.add(port);
      bindings.bind(port, Ports.Binding.bindIpAndPort(bindAddress, hostPorts.get(i)));
    }
    Map<String, String> tmpfs = new TreeMap<>();
    tmpfs.put("/tmp", TMP_MOUNT);
    if (limits.storageBytes() > 0) {
      tmpfs.put("/data", "rw,noexec,nosuid,nodev,size=" + limits.storageBytes() + ",mode=1777");
    }
    HostConfig host =
        HostConfig.newHostConfig()
            .withNanoCPUs(limits.nanoCpus())
            .withMemory(limits.memoryBytes())
            .withMemorySwap(limits.memoryBytes())
            .withPidsLimit(limits.pidsLimit())
            .withReadonlyRootfs(true)
            .withSecurityOpts(List.of("no-new-privileges"))
            .withCapDrop(Capability.ALL)
            .withTmpFs(tmpfs)
            .withPortBindings(bindings)
            .withNetworkMode(network)
            .withRestartPolicy(RestartPolicy.noRestart())
            .withLogConfig(
                new LogConfig(
                    LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "1m", "max-file", "2")));
    Map<String, String> labels = new TreeMap<>();
    labels.put(LABEL_SLICE, spec.sliceId());
    labels.put(LABEL_BLUEPRINT, spec.blueprintId());
    labels.put(LABEL_RP, rpId);
    labels.put(LABEL_TENANT, spec.tenantId());
    labels.put(LABEL_AMOUNTS, encodeAmounts(spec.amounts()));
    labels.put(LABEL_SERVICES, encodeServices(spec.services()));
    var create =
        client
            .createContainerCmd(image)
            .withName(name)
            .withLabels(labels)
            .withEnv(
                "SFSB_SERVICES=" + encodeServices(spec.services()),
                "SFSB_SLICE=" + spec.sliceId(),
                "SFSB_RP=" + rpId)
            .withExposedPorts(exposed)
            .withHostConfig(host);
    if (!user.isEmpty()) {
      create.withUser(user);
    }
    try {
      CreateContainerResponse created = create.exec();
      return created.getId();
    } catch (NotFoundException e) {
      throw new IllegalStateException(
          "the image " + image + " is missing; build it with ./sfsbroker docker image", e);
    }
  }

  private RunningSlice ensureRunning(final RunningSlice slice) {
    if (slice.running()) {
      return slice;
    }
    try {
      client.startContainerCmd(slice.containerId()).exec();
    } catch (NotModifiedException e) {
      // started meanwhile
    } catch (DockerException e) {
      throw new IllegalStateException(
          "cannot start the stopped container " + slice.name() + " again: " + e.getMessage(), e);
    }
    // A started container has a new network namespace, without the shaping of the old one.
    shape(slice.containerId(), slice.amounts());
    return inspect(slice.containerId());
  }

  private List<RunningSlice> listBy(final Map<String, String> labels) {
    List<Container> containers;
    try {
      containers = client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot list the containers: " + e.getMessage(), e);
    }
    List<RunningSlice> slices = new ArrayList<>();
    for (Container container : containers) {
      try {
        slices.add(inspect(container.getId()));
      } catch (NotFoundException e) {
        // removed meanwhile
      }
    }
    return slices;
  }

  private RunningSlice inspect(final String containerId) {
    InspectContainerResponse response = client.inspectContainerCmd(containerId).exec();
    Map<String, String> labels =
        response.getConfig().getLabels() == null ? Map.of() : response.getConfig().getLabels();
    Map<Integer, Integer> hostPorts = new TreeMap<>();
    Ports ports = response.getHostConfig().getPortBindings();
    if (ports != null) {
      for (Map.Entry<ExposedPort, Ports.Binding[]> entry : ports.getBindings().entrySet()) {
        if (entry.getValue() == null) {
          continue;
        }
        for (Ports.Binding binding : entry.getValue()) {
          try {
            hostPorts.put(entry.getKey().getPort(), Integer.parseInt(binding.getHostPortSpec()));
          } catch (NumberFormatException e) {
            // a range or none: not published by this class
          }
        }
      }
    }
    String name = response.getName() == null ? containerId : response.getName();
    String sliceId = labels.getOrDefault(LABEL_SLICE, "");
    return new RunningSlice(
        response.getId(),
        name.startsWith("/") ? name.substring(1) : name,
        sliceId,
        labels.getOrDefault(LABEL_BLUEPRINT, sliceId),
        labels.getOrDefault(LABEL_TENANT, ""),
        networkMode(response),
        Boolean.TRUE.equals(response.getState().getRunning()),
        decodeAmounts(labels.get(LABEL_AMOUNTS)),
        decodeServices(labels.get(LABEL_SERVICES)),
        hostPorts);
  }

  /** The network a container is on: its network mode (the name it was created with). */
  private static String networkMode(final InspectContainerResponse response) {
    String mode = response.getHostConfig().getNetworkMode();
    return mode == null ? "" : mode;
  }

  /**
   * Shapes the running container's traffic to its awarded {@code bandwidth-mbps}, each way; nothing
   * when it bought none.
   */
  private void shape(final String containerId, final Map<String, Long> amounts) {
    Long mbps = amounts.get(SliceLimits.BANDWIDTH);
    if (mbps == null || mbps < 1) {
      return;
    }
    Long pid = client.inspectContainerCmd(containerId).exec().getState().getPidLong();
    shaper.shape(pid == null ? 0 : pid, mbps);
    LOG.log(Level.DEBUG, "container " + containerId + " shaped to " + mbps + " Mbit/s each way");
  }

  private void removeQuietly(final String containerId) {
    try {
      client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot remove the failed container " + containerId, e);
    }
  }

  private boolean isFreeOnHost(final int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String requireId(final String what, final String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          what + " must be 1 to 64 of A-Z a-z 0-9 . _ - starting with a letter or digit: " + id);
    }
    return id;
  }
}
