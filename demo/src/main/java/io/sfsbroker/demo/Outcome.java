package io.sfsbroker.demo;

import io.sfsbroker.fog.GcLog;
import io.sfsbroker.fog.SliceReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What the demo found out about one fog node's request, filled in step by step and printed by
 * {@link Report}.
 */
final class Outcome {

  /** One category: what the ledger's blueprint asks for and what its selection awarded. */
  record Award(String category, long asked, long awarded, String rpId) {
    boolean asAsked() {
      return asked == awarded;
    }
  }

  /** A slice container as {@code docker inspect} shows it while the slice is in service. */
  record Container(
      String rpId,
      String name,
      long cpuMillicores,
      long memoryMib,
      boolean noSwap,
      long pidsLimit,
      boolean readOnly,
      String capDrop,
      String securityOpt,
      List<String> problems) {}

  final Scenario.Fog fog;
  SliceReport report;
  String failure;
  GcLog heap;
  final List<Award> awards = new ArrayList<>();
  String escrow;
  String stateInService;
  final List<Container> containers = new ArrayList<>();
  String decommissioned;
  List<String> transitions = List.of();
  final List<String> problems = new ArrayList<>();

  Outcome(final Scenario.Fog fog) {
    this.fog = fog;
  }

  /** The slice id when the fog node got a report. */
  String sliceId() {
    return report == null ? null : report.sliceId();
  }
}
