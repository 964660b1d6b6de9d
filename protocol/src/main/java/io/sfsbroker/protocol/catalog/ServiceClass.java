package io.sfsbroker.protocol.catalog;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;

/**
 * A service class of the catalog: the translation of a service (AR/VR, digital twin …) into the
 * resource amounts of a blueprint, stored under {@code service-class~<name>}. It is set by a
 * governance proposal (setting {@code service-class}) that a majority of the peer organisations'
 * admins approved; the chaincode's default catalog holds the classes in force while none is stored
 * under their name.
 *
 * @param name the class's name, as a slice request names it ({@code ar-vr})
 * @param description what the service is and where the numbers come from
 * @param resources the categories one instance needs; 1 to {@value #MAX_RESOURCES}, names unique
 * @param qoe the class's default QoE needs, metric name → value (a request may override them)
 * @param updatedBy the MSP id of the organisation that proposed it; {@code null} for a default
 * @param updatedAt the transaction time it was set; {@code null} for a default
 */
public record ServiceClass(
    String name,
    String description,
    List<ClassResource> resources,
    SortedMap<String, Long> qoe,
    String updatedBy,
    Instant updatedAt) {

  /** The most categories a class may name. */
  public static final int MAX_RESOURCES = 64;

  /** The longest description. */
  public static final int MAX_DESCRIPTION = 1024;

  /** Validates the class and copies its collections. */
  public ServiceClass {
    Names.require("service class", name);
    description = description == null ? "" : description;
    if (description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException(
          "description must be at most " + MAX_DESCRIPTION + " characters");
    }
    Objects.requireNonNull(resources, "resources");
    resources = List.copyOf(resources);
    if (resources.isEmpty() || resources.size() > MAX_RESOURCES) {
      throw new IllegalArgumentException(
          "service class " + name + " must name 1 to " + MAX_RESOURCES + " resource categories");
    }
    Set<String> seen = new HashSet<>();
    for (ClassResource resource : resources) {
      if (!seen.add(resource.category())) {
        throw new IllegalArgumentException(
            "service class " + name + " names category " + resource.category() + " twice");
      }
    }
    qoe = QoeNeeds.copyOf(qoe);
  }

  /** Returns this class as set by {@code by} at {@code at}. */
  public ServiceClass setBy(final String by, final Instant at) {
    return new ServiceClass(name, description, resources, qoe, by, at);
  }

  /** Returns the class's QoE needs with {@code overrides} applied, in metric order. */
  public SortedMap<String, Long> qoeWith(final Map<String, Long> overrides) {
    SortedMap<String, Long> merged = new java.util.TreeMap<>(qoe);
    if (overrides != null) {
      merged.putAll(overrides);
    }
    return QoeNeeds.copyOf(merged);
  }
}
