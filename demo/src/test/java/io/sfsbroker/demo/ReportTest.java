package io.sfsbroker.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.fog.SliceReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static final Scenario.Fog FOG =
      new Scenario.Fog("fog-3", null, new TreeMap<>(java.util.Map.of("cpu-millicores", 500L)), 50);

  @Test
  void print_confirmedSlice_showsWinnersAskedAgainstAwardedEndpointsContainersAndSteps() {
    Outcome outcome = new Outcome(FOG);
    outcome.report = report();
    outcome.awards.add(new Outcome.Award("cpu-millicores", 500, 1000, "rp-4"));
    outcome.escrow = "RELEASED, 1000 credits";
    outcome.stateInService = "IN_SERVICE";
    outcome.containers.add(
        new Outcome.Container(
            "rp-4",
            "sfsb-rp-4-s-1",
            1000,
            32,
            true,
            128,
            true,
            "ALL",
            "no-new-privileges",
            List.of()));
    outcome.decommissioned = "containers removed, ledger DECOMMISSIONED";
    outcome.transitions = List.of("OFFERING", "AWARDED");

    String text = print(List.of(outcome), List.of(new Steps.Step("build", 3, true)));

    assertThat(text)
        .contains("fog-3: --amount cpu-millicores=500 --budget 50")
        .contains("slice s-1: CONFIRMED, state IN_SERVICE, total price 1000")
        .contains("cpu-millicores   rp-4  amount 1000  unit price 1  price 1000")
        .contains("asked    500  awarded   1000  differs from what was asked")
        .contains("127.0.0.1:20000  reached (HTTP 200) in 7 ms")
        .contains("sfsb-rp-4-s-1")
        .contains(
            "fog-3 s-1: containers removed, ledger DECOMMISSIONED; states OFFERING -> AWARDED")
        .contains("build")
        .contains("RESULT: every step succeeded");
  }

  @Test
  void print_aProblemOrAFailedStep_endsInFailed() {
    Outcome outcome = new Outcome(FOG);
    outcome.report = report();
    outcome.problems.add("sfsb-rp-4-s-1 may swap");

    String text = print(List.of(outcome), List.of(new Steps.Step("build", 3, true)));

    assertThat(text).contains("PROBLEM: sfsb-rp-4-s-1 may swap").contains("RESULT: FAILED");
    assertThat(print(List.of(), List.of(new Steps.Step("bridge", 1, false))))
        .contains("FAILED")
        .contains("RESULT: FAILED");
  }

  @Test
  void print_fogWithoutReport_showsWhyItFailed() {
    Outcome outcome = new Outcome(FOG);
    outcome.failure = "error: TIMEOUT: no award";

    assertThat(print(List.of(outcome), List.of(new Steps.Step("build", 3, true))))
        .contains("fog-3: FAILED: error: TIMEOUT: no award")
        .contains("RESULT: FAILED");
  }

  private static SliceReport report() {
    return new SliceReport(
        "s-1",
        "fog-3",
        "cpu",
        SliceReport.Outcome.CONFIRMED,
        "IN_SERVICE",
        1000,
        false,
        null,
        null,
        null,
        null,
        List.of(new SliceReport.Part("cpu-millicores", "rp-4", 1000, 1, 1000)),
        List.of(
            new SliceReport.PortCheck(
                "cpu-millicores", "rp-4", "127.0.0.1", 20000, "i", true, 200, 1, 7, null)),
        new SliceReport.Timings(1L, 2L, 3L, 4L, 5L, 6L),
        null,
        null);
  }

  private static String print(final List<Outcome> outcomes, final List<Steps.Step> steps) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Report(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(outcomes, steps, "logs");
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
