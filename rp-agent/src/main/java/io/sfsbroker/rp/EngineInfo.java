package io.sfsbroker.rp;

/**
 * What the container engine reports about itself.
 *
 * @param version the engine's version
 * @param cpus how many CPUs it can give containers
 * @param memoryBytes how much memory it has
 */
public record EngineInfo(String version, int cpus, long memoryBytes) {}
