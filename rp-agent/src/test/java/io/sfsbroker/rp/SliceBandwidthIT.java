package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ContainerNetwork;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The awarded {@code bandwidth-mbps} of a slice, enforced by traffic control on the container's
 * interface (docs/rp-agent.md, <i>Bandwidth</i>), measured on the Docker engine named by {@code
 * -Dsfsbroker.docker} (skipped without it). Bytes are pushed through a shaped and an unshaped slice
 * container, both ways, and the rates printed; the assertions are wide bands around the cap and a
 * clear gap to the unshaped rate, never a bound on how fast this machine is.
 */
class SliceBandwidthIT {

  private static final long CAP_MBPS = 20;
  private static final int SHAPED_BYTES = 6 * 1_000_000;
  private static final int UNSHAPED_BYTES = 60 * 1_000_000;
  private static final int LISTEN_PORT = 9000;

  private final String rpId = "it-bw-" + hex(4);
  private RpConfig config;
  private SliceContainers containers;

  @BeforeEach
  void open() {
    String dockerHost = System.getProperty("sfsbroker.docker");
    Assumptions.assumeTrue(
        dockerHost != null && !dockerHost.isBlank(),
        "set -Dsfsbroker.docker=unix:///var/run/docker.sock to run the Docker tests");
    String image = System.getProperty("sfsbroker.sliceImage", RpConfig.DEFAULT_IMAGE);
    config =
        TestConfigs.config(
            rpId,
            """
            "dockerHost": "%s", "image": "%s", "portRange": {"first": 22000, "last": 22999},
            "stopTimeoutSeconds": 2, "readyTimeoutSeconds": 20
            """
                .formatted(dockerHost, image));
    containers = SliceContainers.open(config);
    containers.engine();
    assertThat(containers.hasImage()).as("the image %s is on the engine", image).isTrue();
  }

  @AfterEach
  void clean() {
    if (containers == null) {
      return;
    }
    for (RunningSlice slice : containers.list()) {
      containers.remove(slice.sliceId());
    }
    containers.removeIdleNetworks();
    containers.close();
  }

  @Test
  void awardedBandwidth_capsTrafficBothWays_wellBelowTheUnshapedRate() throws Exception {
    RunningSlice shaped = start("fog-bw-a", CAP_MBPS);
    RunningSlice unshaped = start("fog-bw-b", 0);

    double shapedOut = outOf(shaped, SHAPED_BYTES);
    double unshapedOut = outOf(unshaped, UNSHAPED_BYTES);
    double shapedIn = into(shaped, SHAPED_BYTES);
    double unshapedIn = into(unshaped, UNSHAPED_BYTES);
    System.out.printf(
        "slice bandwidth, cap %d Mbit/s: out of the slice %.1f Mbit/s shaped, %.1f unshaped;"
            + " into the slice %.1f Mbit/s shaped, %.1f unshaped%n",
        CAP_MBPS, shapedOut, unshapedOut, shapedIn, unshapedIn);

    assertThat(shapedOut).isBetween(0.5 * CAP_MBPS, 1.15 * CAP_MBPS);
    assertThat(shapedIn).isBetween(0.5 * CAP_MBPS, 1.15 * CAP_MBPS);
    assertThat(unshapedOut).isGreaterThan(3.0 * shapedOut);
    assertThat(unshapedIn).isGreaterThan(3.0 * shapedIn);
  }

  @Test
  void stoppedSliceStartedAgain_isShapedAgain() throws Exception {
    RunningSlice shaped = start("fog-bw-c", CAP_MBPS);
    containers.client().stopContainerCmd(shaped.containerId()).withTimeout(2).exec();

    RunningSlice again =
        containers.start(SliceSpec.of(shaped.sliceId(), "fog-bw-c", amounts(CAP_MBPS), config));

    assertThat(again.running()).isTrue();
    assertThat(qdiscs(again)).contains("tbf").contains("rate 20Mbit");
    assertThat(hostEndQdiscs(again)).contains("tbf").contains("rate 20Mbit");
  }

  private RunningSlice start(final String tenant, final long mbps) throws Exception {
    RunningSlice slice =
        containers.start(SliceSpec.of("s-bw" + hex(5), tenant, amounts(mbps), config));
    String qdiscs = qdiscs(slice);
    if (mbps > 0) {
      assertThat(qdiscs).contains("tbf").contains("rate " + mbps + "Mbit");
    } else {
      assertThat(qdiscs).doesNotContain("tbf");
    }
    return slice;
  }

  private static Map<String, Long> amounts(final long mbps) {
    Map<String, Long> amounts = new LinkedHashMap<>();
    amounts.put("cpu-millicores", 500L);
    amounts.put("memory-mib", 64L);
    if (mbps > 0) {
      amounts.put("bandwidth-mbps", mbps);
    }
    return amounts;
  }

  /** Mbit/s of {@code bytes} sent by the slice (busybox nc from /dev/zero) to the host. */
  private double outOf(final RunningSlice slice, final int bytes) throws Exception {
    ContainerNetwork network = network(slice);
    InetAddress gateway = InetAddress.getByName(network.getGateway());
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(gateway, 0));
      server.setSoTimeout(20_000);
      CompletableFuture<DockerExec.Result> sender =
          CompletableFuture.supplyAsync(
              () ->
                  exec(
                      slice,
                      "nc "
                          + gateway.getHostAddress()
                          + " "
                          + server.getLocalPort()
                          + " </dev/zero"));
      try (Socket socket = server.accept()) {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        int first = in.read(buffer);
        assertThat(first).isPositive();
        long began = System.nanoTime();
        long read = 0;
        while (read < bytes) {
          int n = in.read(buffer);
          assertThat(n).as("the slice kept sending").isPositive();
          read += n;
        }
        double rate = mbps(read, System.nanoTime() - began);
        socket.close();
        sender.get(30, TimeUnit.SECONDS);
        return rate;
      }
    }
  }

  /** Mbit/s of {@code bytes} the host sends to the slice (busybox nc -l into /dev/null). */
  private double into(final RunningSlice slice, final int bytes) throws Exception {
    String address = network(slice).getIpAddress();
    CompletableFuture<DockerExec.Result> receiver =
        CompletableFuture.supplyAsync(() -> exec(slice, "nc -l -p " + LISTEN_PORT + " >/dev/null"));
    Socket socket = connect(address);
    try (socket) {
      OutputStream out = socket.getOutputStream();
      byte[] chunk = new byte[16 * 1024];
      out.write(chunk);
      long began = System.nanoTime();
      long sent = 0;
      while (sent < bytes) {
        out.write(chunk);
        sent += chunk.length;
      }
      out.flush();
      // A small send buffer: once it is written, all but the last few KiB have been taken.
      return mbps(sent, System.nanoTime() - began);
    } finally {
      receiver.get(30, TimeUnit.SECONDS);
    }
  }

  private static Socket connect(final String address) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Socket socket = new Socket();
      socket.setSendBufferSize(32 * 1024);
      try {
        socket.connect(new InetSocketAddress(address, LISTEN_PORT), 2000);
        return socket;
      } catch (java.io.IOException e) {
        socket.close();
        if (System.nanoTime() > until) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private ContainerNetwork network(final RunningSlice slice) {
    return containers
        .client()
        .inspectContainerCmd(slice.containerId())
        .exec()
        .getNetworkSettings()
        .getNetworks()
        .get(slice.network());
  }

  private DockerExec.Result exec(final RunningSlice slice, final String command) {
    try {
      return DockerExec.run(containers.client(), slice.containerId(), command);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String qdiscs(final RunningSlice slice) throws Exception {
    return netns(slice, "qdisc", "show", "dev", TrafficShaper.INTERFACE);
  }

  /** The qdiscs of the host's end of the slice's veth pair. */
  private String hostEndQdiscs(final RunningSlice slice) throws Exception {
    Long pid =
        containers.client().inspectContainerCmd(slice.containerId()).exec().getState().getPidLong();
    int peer =
        TrafficShaper.peerIndex(
            output(
                "nsenter", "-t", pid.toString(), "-n", "ip", "-o", "link", "show", "dev", "eth0"));
    String hostEnd = TrafficShaper.interfaceAt(output("ip", "-o", "link"), peer);
    return output("tc", "qdisc", "show", "dev", hostEnd);
  }

  /** The output of {@code tc args…} in the slice's network namespace, read from the host. */
  private String netns(final RunningSlice slice, final String... args) throws Exception {
    Long pid =
        containers.client().inspectContainerCmd(slice.containerId()).exec().getState().getPidLong();
    java.util.List<String> command =
        new java.util.ArrayList<>(java.util.List.of("nsenter", "-t", pid.toString(), "-n", "tc"));
    command.addAll(java.util.List.of(args));
    return output(command.toArray(String[]::new));
  }

  private static String output(final String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static double mbps(final long bytes, final long nanos) {
    return bytes * 8.0 / 1e6 / (nanos / 1e9);
  }

  private static String hex(final int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
