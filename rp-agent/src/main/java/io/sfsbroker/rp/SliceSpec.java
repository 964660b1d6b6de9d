package io.sfsbroker.rp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run for one slice: its ids, the amounts the RP was awarded, their limits and the services
 * to publish.
 *
 * @param sliceId the slice
 * @param blueprintId its blueprint (the same id on the ledger)
 * @param tenantId whose slice it is: its container joins that tenant's network (see {@link #of})
 * @param amounts per category won, the amount, in the award's order
 * @param limits the container's limits
 * @param services the HTTP services, in the order of {@code amounts}
 */
public record SliceSpec(
    String sliceId,
    String blueprintId,
    String tenantId,
    Map<String, Long> amounts,
    SliceLimits limits,
    List<Service> services) {

  /** The port of the first service inside the container; the others follow. */
  public static final int FIRST_CONTAINER_PORT = 8000;

  /** Checks for nulls and copies the collections. */
  public SliceSpec {
    Objects.requireNonNull(sliceId, "sliceId");
    Objects.requireNonNull(blueprintId, "blueprintId");
    Objects.requireNonNull(tenantId, "tenantId");
    amounts = Collections.unmodifiableMap(new LinkedHashMap<>(amounts));
    Objects.requireNonNull(limits, "limits");
    services = List.copyOf(services);
    if (services.isEmpty()) {
      throw new IllegalArgumentException("a slice publishes at least one service");
    }
  }

  /**
   * The spec of slice {@code sliceId} of {@code tenantId} awarded {@code amounts}: the limits
   * {@link SliceLimits#of} gives, and per category as many services as its terms say, on container
   * ports from {@value #FIRST_CONTAINER_PORT} up. A slice whose tenant is unknown ({@code null} or
   * blank) is a tenant of its own, {@code slice:<sliceId>}, so it shares no network.
   */
  public static SliceSpec of(
      final String sliceId,
      final String tenantId,
      final Map<String, Long> amounts,
      final RpConfig config) {
    Objects.requireNonNull(sliceId, "sliceId");
    Objects.requireNonNull(config, "config");
    String tenant = tenantId == null || tenantId.isBlank() ? "slice:" + sliceId : tenantId;
    List<Service> services = new java.util.ArrayList<>();
    int port = FIRST_CONTAINER_PORT;
    for (String category : amounts.keySet()) {
      CategoryTerms terms = config.terms(category);
      int count = terms == null ? 1 : terms.services();
      for (int i = 0; i < count; i++) {
        services.add(new Service(category, port++));
      }
    }
    return new SliceSpec(
        sliceId, sliceId, tenant, amounts, SliceLimits.of(amounts, config), services);
  }
}
