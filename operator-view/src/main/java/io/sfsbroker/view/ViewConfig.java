package io.sfsbroker.view;

import io.sfsbroker.protocol.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code ./sfsbroker view up} writes to {@code $SFSB_RUNTIME/view/view.json}: where the
 * network is, whom the view reads as, where it listens and the addresses that network health reads
 * (the same sources as {@code ./sfsbroker network status}).
 *
 * @param network the network.json of the running network
 * @param org the organisation whose ordinary user the view reads as
 * @param bind the address to listen on; anything but loopback needs {@code serverTls}
 * @param port the port to listen on
 * @param orderers the orderers, with their admin and operations addresses
 * @param ordererTls the TLS material that the orderers' admin and operations endpoints accept
 * @param peers the peers, with their operations addresses and TLS material
 * @param chaincodeServers the chaincode servers
 * @param mqttAddress host:port of the MQTT broker
 * @param pidsDir where {@code ./sfsbroker} records the pids of what it started
 * @param serverTls the view's own certificate and key, and the CA whose client certificates it
 *     accepts (mutual TLS); null on loopback
 */
public record ViewConfig(
    String network,
    String org,
    String bind,
    int port,
    List<Orderer> orderers,
    TlsFiles ordererTls,
    List<Peer> peers,
    List<Server> chaincodeServers,
    String mqttAddress,
    String pidsDir,
    TlsFiles serverTls) {

  /**
   * PEM files: a CA, and a certificate with its key.
   *
   * @param caFile the CA to trust
   * @param certFile the certificate to present
   * @param keyFile its private key
   */
  public record TlsFiles(String caFile, String certFile, String keyFile) {

    /** Checks the parts. */
    public TlsFiles {
      Objects.requireNonNull(caFile, "caFile");
      Objects.requireNonNull(certFile, "certFile");
      Objects.requireNonNull(keyFile, "keyFile");
    }
  }

  /**
   * An orderer.
   *
   * @param name its name
   * @param adminAddress host:port of its channel participation API
   * @param operationsAddress host:port of its operations (metrics) endpoint
   */
  public record Orderer(String name, String adminAddress, String operationsAddress) {}

  /**
   * A peer.
   *
   * @param name its name
   * @param org its organisation
   * @param operationsAddress host:port of its operations (metrics) endpoint
   * @param tls what its operations endpoint accepts (the org admin's TLS certificate)
   */
  public record Peer(String name, String org, String operationsAddress, TlsFiles tls) {}

  /**
   * A chaincode server.
   *
   * @param name its name (and pid file name)
   * @param org its organisation
   * @param address host:port it listens on
   */
  public record Server(String name, String org, String address) {}

  /** Checks the parts and copies the lists. */
  public ViewConfig {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(bind, "bind");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1–65535: " + port);
    }
    orderers = List.copyOf(orderers == null ? List.of() : orderers);
    peers = List.copyOf(peers == null ? List.of() : peers);
    chaincodeServers = List.copyOf(chaincodeServers == null ? List.of() : chaincodeServers);
    Objects.requireNonNull(mqttAddress, "mqttAddress");
    Objects.requireNonNull(pidsDir, "pidsDir");
    if (serverTls == null && !loopback(bind)) {
      throw new IllegalArgumentException(
          "the view listens on "
              + bind
              + ", beyond loopback: give it serverTls (a certificate, its key and the CA whose"
              + " client certificates may connect)");
    }
  }

  /** Reads {@code file}. */
  public static ViewConfig load(final Path file) {
    try {
      return Json.fromJson(Files.readString(file), ViewConfig.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether the view answers on plain HTTP: only when it listens on loopback. */
  public boolean plainHttp() {
    return serverTls == null;
  }

  static boolean loopback(final String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
