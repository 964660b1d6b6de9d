package io.sfsbroker.rp;

import java.util.List;

/**
 * Where an RP runs its slices: {@link SliceContainers} on a Docker engine, or a fake in the agent's
 * unit tests. Every slice is one container, found again by its slice id.
 */
interface SliceRuntime extends AutoCloseable {

  /**
   * Describes the engine.
   *
   * @throws IllegalStateException when it cannot be reached
   */
  EngineInfo engine();

  /** Whether the engine has the slice image (no image is ever pulled). */
  boolean hasImage();

  /**
   * Runs the slice {@code spec} describes and returns it running. Idempotent: when a container for
   * the slice exists already it is started if need be and returned as it is.
   *
   * @throws IllegalStateException when the slice cannot be started; nothing of it is left behind
   */
  RunningSlice start(SliceSpec spec);

  /** Every slice container of this RP, running or not. */
  List<RunningSlice> list();

  /**
   * Stops and removes the container of {@code sliceId}, and its tenant's network when no other
   * container is on it.
   *
   * @return false when there was none
   */
  boolean remove(String sliceId);

  /** Removes the tenant networks of this RP that no container uses; returns their names. */
  List<String> removeIdleNetworks();

  @Override
  void close();
}
