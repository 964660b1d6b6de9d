package io.sfsbroker.protocol.slice;

import io.sfsbroker.protocol.catalog.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One category of an instantiation confirmation: where the part that serves it can be reached.
 *
 * @param category the category the confirming RP won
 * @param host host name or IP address, 1 to 253 characters
 * @param ports the ports its services listen on: 1 to {@value #MAX_PORTS} distinct ports, each 1 to
 *     65535
 * @param instanceId the RP's id of the running instance (container), 1 to 128 characters
 */
public record PartEndpoint(String category, String host, List<Integer> ports, String instanceId) {

  /** The most ports one part may list. */
  public static final int MAX_PORTS = 16;

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** Checks every value and copies the ports. */
  public PartEndpoint {
    Names.require("category", category);
    if (host == null || !HOST.matcher(host).matches()) {
      throw new IllegalArgumentException(
          "category " + category + ": host must be a host name or IP address, was " + host);
    }
    Objects.requireNonNull(ports, "category " + category + ": ports are missing");
    ports = List.copyOf(ports);
    if (ports.isEmpty() || ports.size() > MAX_PORTS) {
      throw new IllegalArgumentException(
          "category " + category + ": list 1 to " + MAX_PORTS + " ports");
    }
    if (new HashSet<>(ports).size() != ports.size()) {
      throw new IllegalArgumentException("category " + category + ": a port is listed twice");
    }
    for (int port : ports) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException(
            "category " + category + ": port " + port + " is not 1 to 65535");
      }
    }
    if (instanceId == null || !INSTANCE.matcher(instanceId).matches()) {
      throw new IllegalArgumentException(
          "category " + category + ": instanceId must be 1 to 128 of A-Z a-z 0-9 . _ : -");
    }
  }
}
