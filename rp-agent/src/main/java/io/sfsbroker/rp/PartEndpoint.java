package io.sfsbroker.rp;

import java.util.List;
import java.util.Objects;

/**
 * One category of an instantiation confirmation: where the tenant reaches the part that serves it.
 *
 * @param category a category the RP won
 * @param host the host name or address of the part
 * @param ports the ports its services answer on, 1 to 16
 * @param instanceId the container that runs it
 */
public record PartEndpoint(String category, String host, List<Integer> ports, String instanceId) {

  /** Checks for nulls and copies the ports. */
  public PartEndpoint {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(host, "host");
    ports = List.copyOf(ports);
    Objects.requireNonNull(instanceId, "instanceId");
  }
}
