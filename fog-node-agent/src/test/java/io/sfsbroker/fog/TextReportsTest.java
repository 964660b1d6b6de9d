package io.sfsbroker.fog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TextReportsTest {

  static SliceReport confirmedSlice() {
    return new SliceReport(
        "s-c0bef47e559f85b404d29691",
        "fog-7",
        "ar-vr",
        SliceReport.Outcome.CONFIRMED,
        "IN_SERVICE",
        10_096,
        true,
        Instant.parse("2025-03-01T10:00:00Z"),
        Instant.parse("2025-03-01T10:01:00Z"),
        Instant.parse("2025-03-01T11:01:00Z"),
        null,
        List.of(
            new SliceReport.Part("cpu-millicores", "rp-1", 2000, 3, 6000),
            new SliceReport.Part("memory-mib", "rp-2", 2048, 2, 4096)),
        List.of(
            new SliceReport.PortCheck(
                "cpu-millicores",
                "rp-1",
                "10.0.0.7",
                8000,
                "sfsb-s-c0bef47e-cpu",
                true,
                200,
                1,
                3,
                null),
            new SliceReport.PortCheck(
                "memory-mib",
                "rp-2",
                "10.0.0.8",
                8001,
                "sfsb-s-c0bef47e-mem",
                true,
                200,
                2,
                4,
                null)),
        new SliceReport.Timings(2_103L, 31_900L, 35_400L, 512L, 2_050L, 37_962L),
        "5b35e9",
        "77aa01");
  }

  @Test
  void slice_confirmed_showsPartsEndpointsAndTimings() {
    assertThat(TextReports.slice(confirmedSlice()))
        .isEqualTo(
            """
            slice s-c0bef47e559f85b404d29691 for fog-7: IN_SERVICE (service confirmed)
            asked for  ar-vr
            valid      2025-03-01T10:01:00Z until 2025-03-01T11:01:00Z
            price      10096 in total from 2 RPs (federated)

            category        rp    amount  unit price  price
            cpu-millicores  rp-1    2000           3   6000
            memory-mib      rp-2    2048           2   4096
                                               total  10096

            endpoints
            category        rp    address        instance             answers  http  ms
            cpu-millicores  rp-1  10.0.0.7:8000  sfsb-s-c0bef47e-cpu  yes       200   3
            memory-mib      rp-2  10.0.0.8:8001  sfsb-s-c0bef47e-mem  yes       200   4   (2 tries)

            timings (ms)
            request -> receipt     2103
            request -> award      31900
            request -> handover   35400
            port checks             512
            service confirmation   2050
            end to end            37962
            """);
  }

  @Test
  void slice_unreachable_saysNotConfirmedAndWhy() {
    SliceReport r = confirmedSlice();
    SliceReport unreachable =
        new SliceReport(
            r.sliceId(),
            r.fogNodeId(),
            "cpu-millicores=2000, memory-mib=2048",
            SliceReport.Outcome.UNREACHABLE,
            "ACTIVE",
            r.totalPrice(),
            false,
            r.requestedAt(),
            r.activatedAt(),
            r.validUntil(),
            Instant.parse("2025-03-01T10:06:00Z"),
            r.parts(),
            List.of(
                r.ports().get(0),
                new SliceReport.PortCheck(
                    "memory-mib",
                    "rp-2",
                    "10.0.0.8",
                    8001,
                    "sfsb-mem",
                    false,
                    null,
                    40,
                    2001,
                    "Connection refused")),
            new SliceReport.Timings(2_103L, null, 35_400L, 20_012L, null, 55_515L),
            r.requestTransaction(),
            null);

    String text = TextReports.slice(unreachable);

    assertThat(text)
        .startsWith(
            "slice s-c0bef47e559f85b404d29691 for fog-7: ACTIVE (NOT confirmed: 1 port(s) do not"
                + " answer)\n")
        .contains("confirm by 2025-03-01T10:06:00Z (else the slice times out)\n")
        .contains("price      10096 in total from 2 RPs\n")
        .contains("  NO    ")
        .contains("Connection refused (40 tries)")
        .doesNotContain("request -> award")
        .doesNotContain("service confirmation");
  }

  @Test
  void application_showsOneLinePerFlowAndInterval() {
    ApplicationReport report =
        new ApplicationReport(
            "m-dba90f3c70ed8505ea65932e",
            "fog-7",
            true,
            "IN_SERVICE",
            700,
            Instant.parse("2025-03-01T10:00:00Z"),
            List.of(
                new ApplicationReport.Flow(
                    "video", "t0", "rp-1", 700, 80_000, 3_000, 100, 812_345, 123_456, 2, null),
                new ApplicationReport.Flow(
                    "video", "t1", null, 0, 0, 0, 0, 0, 0, 0, "no bid for this interval")),
            new ApplicationReport.Timings(1_900L, 22_400L, 2_010L, 24_410L),
            "tx-1",
            "tx-2");

    assertThat(TextReports.application(report))
        .isEqualTo(
            """
            application m-dba90f3c70ed8505ea65932e for fog-7: IN_SERVICE (service confirmed)
            price      700 in total

            flow   interval  operator  price   kb/s  latency us  loss ppm  quality  utility  bids
            video  t0        rp-1        700  80000        3000       100   812345   123456     2
            video  t1        -             -      -           -         -        -        -     0  no bid for this interval

            timings (ms)
            request -> receipt     1900
            request -> award      22400
            service confirmation   2010
            end to end            24410
            """);
  }

  @Test
  void status_offlineWithAQueuedRequest_saysItIsSentOnReconnect() {
    AgentStatus status =
        new AgentStatus(
            "fog-7",
            "ssl://10.0.0.2:8883",
            false,
            1,
            1,
            new TreeMap<>(Map.of()),
            new TreeMap<>(),
            "the broker cannot be reached, so the ledger was not asked");

    assertThat(TextReports.status(status))
        .isEqualTo(
            """
            fog node   fog-7
            broker     ssl://10.0.0.2:8883 (NOT reachable)
            outbox     1 message(s) waiting; sent once the broker can be reached
            note       the broker cannot be reached, so the ledger was not asked
            """);
  }

  @Test
  void status_withAMessageWithoutVerdict_saysItIsSentAgain() {
    AgentStatus status =
        new AgentStatus(
            "fog-7",
            "ssl://10.0.0.2:8883",
            true,
            0,
            2,
            new TreeMap<>(Map.of()),
            new TreeMap<>(),
            null);

    assertThat(TextReports.status(status))
        .isEqualTo(
            """
            fog node   fog-7
            broker     ssl://10.0.0.2:8883 (connected)
            outbox     0 message(s) waiting
            awaiting   2 message(s) sent without a verdict yet; sent again until they have one
            """);
  }
}
