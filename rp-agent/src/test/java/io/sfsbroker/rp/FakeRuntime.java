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

/**
 * A {@link SliceRuntime} without Docker: each slice's services are HTTP servers on free loopback
 * ports, so the agent's readiness check sees them answer.
 */
final class FakeRuntime implements SliceRuntime {

  private final Map<String, RunningSlice> slices = new LinkedHashMap<>();
  private final Map<String, List<HttpServer>> servers = new LinkedHashMap<>();
  private final List<SliceSpec> started = new ArrayList<>();
  volatile String failure;
  volatile boolean silent;
  boolean closed;

  @Override
  public EngineInfo engine() {
    return new EngineInfo("fake", 2, 8L << 30);
  }

  @Override
  public boolean hasImage() {
    return true;
  }

  @Override
  public synchronized RunningSlice start(final SliceSpec spec) {
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
      HttpServer server = serve();
      own.add(server);
      hostPorts.put(service.containerPort(), server.getAddress().getPort());
    }
    servers.put(spec.sliceId(), own);
    RunningSlice slice =
        new RunningSlice(
            "c-" + spec.sliceId(),
            SliceContainers.containerName("rp-1", spec.sliceId()),
            spec.sliceId(),
            spec.blueprintId(),
            true,
            spec.amounts(),
            spec.services(),
            hostPorts);
    slices.put(spec.sliceId(), slice);
    return slice;
  }

  /** Adds a slice as if it had been running before the agent started. */
  synchronized void preexisting(
      final String sliceId, final Map<String, Long> amounts, final boolean running) {
    RunningSlice slice = start(SliceSpec.of(sliceId, amounts, TestConfigs.config()));
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
        running,
        slice.amounts(),
        slice.services(),
        slice.hostPorts());
  }

  private static HttpServer serve() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
