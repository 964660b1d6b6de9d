package io.sfsbroker.market.auction;

import java.util.function.ToDoubleFunction;

/**
 * One non-negative, finite amount per {@link Resource}: a capacity {@code C_j}, a consumption
 * vector {@code c^j_s}, an operating cost {@code q_j}, a price vector {@code p_j} or a payment.
 *
 * @param cpu the CPU amount
 * @param ram the RAM amount
 * @param gpu the GPU amount
 * @param vram the VRAM amount
 */
public record ResourceVector(double cpu, double ram, double gpu, double vram) {

  /** The vector with every amount zero. */
  public static final ResourceVector ZERO = new ResourceVector(0, 0, 0, 0);

  /** Rejects negative, infinite and NaN amounts. */
  public ResourceVector {
    requireAmount(cpu, Resource.CPU);
    requireAmount(ram, Resource.RAM);
    requireAmount(gpu, Resource.GPU);
    requireAmount(vram, Resource.VRAM);
  }

  /**
   * Builds a vector from one amount per resource.
   *
   * @param amount gives the amount of each resource
   * @return the vector
   */
  public static ResourceVector of(ToDoubleFunction<Resource> amount) {
    return new ResourceVector(
        amount.applyAsDouble(Resource.CPU),
        amount.applyAsDouble(Resource.RAM),
        amount.applyAsDouble(Resource.GPU),
        amount.applyAsDouble(Resource.VRAM));
  }

  /**
   * Returns the amount of one resource.
   *
   * @param resource the resource
   * @return its amount
   */
  public double get(Resource resource) {
    return switch (resource) {
      case CPU -> cpu;
      case RAM -> ram;
      case GPU -> gpu;
      case VRAM -> vram;
    };
  }

  /**
   * Returns whether every amount is strictly positive.
   *
   * @return {@code true} when no amount is zero
   */
  public boolean isPositive() {
    return cpu > 0 && ram > 0 && gpu > 0 && vram > 0;
  }

  private static void requireAmount(double amount, Resource resource) {
    if (!(amount >= 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException(
          resource + " amount must be finite and non-negative, was " + amount);
    }
  }
}
