package io.sfsbroker.benchmarks.e2e;

import com.google.gson.JsonObject;
import io.sfsbroker.device.DeviceConfig;
import io.sfsbroker.fog.FogConfig;
import io.sfsbroker.fog.FogNodeAgent;
import io.sfsbroker.gateway.testbed.Testbed;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.participant.ParticipantRole;
import io.sfsbroker.rp.RpAgent;
import io.sfsbroker.rp.RpConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The participants of the benchmark on the running stack: {@value #RPS} RP agents and one fog-node
 * agent per concurrent request, each with the MQTT certificate {@code ./sfsbroker mqtt issue} gave
 * it, registered with that certificate's key and the fog nodes funded. The agents are the project's
 * own ({@link RpAgent}, {@link FogNodeAgent}), run in this process: they sign and send over MQTT
 * exactly what the agent processes send, and the RPs start real Docker containers.
 */
final class Stack implements AutoCloseable {

  /** How many RPs offer. */
  static final int RPS = 4;

  /** The ids the benchmark's devices get: {@code bench-e2e-fog-01…}, {@code bench-e2e-rp-1…}. */
  static String fogId(final int index) {
    return String.format(Locale.ROOT, "bench-e2e-fog-%02d", index + 1);
  }

  static String rpId(final int index) {
    return "bench-e2e-rp-" + (index + 1);
  }

  private static final long FOG_CREDITS = 1_000_000_000L;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final int PORTS_PER_RP = 250;

  /**
   * Where the devices are.
   *
   * @param mqttUrl the devices' listener of the broker
   * @param caFile the broker's CA
   * @param clients where the devices' certificates and keys are ({@code <id>.crt}, {@code .key})
   * @param stateDir where this run's devices keep their outboxes
   * @param image the slice image
   * @param dockerHost the Docker engine
   * @param portBase the first host port of the RPs' slices ({@value #PORTS_PER_RP} per RP)
   * @param subnets the first two octets of the tenant networks' subnets ({@code 10.211}), a /18 per
   *     RP
   */
  record Settings(
      String mqttUrl,
      Path caFile,
      Path clients,
      Path stateDir,
      String image,
      String dockerHost,
      int portBase,
      String subnets) {

    Settings {
      Objects.requireNonNull(mqttUrl, "mqttUrl");
      Objects.requireNonNull(caFile, "caFile");
      Objects.requireNonNull(clients, "clients");
      Objects.requireNonNull(stateDir, "stateDir");
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(dockerHost, "dockerHost");
      Objects.requireNonNull(subnets, "subnets");
    }
  }

  private final List<RpAgent> rps = new ArrayList<>();
  private final List<FogNodeAgent> fogs = new ArrayList<>();

  private Stack() {}

  /**
   * Registers {@value #RPS} RPs and {@code fogCount} fog nodes (one registered already is fine),
   * funds the fog nodes, starts the RP agents and waits until each has reconciled with the ledger
   * (an RP hears only blueprints published after it subscribed), then opens the fog-node agents.
   */
  static Stack start(final Testbed testbed, final Settings settings, final int fogCount)
      throws IOException, InterruptedException {
    Stack stack = new Stack();
    try {
      for (int i = 0; i < RPS; i++) {
        register(testbed, settings, rpId(i), ParticipantRole.RESOURCE_PROVIDER);
      }
      for (int i = 0; i < fogCount; i++) {
        register(testbed, settings, fogId(i), ParticipantRole.FOG_NODE);
        testbed.topUp(fogId(i), FOG_CREDITS);
      }
      for (int i = 0; i < RPS; i++) {
        RpAgent agent = new RpAgent(rpConfig(settings, i), Clock.systemUTC());
        stack.rps.add(agent);
        agent.start();
      }
      for (RpAgent agent : stack.rps) {
        agent.firstReconciliation().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      for (int i = 0; i < fogCount; i++) {
        FogConfig config =
            FogConfig.of(device(settings, fogId(i), Topics.ROLE_FOG_NODE))
                .withRequestTimeout(Duration.ofMinutes(5));
        stack.fogs.add(new FogNodeAgent(config, Clock.systemUTC()));
      }
      return stack;
    } catch (ExecutionException | TimeoutException e) {
      stack.close();
      throw new IllegalStateException("an RP agent did not reconcile with the ledger: " + e, e);
    } catch (IOException | InterruptedException | RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** The fog-node agent of concurrent request {@code index}. */
  FogNodeAgent fog(final int index) {
    return fogs.get(index);
  }

  private static void register(
      final Testbed testbed, final Settings settings, final String id, final ParticipantRole role)
      throws IOException {
    Path cert = settings.clients().resolve(id + ".crt");
    if (!Files.exists(cert)) {
      throw new IllegalArgumentException(
          "no certificate for "
              + id
              + " in "
              + settings.clients()
              + "; ./sfsbroker bench e2e issues them (./sfsbroker mqtt issue)");
    }
    testbed.register(id, role, Files.readString(cert));
  }

  private static DeviceConfig device(final Settings settings, final String id, final String role) {
    return new DeviceConfig(
        id,
        role,
        settings.mqttUrl(),
        settings.caFile(),
        settings.clients().resolve(id + ".crt"),
        settings.clients().resolve(id + ".key"),
        settings.stateDir().resolve(id));
  }

  /**
   * An RP with room for every concurrent slice: CPU and memory, priced a little differently per RP
   * so that the selection has a choice to make.
   */
  private static RpConfig rpConfig(final Settings settings, final int index) {
    DeviceConfig device = device(settings, rpId(index), Topics.ROLE_RP);
    JsonObject deviceJson = new JsonObject();
    deviceJson.addProperty("id", device.id());
    deviceJson.addProperty("role", device.role());
    deviceJson.addProperty("brokerUrl", device.brokerUrl());
    deviceJson.addProperty("caFile", device.caFile().toString());
    deviceJson.addProperty("certFile", device.certFile().toString());
    deviceJson.addProperty("keyFile", device.keyFile().toString());
    deviceJson.addProperty("stateDir", device.stateDir().toString());
    JsonObject categories = new JsonObject();
    categories.add(Load.CPU, terms(1_000_000, 2 + index));
    categories.add(Load.MEMORY, terms(4_000_000, 1 + (index + 1) % RPS));
    JsonObject root = new JsonObject();
    root.add("device", deviceJson);
    root.add("categories", categories);
    root.addProperty("image", settings.image());
    root.addProperty("dockerHost", settings.dockerHost());
    int first = settings.portBase() + index * PORTS_PER_RP;
    JsonObject ports = new JsonObject();
    ports.addProperty("first", first);
    ports.addProperty("last", first + PORTS_PER_RP - 1);
    root.add("portRange", ports);
    root.addProperty("bindAddress", "127.0.0.1");
    root.addProperty("advertisedHost", "127.0.0.1");
    JsonObject pool = new JsonObject();
    pool.addProperty("base", settings.subnets() + "." + (64 * index) + ".0/18");
    pool.addProperty("prefixLength", 24);
    root.add("networkPool", pool);
    return RpConfig.fromJson(root, settings.stateDir());
  }

  private static JsonObject terms(final long capacity, final long price) {
    JsonObject terms = new JsonObject();
    terms.addProperty("capacity", capacity);
    terms.addProperty("cost", 1);
    terms.addProperty("price", price);
    return terms;
  }

  @Override
  public void close() {
    for (FogNodeAgent fog : fogs) {
      fog.close();
    }
    for (RpAgent rp : rps) {
      rp.close();
    }
  }
}
