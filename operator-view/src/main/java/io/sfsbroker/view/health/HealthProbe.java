package io.sfsbroker.view.health;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.view.ViewConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads the network's health from where {@code ./sfsbroker network status} reads it, in Java: each
 * orderer's channel participation API (height, status, relation) and metrics (Raft leader), each
 * peer's metrics (height), the chaincode servers', broker's and bridge's pid files and ports. Every
 * node is probed at once, each with a one-second timeout, in the background: a page gets the last
 * answer at once and, when it is older than two seconds, starts the next one ({@link Refreshing}),
 * so a slow or dead node never holds a page up and page loads do not multiply the calls.
 */
public final class HealthProbe {

  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final Duration KEEP = Duration.ofSeconds(2);
  private static final int PROBES = 16;

  private final ViewConfig config;
  private final String channel;
  private final Clock clock;
  private final HttpClient ordererClient;
  private final Map<String, HttpClient> peerClients = new LinkedHashMap<>();
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          PROBES,
          task -> {
            Thread thread = new Thread(task, "sfsb-view-health");
            thread.setDaemon(true);
            return thread;
          });
  private final Refreshing<Health> health;

  /** A probe of the network that {@code config} describes, on {@code channel}. */
  public HealthProbe(final ViewConfig config, final String channel, final Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ordererClient = config.ordererTls() == null ? null : client(config.ordererTls());
    for (ViewConfig.Peer peer : config.peers()) {
      if (peer.tls() != null) {
        peerClients.put(peer.name(), client(peer.tls()));
      }
    }
    this.health = new Refreshing<>(this::probe, KEEP, clock, pool);
  }

  /**
   * The last health read: at once when one was read (a new read starts in the background when it is
   * older than two seconds); the first call waits for the first read, at most about the probes'
   * one-second timeout.
   */
  public Health read() {
    return health.get();
  }

  /** Starts the first read, so the first page finds it done. */
  public void start() {
    health.start();
  }

  private Health probe() {
    Instant now = clock.instant();
    List<CompletableFuture<Health.OrdererHealth>> orderers = new ArrayList<>();
    for (ViewConfig.Orderer orderer : config.orderers()) {
      orderers.add(CompletableFuture.supplyAsync(() -> orderer(orderer), pool));
    }
    List<CompletableFuture<Health.PeerHealth>> peers = new ArrayList<>();
    for (ViewConfig.Peer peer : config.peers()) {
      peers.add(CompletableFuture.supplyAsync(() -> peer(peer), pool));
    }
    List<CompletableFuture<Health.ServiceHealth>> services = new ArrayList<>();
    for (ViewConfig.Server server : config.chaincodeServers()) {
      services.add(
          CompletableFuture.supplyAsync(
              () -> process("chaincode server " + server.org(), server.name(), server.address()),
              pool));
    }
    services.add(
        CompletableFuture.supplyAsync(
            () -> process("MQTT broker (Mosquitto)", "mosquitto", config.mqttAddress()), pool));
    Health.ServiceHealth bridge = process("MQTT bridge", "bridge", "");
    List<Health.ServiceHealth> processes = new ArrayList<>(joined(services));
    processes.add(bridge);
    processes.add(
        new Health.ServiceHealth(
            "keeper (deadlines)",
            "",
            bridge.up(),
            bridge.up() ? "runs inside the bridge" : "stopped with the bridge"));
    return new Health(joined(orderers), joined(peers), processes, now);
  }

  private static <T> List<T> joined(final List<CompletableFuture<T>> futures) {
    List<T> results = new ArrayList<>();
    for (CompletableFuture<T> future : futures) {
      results.add(future.join());
    }
    return results;
  }

  private Health.OrdererHealth orderer(final ViewConfig.Orderer orderer) {
    if (ordererClient == null) {
      return new Health.OrdererHealth(orderer.name(), false, "", "", -1, false, "no TLS material");
    }
    try {
      JsonObject info =
          Json.parseObject(
              get(
                  ordererClient,
                  "https://" + orderer.adminAddress() + "/participation/v1/channels/" + channel));
      boolean leader =
          Metrics.channelSample(
                  get(ordererClient, "https://" + orderer.operationsAddress() + "/metrics"),
                  "consensus_etcdraft_is_leader",
                  channel)
              .map(v -> v == 1.0)
              .orElse(false);
      return new Health.OrdererHealth(
          orderer.name(),
          true,
          text(info, "consensusRelation"),
          text(info, "status"),
          info.has("height") ? info.get("height").getAsLong() : -1,
          leader,
          "");
    } catch (IOException | RuntimeException e) {
      return new Health.OrdererHealth(orderer.name(), false, "", "", -1, false, problem(e));
    }
  }

  private Health.PeerHealth peer(final ViewConfig.Peer peer) {
    HttpClient client = peerClients.get(peer.name());
    if (client == null) {
      return new Health.PeerHealth(peer.name(), peer.org(), false, -1, "no TLS material");
    }
    try {
      Optional<Double> height =
          Metrics.channelSample(
              get(client, "https://" + peer.operationsAddress() + "/metrics"),
              "ledger_blockchain_height",
              channel);
      return new Health.PeerHealth(
          peer.name(), peer.org(), true, height.map(Double::longValue).orElse(-1L), "");
    } catch (IOException | RuntimeException e) {
      return new Health.PeerHealth(peer.name(), peer.org(), false, -1, problem(e));
    }
  }

  private Health.ServiceHealth process(
      final String what, final String pidName, final String address) {
    Optional<Long> pid = pid(pidName);
    boolean alive = pid.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    boolean listening = address.isEmpty() || listening(address);
    String detail =
        (alive ? "pid " + pid.get() : "no running process recorded")
            + (address.isEmpty() ? "" : listening ? ", listening" : ", not listening");
    return new Health.ServiceHealth(what, address, alive && listening, detail);
  }

  private Optional<Long> pid(final String name) {
    Path file = Path.of(config.pidsDir(), name + ".pid");
    try {
      return Optional.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean listening(final String address) {
    int colon = address.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
          500);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String get(final HttpClient client, final String url) throws IOException {
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException(url + " answered " + response.statusCode());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static HttpClient client(final ViewConfig.TlsFiles tls) {
    return HttpClient.newBuilder()
        .connectTimeout(TIMEOUT)
        .sslContext(
            Tls.context(Path.of(tls.caFile()), Path.of(tls.certFile()), Path.of(tls.keyFile())))
        .build();
  }

  private static String text(final JsonObject object, final String name) {
    return object.has(name) && !object.get(name).isJsonNull() ? object.get(name).getAsString() : "";
  }

  private static String problem(final Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
