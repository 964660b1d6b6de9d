package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Network;
import io.sfsbroker.device.testing.FakeDeviceLink;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slices of different tenants cannot reach each other, tried from inside their containers on the
 * real Docker engine named by {@code -Dsfsbroker.docker} (skipped without it; failing when it is
 * set but the engine does not answer). The containers are started as the RP agent starts them
 * ({@link SliceContainers}); the probe is the slice image's busybox {@code nc}, sending an HTTP
 * request to the other container's address and service port.
 */
class SliceIsolationIT {

  /** A request for the slice's page, and how long a probe waits to connect. */
  private static final String PROBE = "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 %s %d";

  private final String rpId = "it-rp-" + hex(4);
  private final String tenantA = "fog-a-" + hex(3);
  private final String tenantB = "fog-b-" + hex(3);
  private RpConfig config;
  private SliceContainers containers;
  private RpAgent agent;
  private boolean engineAnswered;

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
            "stopTimeoutSeconds": 2, "readyTimeoutSeconds": 20, "receiptTimeoutSeconds": 5
            """
                .formatted(dockerHost, image));
    containers = SliceContainers.open(config);
    containers.engine();
    engineAnswered = true;
    assertThat(containers.hasImage())
        .as("the image %s is on the engine (./sfsbroker docker image builds it)", image)
        .isTrue();
  }

  @AfterEach
  void clean() {
    if (agent != null) {
      agent.close();
    }
    if (containers == null) {
      return;
    }
    if (engineAnswered) {
      for (RunningSlice slice : containers.list()) {
        containers.remove(slice.sliceId());
      }
      containers.removeIdleNetworks();
    }
    containers.close();
  }

  @Test
  void slicesOfTwoTenants_areOnTheirOwnNetworks_andOnlyATenantsOwnSlicesReachEachOther()
      throws Exception {
    RunningSlice a1 = start("s-a1" + hex(4), tenantA);
    RunningSlice a2 = start("s-a2" + hex(4), tenantA);
    RunningSlice b1 = start("s-b1" + hex(4), tenantB);
    String netA = containers.networkOf(tenantA);
    String netB = containers.networkOf(tenantB);

    // One network per tenant, labelled, and no slice on the default bridge.
    assertThat(netA).isNotEqualTo(netB);
    assertThat(networksOf(a1)).containsOnlyKeys(netA);
    assertThat(networksOf(a2)).containsOnlyKeys(netA);
    assertThat(networksOf(b1)).containsOnlyKeys(netB);
    assertThat(containers.networks().ours())
        .extracting(Network::getName)
        .containsExactlyInAnyOrder(netA, netB);
    for (Network network : containers.networks().ours()) {
      assertThat(network.getDriver()).isEqualTo("bridge");
      assertThat(network.getEnableIPv6()).isFalse();
      assertThat(network.getLabels())
          .containsEntry(SliceContainers.LABEL_RP, rpId)
          .containsEntry(
              SliceContainers.LABEL_TENANT, network.getName().equals(netA) ? tenantA : tenantB);
    }
    assertThat(
            containers
                .client()
                .inspectNetworkCmd()
                .withNetworkId("bridge")
                .exec()
                .getContainers()
                .keySet())
        .doesNotContain(a1.containerId(), a2.containerId(), b1.containerId());

    // The tenant still reaches every slice on its published ports.
    for (RunningSlice slice : List.of(a1, a2, b1)) {
      assertThat(new PortProbe().await("127.0.0.1", slice.publishedPorts(), Duration.ofSeconds(20)))
          .isEmpty();
    }

    String ipA1 = networksOf(a1).get(netA).getIpAddress();
    String ipB1 = networksOf(b1).get(netB).getIpAddress();
    int port = SliceSpec.FIRST_CONTAINER_PORT;

    // Tenant A's second slice reaches its first one ...
    DockerExec.Result sameTenant = probe(a2, ipA1, port);
    assertThat(sameTenant.exitCode()).as(sameTenant.output()).isZero();
    assertThat(sameTenant.output()).contains("200 OK").contains("\"slice\":\"" + a1.sliceId());

    // ... but neither tenant reaches the other's container, in either direction,
    DockerExec.Result aToB = probe(a1, ipB1, port);
    assertThat(aToB.exitCode()).as(aToB.output()).isNotZero();
    assertThat(aToB.output()).doesNotContain("HTTP/1");
    DockerExec.Result bToA = probe(b1, ipA1, port);
    assertThat(bToA.exitCode()).as(bToA.output()).isNotZero();
    assertThat(bToA.output()).doesNotContain("HTTP/1");

    // ... nor the other's published port through its own gateway (the host): it is on the host's
    // loopback only.
    String gatewayA = networksOf(a1).get(netA).getGateway();
    DockerExec.Result throughHost = probe(a1, gatewayA, b1.publishedPorts().get(0));
    assertThat(throughHost.exitCode()).as(throughHost.output()).isNotZero();
    assertThat(throughHost.output()).doesNotContain("HTTP/1");
  }

  /**
   * With the suite's engine ({@code --iptables=false --ip-forward=false}, network/lib/docker.sh)
   * Docker installs no isolation rules: a slice has a route to every other network (its default
   * route, through its gateway, the host), and what stops a packet to another tenant's network is
   * that the host does not forward it. This test pins that property, so a change of the engine's
   * flags or of the host's {@code net.ipv4.ip_forward} shows here.
   */
  @Test
  void isolationBetweenTenantNetworks_restsOnTheHostNotForwardingIpv4() throws Exception {
    RunningSlice a1 = start("s-a1" + hex(4), tenantA);
    RunningSlice b1 = start("s-b1" + hex(4), tenantB);
    ContainerNetwork onA = networksOf(a1).get(containers.networkOf(tenantA));
    ContainerNetwork onB = networksOf(b1).get(containers.networkOf(tenantB));

    Info info = containers.client().infoCmd().exec();
    assertThat(info.getIPv4Forwarding())
        .as(
            "the engine's host forwards IPv4: tenant networks are then kept apart only by"
                + " dockerd's iptables rules, which --iptables=false does not install")
        .isFalse();
    assertThat(containers.engine().ipv4Forwarding()).isFalse();

    // Two bridges, two subnets: B is not on A's link ...
    assertThat(onA.getGateway()).isNotEqualTo(onB.getGateway());
    assertThat(routesTo(a1, onB.getIpAddress())).containsExactly("00000000/00000000");
    // ... yet A has a route to it: the default one, through A's gateway, the host.
    String route =
        DockerExec.run(containers.client(), a1.containerId(), "cat /proc/net/route").output();
    assertThat(route).containsPattern("eth0\\s+00000000\\s+" + procHex(onA.getGateway()));
    // The host holds the gateway address and answers there (refusing the port) ...
    DockerExec.Result gateway = probe(a1, onA.getGateway(), 9);
    assertThat(gateway.output()).contains("refused");
    // ... but a packet to B's container gets no answer at all: the host drops it, not forwarding.
    DockerExec.Result toB = probe(a1, onB.getIpAddress(), SliceSpec.FIRST_CONTAINER_PORT);
    assertThat(toB.exitCode()).isNotZero();
    assertThat(toB.output()).contains("timed out").doesNotContain("refused");
  }

  @Test
  void theLastSliceOfATenantGone_takesItsNetworkWithIt_andLeavesTheOtherTenantsNetwork() {
    RunningSlice a1 = start("s-a1" + hex(4), tenantA);
    RunningSlice a2 = start("s-a2" + hex(4), tenantA);
    start("s-b1" + hex(4), tenantB);
    String netA = containers.networkOf(tenantA);
    String netB = containers.networkOf(tenantB);

    assertThat(containers.remove(a1.sliceId())).isTrue();
    assertThat(networkNames()).containsExactlyInAnyOrder(netA, netB);

    assertThat(containers.remove(a2.sliceId())).isTrue();
    assertThat(networkNames()).containsExactly(netB);
  }

  @Test
  void idleNetworks_goAtTheAgentsStart_whileOnesWithAStoppedSliceStay() throws Exception {
    RunningSlice a1 = start("s-a1" + hex(4), tenantA);
    containers.client().stopContainerCmd(a1.containerId()).withTimeout(2).exec();
    String idle = containers.networks().ensure("fog-idle-" + hex(3));
    assertThat(networkNames()).containsExactlyInAnyOrder(idle, containers.networkOf(tenantA));

    // A stopped container keeps its network (it needs it to start again) ...
    assertThat(containers.removeIdleNetworks()).containsExactly(idle);
    assertThat(networkNames()).containsExactly(containers.networkOf(tenantA));

    // ... and the agent's reconciliation, which starts the live slice again, finds it in place
    // and, once the ledger has ended the slice, removes container and network.
    containers.networks().ensure("fog-idle-" + hex(3));
    FakeDeviceLink link = new FakeDeviceLink(rpId);
    link.answer = m -> link.committed(m, null);
    link.states.put(a1.sliceId(), "IN_SERVICE");
    agent = new RpAgent(config, Clock.systemUTC(), SliceContainers::open, link.opener());
    agent.start();
    RpAgent.Reconciliation first = agent.firstReconciliation().get(60, TimeUnit.SECONDS);

    assertThat(first.restarted()).containsExactly(a1.sliceId());
    assertThat(networkNames()).containsExactly(containers.networkOf(tenantA));
    assertThat(containers.find(a1.sliceId()))
        .get()
        .extracting(RunningSlice::running)
        .isEqualTo(true);
    agent.close();
    agent = null;

    link.states.put(a1.sliceId(), "DECOMMISSIONED");
    agent = new RpAgent(config, Clock.systemUTC(), SliceContainers::open, link.opener());
    agent.start();
    RpAgent.Reconciliation second = agent.firstReconciliation().get(60, TimeUnit.SECONDS);

    assertThat(second.removed()).containsOnlyKeys(a1.sliceId());
    assertThat(containers.list()).isEmpty();
    assertThat(networkNames()).isEmpty();
  }

  @Test
  void withANetworkPool_eachTenantGetsTheNextFreeSubnetOfIt_andStaysIsolated() throws Exception {
    RpConfig pooled =
        TestConfigs.config(
            rpId,
            """
            "dockerHost": "%s", "image": "%s", "portRange": {"first": 22000, "last": 22999},
            "stopTimeoutSeconds": 2, "readyTimeoutSeconds": 20, "receiptTimeoutSeconds": 5,
            "networkPool": {"base": "10.213.0.0/24", "prefixLength": 28}
            """
                .formatted(config.dockerHost(), config.image()));
    try (SliceContainers own = SliceContainers.open(pooled)) {
      RunningSlice a1 =
          own.start(SliceSpec.of("s-a1" + hex(4), tenantA, Map.of("cpu-millicores", 100L), pooled));
      RunningSlice b1 =
          own.start(SliceSpec.of("s-b1" + hex(4), tenantB, Map.of("cpu-millicores", 100L), pooled));

      List<String> subnets = new java.util.ArrayList<>();
      for (Network network : own.networks().ours()) {
        subnets.add(network.getIpam().getConfig().get(0).getSubnet());
      }
      assertThat(subnets)
          .hasSize(2)
          .doesNotHaveDuplicates()
          .allMatch(subnet -> subnet.startsWith("10.213.0.") && subnet.endsWith("/28"));
      String ipA1 = networksOf(a1).get(own.networkOf(tenantA)).getIpAddress();
      String ipB1 = networksOf(b1).get(own.networkOf(tenantB)).getIpAddress();
      assertThat(ipA1).startsWith("10.213.0.");
      assertThat(new PortProbe().await("127.0.0.1", b1.publishedPorts(), Duration.ofSeconds(20)))
          .isEmpty();
      DockerExec.Result aToB = probe(a1, ipB1, SliceSpec.FIRST_CONTAINER_PORT);
      assertThat(aToB.exitCode()).as(aToB.output()).isNotZero();
      DockerExec.Result self = probe(a1, ipA1, SliceSpec.FIRST_CONTAINER_PORT);
      assertThat(self.output()).contains("200 OK");

      own.remove(a1.sliceId());
      own.remove(b1.sliceId());
      assertThat(own.networks().ours()).isEmpty();
    }
  }

  @Test
  void aSliceThatCannotStart_leavesNoNetworkBehind() {
    RpConfig broken =
        TestConfigs.config(
            rpId,
            """
            "dockerHost": "%s", "image": "sfsbroker/not-built-%s:0",
            "portRange": {"first": 22000, "last": 22999}
            """
                .formatted(config.dockerHost(), hex(3)));
    try (SliceContainers own = SliceContainers.open(broken)) {
      SliceSpec spec =
          SliceSpec.of("s-x" + hex(4), tenantA, Map.of("cpu-millicores", 100L), broken);

      assertThatThrownBy(() -> own.start(spec))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is missing");
      assertThat(own.list()).isEmpty();
      assertThat(own.networks().ours()).isEmpty();
    }
  }

  private RunningSlice start(final String sliceId, final String tenantId) {
    return containers.start(
        SliceSpec.of(sliceId, tenantId, Map.of("cpu-millicores", 100L), config));
  }

  private DockerExec.Result probe(final RunningSlice from, final String host, final int port)
      throws InterruptedException {
    return DockerExec.run(containers.client(), from.containerId(), PROBE.formatted(host, port));
  }

  private Map<String, ContainerNetwork> networksOf(final RunningSlice slice) {
    InspectContainerResponse inspected =
        containers.client().inspectContainerCmd(slice.containerId()).exec();
    return inspected.getNetworkSettings().getNetworks();
  }

  private List<String> networkNames() {
    return containers.networks().ours().stream().map(Network::getName).toList();
  }

  /**
   * The routes of {@code slice} that cover {@code address}, as {@code destination/mask} in the hex
   * of /proc/net/route.
   */
  private List<String> routesTo(final RunningSlice slice, final String address) throws Exception {
    long target = Long.parseLong(procHex(address), 16);
    String table =
        DockerExec.run(containers.client(), slice.containerId(), "cat /proc/net/route").output();
    List<String> covering = new java.util.ArrayList<>();
    for (String line : table.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length > 7 && fields[1].matches("[0-9A-F]{8}")) {
        long destination = Long.parseLong(fields[1], 16);
        long mask = Long.parseLong(fields[7], 16);
        if ((target & mask) == destination) {
          covering.add(fields[1] + "/" + fields[7]);
        }
      }
    }
    return covering;
  }

  /** An IPv4 address as /proc/net/route writes it: the bytes in reverse order, in hex. */
  private static String procHex(final String address) throws Exception {
    byte[] bytes = InetAddress.getByName(address).getAddress();
    return String.format("%02X%02X%02X%02X", bytes[3], bytes[2], bytes[1], bytes[0]);
  }

  private static String hex(final int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
