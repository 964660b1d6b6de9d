package io.sfsbroker.demo;

import io.sfsbroker.fog.SliceReport;
import java.io.PrintStream;
import java.util.List;

/**
 * The demo's report: per fog node what it asked, its slice with winners, prices and endpoints, the
 * timings the agent measured and its heap; what the ledger awarded against what was asked; every
 * container's limits as {@code docker inspect} shows them; the decommissions; the steps.
 */
final class Report {

  private final PrintStream out;

  Report(final PrintStream out) {
    this.out = out;
  }

  void print(final List<Outcome> outcomes, final List<Steps.Step> steps, final String logs) {
    out.println();
    out.println(
        "================================ SFSBroker demo report ================================");
    for (Outcome outcome : outcomes) {
      out.println();
      fog(outcome);
    }
    containers(outcomes);
    decommissions(outcomes);
    out.println();
    out.println("steps (seconds):");
    boolean ok = !steps.isEmpty();
    for (Steps.Step step : steps) {
      out.printf("  %-48s %4d s  %s%n", step.name(), step.seconds(), step.ok() ? "ok" : "FAILED");
      ok &= step.ok();
    }
    for (Outcome outcome : outcomes) {
      ok &= outcome.problems.isEmpty() && outcome.report != null;
    }
    out.println();
    out.println(
        ok
            ? "RESULT: every step succeeded"
            : "RESULT: FAILED (see above; logs in " + logs + ", reports in the demo's reports/)");
  }

  private void fog(final Outcome outcome) {
    String ask = outcome.fog.id() + ": " + String.join(" ", outcome.fog.requestArgs());
    SliceReport r = outcome.report;
    if (r == null) {
      out.println(outcome.fog.id() + ": FAILED: " + outcome.failure);
      return;
    }
    out.println(ask);
    out.printf(
        "  slice %s: %s, state %s, total price %d%s%n",
        r.sliceId(), r.outcome(), r.state(), r.totalPrice(), r.federated() ? " (federated)" : "");
    out.println("  winners:");
    for (SliceReport.Part part : r.parts()) {
      out.printf(
          "    %-16s %s  amount %d  unit price %d  price %d%n",
          part.category(), part.rpId(), part.amount(), part.unitPrice(), part.price());
    }
    if (!outcome.awards.isEmpty()) {
      out.println("  asked and awarded (ledger: blueprint against selection):");
      for (Outcome.Award award : outcome.awards) {
        out.printf(
            "    %-16s asked %6d  awarded %6d  %s%n",
            award.category(),
            award.asked(),
            award.awarded(),
            award.asAsked() ? "= asked" : "differs from what was asked");
      }
      out.printf("  ledger: slice %s, escrow %s%n", outcome.stateInService, outcome.escrow);
    }
    out.println("  endpoints:");
    for (SliceReport.PortCheck port : r.ports()) {
      out.printf(
          "    %-16s %s  %s:%d  %s%s in %d ms%n",
          port.category(),
          port.rpId(),
          port.host(),
          port.port(),
          port.reached() ? "reached" : "NOT REACHED",
          port.httpStatus() == null ? "" : " (HTTP " + port.httpStatus() + ")",
          port.millis());
    }
    SliceReport.Timings t = r.timings();
    out.printf(
        "  timings (ms): receipt %s, award %s, handover %s, port checks %s, confirmation %s, end"
            + " to end %s%n",
        t.receipt(), t.award(), t.handover(), t.portChecks(), t.confirmation(), t.endToEnd());
    if (outcome.heap != null) {
      out.println("  fog-node agent heap: -Xmx64m, " + outcome.heap);
    }
    for (String problem : outcome.problems) {
      out.println("  PROBLEM: " + problem);
    }
  }

  private void containers(final List<Outcome> outcomes) {
    if (outcomes.stream().allMatch(o -> o.containers.isEmpty())) {
      return;
    }
    out.println();
    out.println("containers while in service (docker inspect; limits checked against the award):");
    String format = "  %-6s %-28s %-5s %-40s %-7s %-8s %-5s %-5s %-3s %-4s %-18s %s%n";
    out.printf(
        format,
        "fog",
        "slice",
        "rp",
        "name",
        "cpus",
        "memory",
        "swap",
        "pids",
        "fs",
        "caps",
        "security",
        "check");
    for (Outcome outcome : outcomes) {
      for (Outcome.Container c : outcome.containers) {
        out.printf(
            format,
            outcome.fog.id(),
            outcome.sliceId(),
            c.rpId(),
            c.name(),
            c.cpuMillicores() + "m",
            c.memoryMib() + "MiB",
            c.noSwap() ? "=mem" : "SWAP!",
            c.pidsLimit(),
            c.readOnly() ? "ro" : "RW!",
            c.capDrop(),
            c.securityOpt(),
            c.problems().isEmpty() ? "ok" : "FAILED");
      }
    }
  }

  private void decommissions(final List<Outcome> outcomes) {
    if (outcomes.stream().allMatch(o -> o.decommissioned == null)) {
      return;
    }
    out.println();
    out.println("decommissioned:");
    for (Outcome outcome : outcomes) {
      if (outcome.decommissioned != null) {
        out.printf(
            "  %s %s: %s; states %s%n",
            outcome.fog.id(),
            outcome.sliceId(),
            outcome.decommissioned,
            String.join(" -> ", outcome.transitions));
      }
    }
  }
}
