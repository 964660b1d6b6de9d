package io.sfsbroker.rp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SliceRuntime} without Docker: each slice's services are HTTP servers on free loopback
 * ports, so the agent's readiness check sees them answer. Tenant networks are names: one per tenant
 * with a slice, and the idle ones (left by a removal) until {@link #removeIdleNetworks}.
 */
final class FakeRuntime implements SliceRuntime {

  private final Map<String, RunningSlice> slices = new LinkedHashMap<>();
  private final Map<String, List<HttpServer>> servers = new LinkedHashMap<>();
  private final List<SliceSpec> started = new ArrayList<>();
  private final TreeSet<String> networks = new TreeSet<>();
  int idleNetworkPasses;
  volatile String failure;
  volatile String reserveFailure;

  /** While true, container starts wait until {@link #releaseStarts}. */
  volatile boolean holdStarts;

  private final CountDownLatch startGate = new CountDownLatch(1);
  private final CountDownLatch startsWaiting = new CountDownLatch(1);
  private final Map<String, Reservation> reserved = new LinkedHashMap<>();
  volatile boolean silent;

  /** While true, new slices' servers are bound but do not answer until {@link #serveHeld}. */
  volatile boolean holdServices;

  private final List<HttpServer> held = new ArrayList<>();
  boolean closed;

  @Override
  public EngineInfo engine() {
    return new EngineInfo("fake", 2, 8L << 30, false);
  }

  @Override
  public boolean hasImage() {
    return true;
  }

  @Override
  public synchronized Reservation reserve(final SliceSpec spec) {
    if (reserveFailure != null) {
      throw new IllegalStateException(reserveFailure);
    }
    Reservation reservation = new Reservation(spec, List.of());
    reserved.put(spec.sliceId(), reservation);
    return reservation;
  }

  @Override
  public RunningSlice start(final Reservation reservation) {
    try {
      if (holdStarts) {
        startsWaiting.countDown();
        startGate.await();
      }
      return run(reservation.spec());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      synchronized (this) {
        reserved.remove(reservation.spec().sliceId());
      }
    }
  }

  @Override
  public synchronized void cancel(final Reservation reservation) {
    reserved.remove(reservation.spec().sliceId());
  }

  /** The slices reserved and not started. */
  synchronized List<String> reserved() {
    return List.copyOf(reserved.keySet());
  }

  /** Lets the starts held back by {@link #holdStarts} go on. */
  void releaseStarts() {
    startGate.countDown();
  }

  /** Waits until a start is held back by {@link #holdStarts}. */
  boolean awaitHeldStart() throws InterruptedException {
    return startsWaiting.await(10, TimeUnit.SECONDS);
  }

  private synchronized RunningSlice run(final SliceSpec spec) {
    RunningSlice existing = slices.get(spec.sliceId());
    if (existing != null) {
      RunningSlice running = withRunning(existing, true);
      slices.put(spec.sliceId(), running);
      return running;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    started.add(spec);
    Map<Integer, Integer> hostPorts = new LinkedHashMap<>();
    List<HttpServer> own = new ArrayList<>();
    for (Service service : spec.services()) {
      if (silent) {
        hostPorts.put(service.containerPort(), 1);
        continue;
      }
      HttpServer server = serve(!holdServices);
      if (holdServices) {
        held.add(server);
      }
      own.add(server);
      hostPorts.put(service.containerPort(), server.getAddress().getPort());
    }
    servers.put(spec.sliceId(), own);
    String network = TenantNetworks.name("rp-1", spec.tenantId());
    networks.add(network);
    RunningSlice slice =
        new RunningSlice(
            "c-" + spec.sliceId(),
            SliceContainers.containerName("rp-1", spec.sliceId()),
            spec.sliceId(),
            spec.blueprintId(),
            spec.tenantId(),
            network,
            true,
            spec.amounts(),
            spec.services(),
            hostPorts);
    slices.put(spec.sliceId(), slice);
    return slice;
  }

  /** Adds a slice of tenant fog-1 as if it had been running before the agent started. */
  synchronized void preexisting(
      final String sliceId, final Map<String, Long> amounts, final boolean running) {
    preexisting(sliceId, "fog-1", amounts, running);
  }

  /** Adds a slice of {@code tenantId} as if it had been running before the agent started. */
  synchronized void preexisting(
      final String sliceId,
      final String tenantId,
      final Map<String, Long> amounts,
      final boolean running) {
    RunningSlice slice = run(SliceSpec.of(sliceId, tenantId, amounts, TestConfigs.config()));
    slices.put(sliceId, withRunning(slice, running));
    started.clear();
  }

  @Override
  public synchronized List<RunningSlice> list() {
    return List.copyOf(slices.values());
  }

  @Override
  public synchronized boolean remove(final String sliceId) {
    List<HttpServer> own = servers.remove(sliceId);
    if (own != null) {
      own.forEach(s -> s.stop(0));
    }
    return slices.remove(sliceId) != null;
  }

  @Override
  public synchronized List<String> removeIdleNetworks() {
    idleNetworkPasses++;
    List<String> idle = new ArrayList<>();
    for (String network : networks) {
      if (slices.values().stream().noneMatch(s -> s.network().equals(network))) {
        idle.add(network);
      }
    }
    idle.forEach(networks::remove);
    return idle;
  }

  /** The tenant networks there are now, used or idle. */
  synchronized List<String> networks() {
    return List.copyOf(networks);
  }

  synchronized List<SliceSpec> started() {
    return List.copyOf(started);
  }

  synchronized RunningSlice slice(final String sliceId) {
    return slices.get(sliceId);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /** Stops every server. */
  synchronized void shutdown() {
    servers.values().forEach(list -> list.forEach(s -> s.stop(0)));
    servers.clear();
  }

  private static RunningSlice withRunning(final RunningSlice slice, final boolean running) {
    return new RunningSlice(
        slice.containerId(),
        slice.name(),
        slice.sliceId(),
        slice.blueprintId(),
        slice.tenantId(),
        slice.network(),
        running,
        slice.amounts(),
        slice.services(),
        slice.hostPorts());
  }

  /** Lets the servers held back by {@link #holdServices} answer. */
  synchronized void serveHeld() {
    held.forEach(HttpServer::start);
    held.clear();
  }

  private static HttpServer serve(final boolean answer) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      if (answer) {
        server.start();
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
