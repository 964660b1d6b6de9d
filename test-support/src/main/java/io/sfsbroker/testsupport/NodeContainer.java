package io.sfsbroker.testsupport;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import io.sfsbroker.testsupport.NodeSpecs.NodeSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * One node's container, as Testcontainers runs it from the node's spec: created on the node's first
 * network under its DNS name, with its environment, labels, user, bind mounts and ports published
 * at the fixed host addresses the spec names; started; waited on until the image's health check
 * passes; then joined to the node's other networks. {@link #stop} removes it; the node's ledger
 * stays in its mounted folder, so a new one from the same spec carries on.
 */
final class NodeContainer {

  private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(3);
  private static final int STOP_GRACE_SECONDS = 10;

  private final NodeSpec spec;
  private final GenericContainer<?> container;

  private NodeContainer(final NodeSpec spec, final GenericContainer<?> container) {
    this.spec = spec;
    this.container = container;
  }

  /** A container for {@code spec} on {@code networks} (by name); not started yet. */
  static NodeContainer of(final NodeSpec spec, final Map<String, Network> networks) {
    Network first = network(networks, spec.networks().get(0));
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(spec.image()))
            .withNetwork(first)
            .withNetworkAliases(spec.hostname())
            .withEnv(pairs(spec.env(), "env"))
            .withLabels(pairs(spec.labels(), "label"))
            .waitingFor(Wait.forHealthcheck().withStartupTimeout(HEALTHY_WITHIN))
            .withCreateContainerCmdModifier(cmd -> configure(cmd, spec));
    return new NodeContainer(spec, container);
  }

  NodeSpec spec() {
    return spec;
  }

  /**
   * Starts the container, waits until it is healthy and joins it to its other networks.
   *
   * @param networks the runtime's networks, by name
   */
  void start(final Map<String, Network> networks) {
    container.start();
    for (String name : spec.networks().subList(1, spec.networks().size())) {
      DockerClientFactory.instance()
          .client()
          .connectToNetworkCmd()
          .withNetworkId(network(networks, name).getId())
          .withContainerId(container.getContainerId())
          .withContainerNetwork(new ContainerNetwork().withAliases(spec.hostname()))
          .exec();
    }
  }

  boolean running() {
    return container.isRunning();
  }

  /** The container's output so far; empty when it was never created. */
  String logs() {
    try {
      return container.getContainerId() == null ? "" : container.getLogs();
    } catch (RuntimeException e) {
      return "(no logs: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the node as {@code ./sfsbroker network stop} does (SIGTERM, SIGKILL after 10 s), so that
   * it leaves the Raft cluster as a stopped node would, then removes the container.
   */
  void stop() {
    if (container.isRunning()) {
      DockerClientFactory.instance()
          .client()
          .stopContainerCmd(container.getContainerId())
          .withTimeout(STOP_GRACE_SECONDS)
          .exec();
    }
    remove();
  }

  /** Removes the container at once (Testcontainers' stop: SIGKILL, then remove). */
  void remove() {
    container.stop();
  }

  private static void configure(final CreateContainerCmd cmd, final NodeSpec spec) {
    List<ExposedPort> exposed = new ArrayList<>();
    Ports bindings = new Ports();
    for (String port : spec.ports()) {
      String[] parts = port.split(":");
      if (parts.length != 3) {
        throw new IllegalArgumentException(
            "port '" + port + "' of " + spec.name() + " is not HOST_IP:HOST_PORT:CONTAINER_PORT");
      }
      ExposedPort inside = ExposedPort.tcp(Integer.parseInt(parts[2]));
      exposed.add(inside);
      bindings.add(
          new PortBinding(
              Ports.Binding.bindIpAndPort(parts[0], Integer.parseInt(parts[1])), inside));
    }
    List<Bind> binds = new ArrayList<>();
    for (String mount : spec.mounts()) {
      String[] parts = mount.split(":");
      if (parts.length < 2 || parts.length > 3) {
        throw new IllegalArgumentException(
            "mount '" + mount + "' of " + spec.name() + " is not SOURCE:TARGET[:ro]");
      }
      AccessMode mode = parts.length == 3 && parts[2].equals("ro") ? AccessMode.ro : AccessMode.rw;
      binds.add(new Bind(parts[0], new Volume(parts[1]), mode));
    }
    HostConfig host =
        cmd.getHostConfig() == null ? HostConfig.newHostConfig() : cmd.getHostConfig();
    cmd.withName(spec.container())
        .withHostName(spec.hostname())
        .withUser(spec.user())
        .withExposedPorts(exposed)
        .withHostConfig(host.withPortBindings(bindings).withBinds(binds));
  }

  private static Network network(final Map<String, Network> networks, final String name) {
    Network network = networks.get(name);
    if (network == null) {
      throw new IllegalStateException("nodes.json names no network '" + name + "'");
    }
    return network;
  }

  private static Map<String, String> pairs(final List<String> entries, final String what) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(what + " '" + entry + "' is not KEY=VALUE");
      }
      result.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return result;
  }
}
