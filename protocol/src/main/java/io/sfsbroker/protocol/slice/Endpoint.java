package io.sfsbroker.protocol.slice;

import java.util.List;
import java.util.Objects;

/**
 * Where the fog node reaches one part of its slice.
 *
 * @param category the resource category this part serves
 * @param rpId the RP that serves it
 * @param host the host name or IP address of the part
 * @param ports the ports its services listen on
 * @param instanceId the RP's id of the instance (container) that runs it
 */
public record Endpoint(
    String category, String rpId, String host, List<Integer> ports, String instanceId) {

  /** Checks for nulls and copies the ports. */
  public Endpoint {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(rpId, "rpId");
    Objects.requireNonNull(host, "host");
    ports = List.copyOf(ports);
    Objects.requireNonNull(instanceId, "instanceId");
  }
}
