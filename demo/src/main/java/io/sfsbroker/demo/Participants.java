package io.sfsbroker.demo;

import io.sfsbroker.gateway.testbed.Testbed;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.participant.ParticipantRole;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's first part: registers every device of the scenario with its certificate (one that is
 * registered already is fine), makes the broker's org the treasury once per network, tops every fog
 * node up to its credits, and writes each agent's configuration file.
 */
final class Participants {

  private final Scenario scenario;
  private final Settings settings;
  private final PrintStream out;

  Participants(final Scenario scenario, final Settings settings, final PrintStream out) {
    this.scenario = scenario;
    this.settings = settings;
    this.out = out;
  }

  void prepare(final Testbed testbed) throws IOException {
    Files.createDirectories(settings.config("x").getParent());
    for (Scenario.Fog fog : scenario.fogs()) {
      register(testbed, fog.id(), ParticipantRole.FOG_NODE);
      write(fog.id(), fogConfig(fog));
    }
    for (int i = 0; i < scenario.rps().size(); i++) {
      Scenario.Rp rp = scenario.rps().get(i);
      register(testbed, rp.id(), ParticipantRole.RESOURCE_PROVIDER);
      write(rp.id(), rpConfig(rp, i));
    }
    testbed
        .ensureTreasury()
        .ifPresent(
            proposal ->
                out.printf(
                    "governance: treasury changed by proposal %s (BrokerMSP proposed,"
                        + " ProvidersMSP approved)%n",
                    proposal.get("id").getAsString()));
    for (Scenario.Fog fog : scenario.fogs()) {
      testbed.topUp(fog.id(), scenario.fogCredits());
    }
    out.printf(
        "registered %s %s; each fog node holds %,d credits%n",
        String.join(" ", scenario.fogs().stream().map(Scenario.Fog::id).toList()),
        String.join(" ", scenario.rps().stream().map(Scenario.Rp::id).toList()),
        scenario.fogCredits());
  }

  private void register(final Testbed testbed, final String id, final ParticipantRole role)
      throws IOException {
    Path cert = settings.clients().resolve(id + ".crt");
    if (!Files.exists(cert)) {
      throw new IllegalStateException(
          "no certificate for " + id + " in " + settings.clients() + ": ./sfsbroker mqtt issue");
    }
    testbed.register(id, role, Files.readString(cert));
  }

  private Map<String, Object> device(final String id, final String role) {
    Map<String, Object> device = new LinkedHashMap<>();
    device.put("id", id);
    device.put("role", role);
    device.put("brokerUrl", settings.mqttUrl());
    device.put("caFile", settings.caFile().toString());
    device.put("certFile", settings.clients().resolve(id + ".crt").toString());
    device.put("keyFile", settings.clients().resolve(id + ".key").toString());
    device.put("stateDir", settings.dir().resolve("state").resolve(id).toString());
    return device;
  }

  private Map<String, Object> fogConfig(final Scenario.Fog fog) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("device", device(fog.id(), "fog-node"));
    config.put("requestTimeoutSeconds", 300);
    config.put("portCheckTimeoutMillis", 2000);
    config.put("portWaitSeconds", 30);
    config.put("httpCheck", true);
    return config;
  }

  private Map<String, Object> rpConfig(final Scenario.Rp rp, final int index) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("device", device(rp.id(), "rp"));
    config.put("categories", rp.categories());
    config.put("image", settings.sliceImage());
    config.put("dockerHost", settings.dockerHost());
    int first = settings.portBase() + index * Settings.PORTS_PER_RP;
    config.put("portRange", Map.of("first", first, "last", first + Settings.PORTS_PER_RP - 1));
    config.put("bindAddress", "127.0.0.1");
    config.put("advertisedHost", "127.0.0.1");
    return config;
  }

  private void write(final String id, final Map<String, Object> config) throws IOException {
    Files.writeString(settings.config(id), Json.toJson(config) + System.lineSeparator());
  }
}
