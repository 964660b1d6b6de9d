package io.sfsbroker.rp;

import io.sfsbroker.protocol.slice.PartEndpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A slice container as the engine reports it.
 *
 * @param containerId the engine's id of the container
 * @param name the container's name, which is also the instance id on the ledger
 * @param sliceId the slice it runs
 * @param blueprintId the slice's blueprint
 * @param tenantId the tenant, from its label ({@code ""} for a container of an older agent)
 * @param network the Docker network it is on (its tenant's; {@code default} or {@code bridge} for a
 *     container of an older agent)
 * @param running whether it runs now
 * @param amounts per category the amount it was awarded, in the award's order
 * @param services its HTTP services
 * @param hostPorts per container port the host port it is published on
 */
public record RunningSlice(
    String containerId,
    String name,
    String sliceId,
    String blueprintId,
    String tenantId,
    String network,
    boolean running,
    Map<String, Long> amounts,
    List<Service> services,
    Map<Integer, Integer> hostPorts) {

  /** Checks for nulls and copies the collections. */
  public RunningSlice {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sliceId, "sliceId");
    Objects.requireNonNull(blueprintId, "blueprintId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(network, "network");
    amounts = Collections.unmodifiableMap(new LinkedHashMap<>(amounts));
    services = List.copyOf(services);
    hostPorts = Collections.unmodifiableMap(new LinkedHashMap<>(hostPorts));
  }

  /** Every published host port, in service order. */
  public List<Integer> publishedPorts() {
    List<Integer> ports = new ArrayList<>();
    for (Service service : services) {
      Integer port = hostPorts.get(service.containerPort());
      if (port != null) {
        ports.add(port);
      }
    }
    return ports;
  }

  /** Where the tenant reaches each category's part on {@code host}, in award order. */
  public List<PartEndpoint> parts(final String host) {
    List<PartEndpoint> parts = new ArrayList<>();
    for (String category : amounts.keySet()) {
      List<Integer> ports = new ArrayList<>();
      for (Service service : services) {
        Integer port = hostPorts.get(service.containerPort());
        if (service.category().equals(category) && port != null) {
          ports.add(port);
        }
      }
      parts.add(new PartEndpoint(category, host, ports, name));
    }
    return parts;
  }
}
