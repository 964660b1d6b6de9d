package io.sfsbroker.rp;

import java.util.Objects;

/**
 * One HTTP service of a slice: the category it belongs to and the port it listens on inside the
 * container.
 *
 * @param category the category whose part it serves
 * @param containerPort its port inside the container, 1 to 65535
 */
public record Service(String category, int containerPort) {

  /** Checks the port. */
  public Service {
    Objects.requireNonNull(category, "category");
    if (containerPort < 1 || containerPort > 65_535) {
      throw new IllegalArgumentException("port must be 1 to 65535, was " + containerPort);
    }
  }
}
