package io.sfsbroker.rp;

import java.util.List;
import java.util.Objects;

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
   * What {@link #reserve} set aside for one slice until its container exists.
   *
   * @param spec the slice
   * @param hostPorts per service of {@code spec}, in order, its host port; empty when the slice has
   *     a container already (its ports stay as they are)
   */
  record Reservation(SliceSpec spec, List<Integer> hostPorts) {

    /** Checks for nulls and copies the list. */
    public Reservation {
      Objects.requireNonNull(spec, "spec");
      hostPorts = List.copyOf(hostPorts);
    }
  }

  /**
   * Sets aside what slices started at the same time could otherwise both take: the slice's host
   * ports and its tenant's network (with the network's subnet). Quick, and nothing in it creates or
   * starts a container; the agent calls it under its lock. A slice that has a container already
   * gets an empty reservation.
   *
   * @throws IllegalStateException when no ports or network can be had; nothing is set aside then
   */
  Reservation reserve(SliceSpec spec);

  /**
   * Creates and starts the container of a reserved slice and returns it running; when a container
   * for the slice exists already it is started if need be and returned as it is. Runs for several
   * slices at once, without the agent's lock. The reservation ends either way.
   *
   * @throws IllegalStateException when the slice cannot be started; nothing of it is left behind
   */
  RunningSlice start(Reservation reservation);

  /** Ends a reservation whose {@link #start} will not come (the agent is stopping). */
  void cancel(Reservation reservation);

  /** {@link #reserve} and {@link #start} in one go. */
  default RunningSlice start(final SliceSpec spec) {
    return start(reserve(spec));
  }

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
