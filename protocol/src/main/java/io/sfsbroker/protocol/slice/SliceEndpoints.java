package io.sfsbroker.protocol.slice;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where the holder of a slice's tokens reaches its services: the answer of {@code
 * slice:getSliceEndpoints}, given only to an account that holds every bundle token of the slice.
 *
 * @param sliceId the slice
 * @param state where the slice stands
 * @param holder the account that asked and holds the slice's tokens
 * @param endpoints where each part is reached, in blueprint order; empty until the slice is active
 * @param validUntil when the slice's validity ends; {@code null} before activation
 */
public record SliceEndpoints(
    String sliceId, SliceState state, String holder, List<Endpoint> endpoints, Instant validUntil) {

  /** Checks for nulls and copies the endpoints. */
  public SliceEndpoints {
    Objects.requireNonNull(sliceId, "sliceId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(holder, "holder");
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }
}
