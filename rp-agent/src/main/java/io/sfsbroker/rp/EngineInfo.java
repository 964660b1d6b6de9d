package io.sfsbroker.rp;

/**
 * What the container engine reports about itself.
 *
 * @param version the engine's version
 * @param cpus how many CPUs it can give containers
 * @param memoryBytes how much memory it has
 * @param ipv4Forwarding whether its host forwards IPv4 between interfaces (then only dockerd's own
 *     iptables rules keep tenant networks apart)
 */
public record EngineInfo(String version, int cpus, long memoryBytes, boolean ipv4Forwarding) {}
