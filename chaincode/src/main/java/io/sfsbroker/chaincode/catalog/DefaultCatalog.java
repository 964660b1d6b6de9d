package io.sfsbroker.chaincode.catalog;

import io.sfsbroker.protocol.catalog.ClassResource;
import io.sfsbroker.protocol.catalog.ServiceClass;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The service classes in force while an admin has stored none under their name, after Slicing4Meta
 * (paper 001) Table I. The table names the QoE requirements and the kinds of resource of each
 * service type but gives few numbers; where it gives one we use it, everything else is our choice
 * for a Docker-container slice on a testbed, documented in {@code docs/contracts.md}.
 */
public final class DefaultCatalog {

  /** AR/VR services: rendering experience, ultra-low latency, high data rates. */
  public static final ServiceClass AR_VR =
      new ServiceClass(
          "ar-vr",
          "AR/VR services (Slicing4Meta Table I): rendering experience, ultra-low latency (below"
              + " 1.5 ms), high data rates (peak 1 Gb/s); resources: rendering capacity, computing,"
              + " storage, bandwidth. Rendering: 20 K per virtual object (case study) x 20 objects.",
          List.of(
              new ClassResource("cpu-millicores", 2000, 1),
              new ClassResource("memory-mib", 2048, 1),
              new ClassResource("storage-mib", 1024, 1),
              new ClassResource("bandwidth-mbps", 1000, 4),
              new ClassResource("rendering-k", 400, 2)),
          qoe(Map.of("maxLatencyMicros", 1500L, "peakDataRateMbps", 1000L)),
          null,
          null);

  /** Digital-twin services: physical-virtual synchronisation fidelity and service quality. */
  public static final ServiceClass DIGITAL_TWIN =
      new ServiceClass(
          "digital-twin",
          "Digital twin services (Slicing4Meta Table I): physical-virtual synchronisation fidelity"
              + " and service quality; resources: computing, bandwidth (protocol stack is not a"
              + " container resource), storage for collected and fused data.",
          List.of(
              new ClassResource("cpu-millicores", 1000, 1),
              new ClassResource("memory-mib", 1024, 1),
              new ClassResource("storage-mib", 4096, 1),
              new ClassResource("bandwidth-mbps", 100, 4)),
          qoe(Map.of("maxSyncIntervalMillis", 100L, "maxLatencyMicros", 10_000L)),
          null,
          null);

  private static final List<ServiceClass> ALL = List.of(AR_VR, DIGITAL_TWIN);

  private DefaultCatalog() {}

  /** Returns every default class, in name order. */
  public static List<ServiceClass> all() {
    return ALL;
  }

  /** Returns the default class called {@code name}, if there is one. */
  public static Optional<ServiceClass> find(final String name) {
    return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static SortedMap<String, Long> qoe(final Map<String, Long> needs) {
    return new TreeMap<>(needs);
  }
}
