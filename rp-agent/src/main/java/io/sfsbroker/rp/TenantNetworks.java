package io.sfsbroker.rp;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One user-defined Docker bridge network per tenant of an RP (docs/rp-agent.md, "Tenant networks"):
 * a tenant's slice containers share it, and no slice container is on the default bridge. A network
 * is named {@code sfsb-t-<hash>} from the RP and the tenant (stable, and Docker-safe whatever the
 * tenant id holds), labelled with both, created when the tenant's first container is, and removed
 * once no container of it (running or stopped) is left.
 *
 * <p>Docker gives each such network its own bridge and subnet; what keeps two of them apart is the
 * engine's host, which does not forward between bridges ({@code --ip-forward=false} with the host's
 * {@code net.ipv4.ip_forward = 0}), or dockerd's own iptables isolation rules where it manages
 * iptables. Not thread-safe: {@link SliceContainers} calls it under its lock.
 */
final class TenantNetworks {

  /** The label, on networks and containers, with the tenant. */
  static final String LABEL_TENANT = "io.sfsbroker.tenant";

  /** The prefix of every tenant network's name. */
  static final String PREFIX = "sfsb-t-";

  private static final System.Logger LOG = System.getLogger(TenantNetworks.class.getName());
  private static final int HASH_BYTES = 8;

  private static final int CREATE_ATTEMPTS = 3;

  private final DockerClient client;
  private final String rpId;
  private final SubnetPool pool;

  /**
   * The tenant networks of RP {@code rpId} on the engine of {@code client}.
   *
   * @param pool where their subnets come from; {@code null} for the engine's own address pools
   */
  TenantNetworks(final DockerClient client, final String rpId, final SubnetPool pool) {
    this.client = Objects.requireNonNull(client, "client");
    this.rpId = Objects.requireNonNull(rpId, "rpId");
    this.pool = pool;
  }

  /**
   * The name of the network of {@code tenantId}'s slices at RP {@code rpId}: {@value #PREFIX} and
   * the first 16 hex digits of SHA-256 over the RP id, a line feed and the tenant id.
   */
  static String name(final String rpId, final String tenantId) {
    Objects.requireNonNull(rpId, "rpId");
    Objects.requireNonNull(tenantId, "tenantId");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((rpId + "\n" + tenantId).getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(digest, 0, HASH_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /**
   * The network of {@code tenantId}, created when missing.
   *
   * @return its name
   * @throws IllegalStateException when the engine cannot create it (for example, no address pool is
   *     left)
   */
  String ensure(final String tenantId) {
    String name = name(rpId, tenantId);
    Optional<Network> existing = find(name);
    if (existing.isPresent()) {
      if (!isOurs(existing.get())) {
        throw new IllegalStateException(
            "the network "
                + name
                + " is in the way: it is not labelled as the network of "
                + rpId
                + "'s tenants; remove it");
      }
      return name;
    }
    Map<String, String> labels = new TreeMap<>();
    labels.put(SliceContainers.LABEL_RP, rpId);
    labels.put(LABEL_TENANT, tenantId);
    Set<String> refused = new TreeSet<>();
    for (int attempt = 1; ; attempt++) {
      var create =
          client
              .createNetworkCmd()
              .withName(name)
              .withDriver("bridge")
              .withCheckDuplicate(true)
              .withLabels(labels);
      String subnet = null;
      if (pool != null) {
        subnet = freeSubnet(refused);
        create.withIpam(
            new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet)));
      }
      try {
        create.exec();
        LOG.log(
            Level.INFO,
            rpId
                + ": created the network "
                + name
                + " of tenant "
                + tenantId
                + (subnet == null ? "" : " on " + subnet));
        return name;
      } catch (ConflictException e) {
        // created meanwhile: fine
        return name;
      } catch (DockerException e) {
        if (subnet != null && attempt < CREATE_ATTEMPTS) {
          // Most likely taken meanwhile by another network of the engine: try the next one.
          refused.add(subnet);
          continue;
        }
        throw new IllegalStateException(
            "cannot create the network "
                + name
                + " of tenant "
                + tenantId
                + ": "
                + e.getMessage()
                + (pool == null
                    ? " (when no address pool is left, set networkPool or give dockerd more with"
                        + " --default-address-pools)"
                    : ""),
            e);
      }
    }
  }

  /** The lowest subnet of the pool that no network of the engine overlaps, nor {@code refused}. */
  private String freeSubnet(final Set<String> refused) {
    List<String> taken = new ArrayList<>(refused);
    for (Network network : client.listNetworksCmd().exec()) {
      if (network.getIpam() != null && network.getIpam().getConfig() != null) {
        network.getIpam().getConfig().forEach(c -> taken.add(c.getSubnet()));
      }
    }
    return pool.firstFree(taken)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "networkPool "
                        + pool.base()
                        + " has no free /"
                        + pool.prefixLength()
                        + " left for another tenant network ("
                        + pool.size()
                        + " in all); widen it or use a longer prefixLength"));
  }

  /**
   * Removes the network {@code name} when it is a tenant network of this RP and no container,
   * running or stopped, is attached to it.
   *
   * @return whether it was removed
   */
  boolean removeIfUnused(final String name) {
    if (name == null || !name.startsWith(PREFIX)) {
      return false;
    }
    try {
      Network network = find(name).orElse(null);
      if (network == null || !isOurs(network)) {
        return false;
      }
      boolean used =
          !client
              .listContainersCmd()
              .withShowAll(true)
              .withNetworkFilter(List.of(network.getId()))
              .exec()
              .isEmpty();
      if (used) {
        return false;
      }
      client.removeNetworkCmd(network.getId()).exec();
      LOG.log(Level.INFO, rpId + ": removed the network " + name + ", which no container uses");
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      // In use meanwhile (a container attached outside the agent), or the engine did not answer:
      // left for the next pass.
      LOG.log(Level.WARNING, rpId + ": cannot remove the network " + name + ": " + e.getMessage());
      return false;
    }
  }

  /**
   * Removes every tenant network of this RP that no container uses, except those in {@code keep};
   * returns their names.
   */
  List<String> removeUnused(final Set<String> keep) {
    List<String> removed = new ArrayList<>();
    for (Network network : ours()) {
      if (!keep.contains(network.getName()) && removeIfUnused(network.getName())) {
        removed.add(network.getName());
      }
    }
    return removed;
  }

  /** Every tenant network of this RP. */
  List<Network> ours() {
    try {
      return client
          .listNetworksCmd()
          .withFilter("label", List.of(SliceContainers.LABEL_RP + "=" + rpId, LABEL_TENANT))
          .exec()
          .stream()
          .filter(this::isOurs)
          .toList();
    } catch (DockerException e) {
      throw new IllegalStateException("cannot list the networks: " + e.getMessage(), e);
    }
  }

  private Optional<Network> find(final String name) {
    // The name filter matches parts of names: keep the exact one.
    return client.listNetworksCmd().withNameFilter(name).exec().stream()
        .filter(n -> name.equals(n.getName()))
        .findFirst();
  }

  private boolean isOurs(final Network network) {
    Map<String, String> labels = network.getLabels() == null ? Map.of() : network.getLabels();
    return rpId.equals(labels.get(SliceContainers.LABEL_RP))
        && labels.containsKey(LABEL_TENANT)
        && network.getName() != null
        && network.getName().startsWith(PREFIX);
  }
}
