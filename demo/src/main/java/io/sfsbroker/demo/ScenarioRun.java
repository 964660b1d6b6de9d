package io.sfsbroker.demo;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.fog.GcLog;
import io.sfsbroker.fog.SliceReport;
import io.sfsbroker.gateway.testbed.LedgerReader;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.transaction.TransactionName;
import io.sfsbroker.rp.RpConfig;
import io.sfsbroker.rp.SliceContainers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The demo's second part, once the RP agents run: every fog node of the scenario asks for its slice
 * at the same time (each a {@code fog-node-agent request} process in a 64 MB heap, as on a
 * Raspberry Pi), then the demo checks what the ledger awarded against what was asked, that every
 * winner's container holds the awarded limits and is locked down, decommissions the slices and
 * checks their containers are gone. Each step is recorded in the steps file.
 */
final class ScenarioRun {

  private static final Duration AGENT_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration REMOVAL_TIMEOUT = Duration.ofSeconds(60);
  private static final String CPU = "cpu-millicores";
  private static final String MEMORY = "memory-mib";
  private static final long MIB = 1L << 20;

  private final Scenario scenario;
  private final Settings settings;
  private final LedgerReader ledger;
  private final DockerClient docker;
  private final Steps steps;
  private final List<Outcome> outcomes = new ArrayList<>();

  ScenarioRun(
      final Scenario scenario,
      final Settings settings,
      final LedgerReader ledger,
      final DockerClient docker,
      final Steps steps) {
    this.scenario = scenario;
    this.settings = settings;
    this.ledger = ledger;
    this.docker = docker;
    this.steps = steps;
    scenario.fogs().forEach(fog -> outcomes.add(new Outcome(fog)));
  }

  /** Runs the steps; returns what each fog node's request came to. */
  List<Outcome> run() throws IOException {
    Files.createDirectories(settings.reports());
    steps.run(outcomes.size() + " concurrent slice requests", this::requests);
    steps.run("the ledger: state, escrow, awarded against asked", this::ledger);
    steps.run("containers hold the awarded limits", this::containers);
    steps.run("decommission", this::decommission);
    return List.copyOf(outcomes);
  }

  // ---- requests ----------------------------------------------------------------------------

  private boolean requests() throws Exception {
    List<Process> processes = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      String id = outcome.fog.id();
      List<String> command = new ArrayList<>();
      command.add(settings.fogAgent().toString());
      command.add("request");
      command.add("-c");
      command.add(settings.config(id).toString());
      command.addAll(outcome.fog.requestArgs());
      command.addAll(List.of("--window", scenario.offerWindowSeconds() + "s", "--json", "--quiet"));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(report(id, "json").toFile())
              .redirectError(report(id, "err").toFile());
      builder.environment().put("FOG_NODE_AGENT_JAVA_OPTS", GcLog.option(report(id, "gc.log")));
      processes.add(builder.start());
    }
    boolean ok = true;
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome outcome = outcomes.get(i);
      Process process = processes.get(i);
      if (!process.waitFor(AGENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      String json = Files.readString(report(outcome.fog.id(), "json")).trim();
      if (json.isEmpty()) {
        outcome.failure = lastLines(report(outcome.fog.id(), "err"), 3);
        ok = false;
        continue;
      }
      outcome.report = Json.fromJson(json, SliceReport.class);
      Path gc = report(outcome.fog.id(), "gc.log");
      if (Files.exists(gc)) {
        outcome.heap = GcLog.read(gc);
      }
      if (outcome.report.outcome() != SliceReport.Outcome.CONFIRMED) {
        outcome.problems.add("the fog node did not confirm: " + outcome.report.outcome());
        ok = false;
      }
      if (!outcome.report.unreached().isEmpty()) {
        outcome.problems.add(outcome.report.unreached().size() + " endpoint(s) not reached");
        ok = false;
      }
    }
    return ok;
  }

  // ---- the ledger --------------------------------------------------------------------------

  private boolean ledger() {
    boolean ok = true;
    for (Outcome outcome : outcomes) {
      String slice = outcome.sliceId();
      if (slice == null) {
        ok = false;
        continue;
      }
      Map<String, Long> asked = new TreeMap<>();
      for (JsonElement element :
          ledger.read(TransactionName.REQUEST_GET_BLUEPRINT, slice).getAsJsonArray("categories")) {
        JsonObject category = element.getAsJsonObject();
        asked.put(category.get("category").getAsString(), category.get("amount").getAsLong());
      }
      Map<String, Outcome.Award> awarded = new TreeMap<>();
      JsonObject selection = ledger.read(TransactionName.SELECTION_GET_SELECTION, slice);
      for (JsonElement element : selection.getAsJsonArray("winners")) {
        JsonObject winner = element.getAsJsonObject();
        String category = winner.get("category").getAsString();
        awarded.put(
            category,
            new Outcome.Award(
                category,
                asked.getOrDefault(category, 0L),
                winner.get("amount").getAsLong(),
                winner.get("rpId").getAsString()));
      }
      for (Map.Entry<String, Long> category : asked.entrySet()) {
        outcome.awards.add(
            awarded.getOrDefault(
                category.getKey(),
                new Outcome.Award(category.getKey(), category.getValue(), 0, null)));
        if (!awarded.containsKey(category.getKey())) {
          outcome.problems.add("no winner for " + category.getKey());
          ok = false;
        }
      }
      long total = awarded.values().stream().mapToLong(Outcome.Award::awarded).sum();
      if (total == 0) {
        outcome.problems.add("nothing awarded");
        ok = false;
      }
      JsonObject escrow = ledger.read(TransactionName.CREDIT_GET_ESCROW, slice);
      outcome.escrow =
          escrow.get("state").getAsString() + ", " + escrow.get("amount").getAsLong() + " credits";
      outcome.stateInService = ledger.sliceState(slice);
      if (outcome.report.outcome() == SliceReport.Outcome.CONFIRMED
          && !"IN_SERVICE".equals(outcome.stateInService)) {
        outcome.problems.add("confirmed, but the ledger says " + outcome.stateInService);
        ok = false;
      }
    }
    return ok;
  }

  // ---- containers --------------------------------------------------------------------------

  private boolean containers() {
    boolean ok = true;
    for (Outcome outcome : outcomes) {
      String slice = outcome.sliceId();
      if (slice == null || outcome.awards.isEmpty()) {
        ok = false;
        continue;
      }
      Map<String, Map<String, Long>> byRp = new TreeMap<>();
      for (Outcome.Award award : outcome.awards) {
        if (award.rpId() != null) {
          byRp.computeIfAbsent(award.rpId(), k -> new TreeMap<>())
              .put(award.category(), award.awarded());
        }
      }
      for (Map.Entry<String, Map<String, Long>> rp : byRp.entrySet()) {
        Outcome.Container container = inspect(slice, rp.getKey(), rp.getValue());
        outcome.containers.add(container);
        if (!container.problems().isEmpty()) {
          outcome.problems.addAll(container.problems());
          ok = false;
        }
      }
    }
    return ok;
  }

  private Outcome.Container inspect(
      final String slice, final String rpId, final Map<String, Long> amounts) {
    String name = SliceContainers.containerName(rpId, slice);
    InspectContainerResponse response;
    try {
      response = docker.inspectContainerCmd(name).exec();
    } catch (NotFoundException e) {
      return new Outcome.Container(
          rpId, name, 0, 0, false, 0, false, "", "", List.of("no container " + name));
    }
    RpConfig config = RpConfig.load(settings.config(rpId));
    HostConfig host = response.getHostConfig();
    long cpu = host.getNanoCPUs() / 1_000_000;
    long memory = host.getMemory() / MIB;
    long wantCpu = Math.max(amounts.getOrDefault(CPU, 0L), config.minCpuMillicores());
    long wantMemory = Math.max(amounts.getOrDefault(MEMORY, 0L), config.minMemoryMib());
    List<String> problems = new ArrayList<>();
    if (!Boolean.TRUE.equals(response.getState().getRunning())) {
      problems.add(name + " is not running");
    }
    if (cpu != wantCpu) {
      problems.add(name + ": " + cpu + "m CPU, the award gives " + wantCpu + "m");
    }
    if (memory != wantMemory) {
      problems.add(name + ": " + memory + " MiB, the award gives " + wantMemory + " MiB");
    }
    boolean noSwap = host.getMemory().equals(host.getMemorySwap());
    if (!noSwap) {
      problems.add(name + " may swap");
    }
    long pids = host.getPidsLimit() == null ? 0 : host.getPidsLimit();
    if (pids != config.pidsLimit()) {
      problems.add(name + ": pids limit " + pids + ", configured " + config.pidsLimit());
    }
    boolean readOnly = Boolean.TRUE.equals(host.getReadonlyRootfs());
    if (!readOnly) {
      problems.add(name + " has a writable root file system");
    }
    String capDrop =
        host.getCapDrop() == null
            ? ""
            : String.join(",", Arrays.stream(host.getCapDrop()).map(Enum::name).toList());
    if (!"ALL".equals(capDrop)) {
      problems.add(name + " keeps capabilities (CapDrop " + capDrop + ")");
    }
    String security =
        host.getSecurityOpts() == null ? "" : String.join(",", host.getSecurityOpts());
    if (!security.contains("no-new-privileges")) {
      problems.add(name + " lacks no-new-privileges");
    }
    return new Outcome.Container(
        rpId, name, cpu, memory, noSwap, pids, readOnly, capDrop, security, problems);
  }

  // ---- decommission ------------------------------------------------------------------------

  private boolean decommission() throws Exception {
    boolean ok = true;
    for (Outcome outcome : outcomes) {
      String slice = outcome.sliceId();
      if (slice == null || outcome.report.outcome() != SliceReport.Outcome.CONFIRMED) {
        continue;
      }
      String id = outcome.fog.id();
      Process process =
          new ProcessBuilder(
                  settings.fogAgent().toString(),
                  "decommission",
                  "-c",
                  settings.config(id).toString(),
                  "--quiet",
                  slice)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(report(id, "decommission.err").toFile())
              .start();
      if (!process.waitFor(AGENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          || process.exitValue() != 0) {
        process.destroyForcibly();
        outcome.decommissioned =
            "decommission failed: " + lastLines(report(id, "decommission.err"), 1);
        outcome.problems.add(outcome.decommissioned);
        ok = false;
        continue;
      }
      long deadline = System.nanoTime() + REMOVAL_TIMEOUT.toNanos();
      int left = SliceContainers.containersOf(docker, slice).size();
      while (left > 0 && System.nanoTime() < deadline) {
        Thread.sleep(500);
        left = SliceContainers.containersOf(docker, slice).size();
      }
      outcome.transitions = ledger.transitions(slice);
      String state = ledger.sliceState(slice);
      outcome.decommissioned =
          (left == 0 ? "containers removed" : left + " containers left") + ", ledger " + state;
      if (left > 0 || !"DECOMMISSIONED".equals(state)) {
        outcome.problems.add(outcome.decommissioned);
        ok = false;
      }
    }
    return ok;
  }

  private Path report(final String id, final String suffix) {
    return settings.reports().resolve(id + "." + suffix);
  }

  private static String lastLines(final Path file, final int n) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join(" ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(no " + file.getFileName() + ")";
    }
  }
}
