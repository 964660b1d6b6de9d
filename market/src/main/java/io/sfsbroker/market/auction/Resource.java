package io.sfsbroker.market.auction;

/** The resource types {@code r ∈ R} that a Planet leases, in the paper's order of Table II. */
public enum Resource {
  /** Processor cores. */
  CPU,
  /** Main memory, in GB. */
  RAM,
  /** Graphics streaming multiprocessors (SMs). */
  GPU,
  /** Graphics memory, in GB. */
  VRAM
}
