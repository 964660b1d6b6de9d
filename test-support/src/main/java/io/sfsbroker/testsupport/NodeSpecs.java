package io.sfsbroker.testsupport;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code ./sfsbroker network prepare} writes into {@code $SFSB_RUNTIME/docker/nodes.json}: the
 * Docker networks of a runtime and the container of each of its nodes, rendered from the script's
 * own node specs ({@code ctr_spec} in {@code network/lib/containers.sh}).
 *
 * @param runtime the runtime folder
 * @param portOffset the offset every published port is shifted by
 * @param networkLabel the {@code KEY=VALUE} label the script puts on its networks
 * @param networks the networks, the nodes' shared one first
 * @param nodes the nodes: orderers, peers, chaincode servers
 */
record NodeSpecs(
    String runtime,
    int portOffset,
    String networkLabel,
    List<NetworkSpec> networks,
    List<NodeSpec> nodes) {

  private static final Gson GSON = new Gson();

  NodeSpecs {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(networkLabel, "networkLabel");
    networks = List.copyOf(networks);
    nodes = List.copyOf(nodes);
  }

  /** Reads {@code file}; fails with a message naming it when it is missing or malformed. */
  static NodeSpecs load(final Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      NodeSpecs specs = GSON.fromJson(reader, NodeSpecs.class);
      if (specs == null) {
        throw new IllegalStateException(file + " is empty; run ./sfsbroker network prepare");
      }
      return specs;
    } catch (IOException | RuntimeException e) {
      // Gson wraps what a record's constructor rejects; the innermost message says what is wrong.
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new IllegalStateException(
          "cannot read the node specs " + file + ": " + root.getMessage(), e);
    }
  }

  /** The node called {@code name}. */
  NodeSpec node(final String name) {
    return nodes.stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no node '"
                        + name
                        + "'; known: "
                        + nodes.stream().map(NodeSpec::name).toList()));
  }

  /**
   * A Docker network of the runtime.
   *
   * @param name its name
   * @param internal whether it has no route out (each org's chaincode network)
   */
  record NetworkSpec(String name, boolean internal) {
    NetworkSpec {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * One node's container.
   *
   * @param name the node (orderer1, peer0.broker, chaincode.broker)
   * @param container the container's name
   * @param hostname its DNS name, which its certificates carry; also its alias on every network
   * @param image the image
   * @param user the uid:gid it runs as
   * @param env its environment, {@code KEY=VALUE}
   * @param ports published ports, {@code HOST_IP:HOST_PORT:CONTAINER_PORT}
   * @param mounts bind mounts, {@code SOURCE:TARGET[:ro]}
   * @param networks its networks, the one it is created on first
   * @param labels its labels, {@code KEY=VALUE}
   */
  record NodeSpec(
      String name,
      String container,
      String hostname,
      String image,
      String user,
      List<String> env,
      List<String> ports,
      List<String> mounts,
      List<String> networks,
      List<String> labels) {
    NodeSpec {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(hostname, "hostname");
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(user, "user");
      env = List.copyOf(env);
      ports = List.copyOf(ports);
      mounts = List.copyOf(mounts);
      networks = List.copyOf(networks);
      labels = List.copyOf(labels);
      if (networks.isEmpty()) {
        throw new IllegalArgumentException("node " + name + " has no network");
      }
    }
  }
}
