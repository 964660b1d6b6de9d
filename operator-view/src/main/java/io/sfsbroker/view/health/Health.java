package io.sfsbroker.view.health;

import java.time.Instant;
import java.util.List;

/**
 * The network's health at one moment, as the health page shows it.
 *
 * @param orderers every orderer
 * @param peers every peer
 * @param services the chaincode servers, the MQTT broker, the bridge and its keeper
 * @param readAt when it was read
 */
public record Health(
    List<OrdererHealth> orderers,
    List<PeerHealth> peers,
    List<ServiceHealth> services,
    Instant readAt) {

  /** Copies the lists. */
  public Health {
    orderers = List.copyOf(orderers);
    peers = List.copyOf(peers);
    services = List.copyOf(services);
  }

  /**
   * One orderer.
   *
   * @param name its name
   * @param reachable whether its admin API answered
   * @param consensusRelation its relation to the channel ({@code consenter}, …), or {@code ""}
   * @param status its channel status ({@code active}, …), or {@code ""}
   * @param height its channel height, or -1 when unknown
   * @param raftLeader whether it leads the Raft cluster now
   * @param problem why it could not be read, or {@code ""}
   */
  public record OrdererHealth(
      String name,
      boolean reachable,
      String consensusRelation,
      String status,
      long height,
      boolean raftLeader,
      String problem) {}

  /**
   * One peer.
   *
   * @param name its name
   * @param org its organisation
   * @param reachable whether its operations endpoint answered
   * @param height its channel height, or -1 when unknown
   * @param problem why it could not be read, or {@code ""}
   */
  public record PeerHealth(
      String name, String org, boolean reachable, long height, String problem) {}

  /**
   * A process of the broker.
   *
   * @param name what it is
   * @param address where it listens, or {@code ""}
   * @param up whether it runs (and listens, where it listens)
   * @param detail what was checked
   */
  public record ServiceHealth(String name, String address, boolean up, String detail) {}
}
