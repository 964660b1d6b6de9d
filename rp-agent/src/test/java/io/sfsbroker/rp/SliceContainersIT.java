package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.sfsbroker.device.testing.FakeDeviceLink;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.slice.InstantiationConfirmationBody;
import io.sfsbroker.protocol.slice.PartEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slices as real containers on the Docker engine named by {@code -Dsfsbroker.docker} (skipped
 * without it; failing when it is set but the engine does not answer). Needs the slice image ({@code
 * ./sfsbroker docker image}); {@code -Dsfsbroker.sliceImage} names another.
 */
class SliceContainersIT {

  private static final long MIB = 1L << 20;
  private static final String TENANT = "fog-it";

  private final String rpId = "it-rp-" + hex(4);
  private final HttpClient http = HttpClient.newHttpClient();
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
            "dockerHost": "%s", "image": "%s", "portRange": {"first": 21000, "last": 21999},
            "pidsLimit": 48, "stopTimeoutSeconds": 2, "readyTimeoutSeconds": 20,
            "receiptTimeoutSeconds": 5
            """
                .formatted(dockerHost, image));
    containers = SliceContainers.open(config);
    // Fails (does not skip) when the engine named by sfsbroker.docker does not answer.
    EngineInfo engine = containers.engine();
    engineAnswered = true;
    assertThat(engine.cpus()).isPositive();
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
      // Everything this test's RP left, whatever the test did.
      for (RunningSlice slice : containers.list()) {
        containers.remove(slice.sliceId());
      }
      containers.removeIdleNetworks();
    }
    containers.close();
  }

  @Test
  void start_enforcesTheAwardedLimits_andPublishesEachServiceOnTheLoopbackOnly() throws Exception {
    String sliceId = "s-it" + hex(6);
    Map<String, Long> amounts = new LinkedHashMap<>();
    amounts.put("cpu-millicores", 250L);
    amounts.put("memory-mib", 64L);
    amounts.put("storage-mib", 16L);
    amounts.put("bandwidth-mbps", 10L);

    RunningSlice slice = containers.start(SliceSpec.of(sliceId, TENANT, amounts, config));

    InspectContainerResponse inspected =
        containers.client().inspectContainerCmd(slice.containerId()).exec();
    HostConfig host = inspected.getHostConfig();
    assertThat(host.getNanoCPUs()).isEqualTo(250_000_000L);
    assertThat(host.getMemory()).isEqualTo(64 * MIB);
    assertThat(host.getMemorySwap()).isEqualTo(64 * MIB);
    assertThat(host.getPidsLimit()).isEqualTo(48L);
    assertThat(host.getReadonlyRootfs()).isTrue();
    assertThat(host.getSecurityOpts()).contains("no-new-privileges");
    assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
    assertThat(host.getCapAdd()).isNullOrEmpty();
    assertThat(host.getPrivileged()).isFalse();
    assertThat(host.getTmpFs())
        .containsOnlyKeys("/tmp", "/data")
        .containsEntry("/data", "rw,noexec,nosuid,nodev,size=" + 16 * MIB + ",mode=1777");
    assertThat(inspected.getConfig().getUser()).isEqualTo("65534:65534");
    assertThat(inspected.getState().getRunning()).isTrue();
    // On its tenant's network only, not on the default bridge (SliceIsolationIT tests the rest).
    assertThat(inspected.getNetworkSettings().getNetworks())
        .containsOnlyKeys(containers.networkOf(TENANT));
    assertThat(host.getNetworkMode()).isEqualTo(containers.networkOf(TENANT));
    assertThat(inspected.getConfig().getLabels())
        .containsEntry(SliceContainers.LABEL_SLICE, sliceId)
        .containsEntry(SliceContainers.LABEL_BLUEPRINT, sliceId)
        .containsEntry(SliceContainers.LABEL_RP, rpId)
        .containsEntry(
            SliceContainers.LABEL_AMOUNTS,
            "cpu-millicores=250,memory-mib=64,storage-mib=16,bandwidth-mbps=10");

    // One service per port: cpu, memory, storage one each, bandwidth two.
    assertThat(slice.services()).hasSize(5);
    assertThat(slice.publishedPorts()).hasSize(5).allMatch(p -> p >= 21000 && p <= 21999);
    Map<ExposedPort, Ports.Binding[]> requested = host.getPortBindings().getBindings();
    Map<ExposedPort, Ports.Binding[]> actual =
        inspected.getNetworkSettings().getPorts().getBindings();
    for (Service service : slice.services()) {
      ExposedPort port = ExposedPort.tcp(service.containerPort());
      assertThat(requested.get(port))
          .singleElement()
          .extracting(Ports.Binding::getHostIp)
          .isEqualTo("127.0.0.1");
      assertThat(actual.get(port))
          .allSatisfy(b -> assertThat(b.getHostIp()).isEqualTo("127.0.0.1"));
    }
    assertThat(new PortProbe().await("127.0.0.1", slice.publishedPorts(), Duration.ofSeconds(20)))
        .isEmpty();
    for (PartEndpoint part : slice.parts("127.0.0.1")) {
      for (int port : part.ports()) {
        HttpResponse<String> page =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(page.body()).get("slice").getAsString()).isEqualTo(sliceId);
        assertThat(Json.parseObject(page.body()).get("service").getAsString())
            .isEqualTo(part.category());
      }
    }

    // Inside: no capabilities, no new privileges, an unprivileged user, a read-only root.
    String status = exec(slice.containerId(), "cat /proc/self/status").output();
    assertThat(status).containsPattern("CapEff:\\s+0000000000000000");
    assertThat(status).containsPattern("NoNewPrivs:\\s+1");
    assertThat(exec(slice.containerId(), "id -u").output().trim()).isEqualTo("65534");
    assertThat(exec(slice.containerId(), "echo x > /x").exitCode()).isNotZero();
    assertThat(exec(slice.containerId(), "echo x > /data/x").exitCode()).isZero();
  }

  @Test
  void start_twice_findsTheSameContainer() {
    String sliceId = "s-it" + hex(6);
    SliceSpec spec = SliceSpec.of(sliceId, TENANT, Map.of("cpu-millicores", 100L), config);

    RunningSlice first = containers.start(spec);
    RunningSlice second = containers.start(spec);

    assertThat(second.containerId()).isEqualTo(first.containerId());
    assertThat(second.hostPorts()).isEqualTo(first.hostPorts());
    assertThat(containers.list()).hasSize(1);
  }

  @Test
  void start_ofAStoppedSlice_startsItAgainOnItsPorts() {
    String sliceId = "s-it" + hex(6);
    SliceSpec spec = SliceSpec.of(sliceId, TENANT, Map.of("memory-mib", 32L), config);
    RunningSlice first = containers.start(spec);
    containers.client().stopContainerCmd(first.containerId()).withTimeout(2).exec();
    assertThat(containers.find(sliceId)).get().extracting(RunningSlice::running).isEqualTo(false);

    RunningSlice again = containers.start(spec);

    assertThat(again.running()).isTrue();
    assertThat(again.containerId()).isEqualTo(first.containerId());
    assertThat(again.hostPorts()).isEqualTo(first.hostPorts());
  }

  @Test
  void remove_stopsAndRemovesTheContainer_leavingNothing() throws Exception {
    String sliceId = "s-it" + hex(6);
    RunningSlice slice =
        containers.start(SliceSpec.of(sliceId, TENANT, Map.of("cpu-millicores", 100L), config));
    assertThat(new PortProbe().await("127.0.0.1", slice.publishedPorts(), Duration.ofSeconds(20)))
        .isEmpty();

    assertThat(containers.remove(sliceId)).isTrue();

    assertThat(containers.list()).isEmpty();
    assertThat(containers.find(sliceId)).isEmpty();
    assertThatThrownBy(() -> containers.client().inspectContainerCmd(slice.containerId()).exec())
        .isInstanceOf(NotFoundException.class);
    assertThat(new PortProbe().await("127.0.0.1", slice.publishedPorts(), Duration.ZERO))
        .containsExactlyElementsOf(slice.publishedPorts());
    assertThat(containers.remove(sliceId)).isFalse();
    // Its tenant had no other slice: the network went with it.
    assertThat(containers.networks().ours()).isEmpty();
  }

  @Test
  void reconciliation_removesContainersOfSlicesTheLedgerDoesNotHaveLive() throws Exception {
    String live = "s-it" + hex(6);
    String ended = "s-it" + hex(6);
    String orphan = "s-it" + hex(6);
    containers.start(SliceSpec.of(live, TENANT, Map.of("cpu-millicores", 100L), config));
    containers.start(SliceSpec.of(ended, TENANT, Map.of("cpu-millicores", 100L), config));
    containers.start(SliceSpec.of(orphan, TENANT, Map.of("memory-mib", 32L), config));
    FakeDeviceLink link = new FakeDeviceLink(rpId);
    link.answer = m -> link.committed(m, null);
    link.states.put(live, "IN_SERVICE");
    link.states.put(ended, "TIMED_OUT");

    agent = new RpAgent(config, Clock.systemUTC(), SliceContainers::open, link.opener());
    agent.start();
    RpAgent.Reconciliation result = agent.firstReconciliation().get(60, TimeUnit.SECONDS);

    assertThat(result.kept()).containsExactly(live);
    assertThat(result.removed()).containsOnlyKeys(ended, orphan);
    assertThat(containers.list()).extracting(RunningSlice::sliceId).containsExactly(live);
    assertThat(agent.inUse()).containsEntry("cpu-millicores", 100L).containsEntry("memory-mib", 0L);
  }

  @Test
  void award_runsTheSliceInDocker_confirmsPortsThatAnswer_andTheEndRemovesIt() throws Exception {
    String sliceId = "s-it" + hex(6);
    FakeDeviceLink link = new FakeDeviceLink(rpId);
    link.answer = m -> link.committed(m, null);
    AtomicReference<Consumer<Notice>> notices = new AtomicReference<>();
    agent =
        new RpAgent(
            config,
            Clock.systemUTC(),
            SliceContainers::open,
            (device, clock, n) -> {
              notices.set(n);
              return link;
            });
    agent.start();
    agent.firstReconciliation().get(60, TimeUnit.SECONDS);

    notices
        .get()
        .accept(
            new Notice(
                1,
                "SliceAwarded",
                "tx-award",
                5,
                Json.parse(
                    """
                {"sliceId":"%s","tenantId":"fog-1","strategy":"STACKELBERG",
                 "winners":[{"category":"cpu-millicores","rpId":"%s","unitPrice":3,"amount":300,"price":900},
                            {"category":"memory-mib","rpId":"%s","unitPrice":2,"amount":64,"price":128}],
                 "totalPrice":1028,"federated":false,"tableDigest":"d",
                 "instantiationDeadline":"2999-01-01T00:00:00Z"}
                """
                        .formatted(sliceId, rpId, rpId))));

    // The agent confirms on its bring-up pool once the services answer.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (link.sent(Uplink.INSTANTIATION).isEmpty() && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    List<FakeDeviceLink.Message> confirmations = link.sent(Uplink.INSTANTIATION);
    assertThat(confirmations).hasSize(1);
    InstantiationConfirmationBody body =
        Json.fromJson(confirmations.get(0).body().toString(), InstantiationConfirmationBody.class);
    assertThat(body.parts())
        .extracting(PartEndpoint::category)
        .containsExactly("cpu-millicores", "memory-mib");
    for (PartEndpoint part : body.parts()) {
      assertThat(part.host()).isEqualTo("127.0.0.1");
      assertThat(part.instanceId()).isEqualTo(SliceContainers.containerName(rpId, sliceId));
      assertThat(new PortProbe().await(part.host(), part.ports(), Duration.ofSeconds(5))).isEmpty();
    }
    HostConfig host =
        containers
            .client()
            .inspectContainerCmd(containers.find(sliceId).orElseThrow().containerId())
            .exec()
            .getHostConfig();
    assertThat(host.getNanoCPUs()).isEqualTo(300_000_000L);
    assertThat(host.getMemory()).isEqualTo(64 * MIB).isEqualTo(host.getMemorySwap());

    notices
        .get()
        .accept(
            new Notice(
                1,
                "SliceDecommissioned",
                "tx-end",
                9,
                Json.parse(
                    """
                    {"id":"%s","tenantId":"fog-1","tenantOrg":"TenantsMSP",
                     "state":"DECOMMISSIONED","createdAt":"2025-03-01T09:59:50Z",
                     "offerDeadline":"2025-03-01T10:00:30Z","validitySeconds":3600,
                     "winners":[],"totalPrice":0,"federated":false,"endpoints":[],
                     "reason":"released by the tenant","updatedAt":"2025-03-01T10:01:00Z"}
                    """
                        .formatted(sliceId))));

    assertThat(containers.find(sliceId)).isEmpty();
    assertThat(agent.inUse()).containsEntry("cpu-millicores", 0L);
  }

  private DockerExec.Result exec(final String containerId, final String command) throws Exception {
    return DockerExec.run(containers.client(), containerId, command);
  }

  private static String hex(final int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
