package io.sfsbroker.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static Point point(final double block, final int concurrency, final long... e2e) {
    List<Timeline> timelines =
        java.util.Arrays.stream(e2e)
            .mapToObj(ms -> TimelineTest.timeline(1000, 2000, ms - 1500, ms - 1400, ms - 100, ms))
            .toList();
    return new Point(
        block, concurrency, e2e.length, timelines, List.of(), PhysicalLimit.of(block, 5, 0.5));
  }

  @Test
  void endToEnd_ofAPoint_hasTheMeanAndTheStudentTInterval() {
    Point point = point(1.0, 1, 9000, 10000, 11000);

    assertThat(point.endToEnd().mean()).isCloseTo(10.0, within(1e-9));
    // sd 1 s, n 3: t(2) = 4.303, so 4.303 / sqrt(3)
    assertThat(point.endToEnd().ci95()).isCloseTo(4.303 / Math.sqrt(3), within(1e-6));
    assertThat(point.ratio()).isCloseTo(10.0 / 8.5, within(1e-9));
  }

  @Test
  void targets_singleWithinTheRatio_isMet_andFiftyConcurrentFarAbove_isMissed() {
    List<Point> points = List.of(point(1.0, 1, 9000, 10000), point(1.0, 50, 30000, 31000));

    List<String> targets = Report.targets(points);

    assertThat(targets.get(0)).contains("9.50 s against 8.50 s").endsWith("met");
    assertThat(targets.get(1)).contains("50 concurrent").contains("3.21 x").endsWith("missed");
  }

  @Test
  void targets_notInTheSweep_sayTheyWereNotMeasured() {
    List<String> targets = Report.targets(List.of(point(2.0, 10, 12000)));

    assertThat(targets).hasSize(2).allMatch(t -> t.contains("not measured"));
  }

  @Test
  void series_haveOneCurvePerConcurrencyOverBlockTime_andTheLimit() {
    List<Point> points =
        List.of(
            point(2.0, 1, 12000),
            point(1.0, 1, 9000),
            point(1.0, 10, 11000),
            point(2.0, 10, 14000));

    Map<String, List<List<Double>>> series = Report.series(points);

    assertThat(series).containsOnlyKeys("1 request", "10 concurrent", "physical limit");
    assertThat(series.get("1 request").get(0)).containsExactly(1.0, 2.0);
    assertThat(series.get("10 concurrent").get(1)).containsExactly(11.0, 14.0);
    assertThat(series.get("physical limit").get(1)).containsExactly(8.5, 11.5);
  }

  @Test
  void csv_hasAHeaderAndOneLinePerPoint_withTheStepMeans() {
    List<String> csv = Report.csv(List.of(point(0.5, 1, 9000)));

    assertThat(csv).hasSize(2);
    assertThat(csv.get(0)).startsWith("block_seconds,concurrency").endsWith("handover_mean_s");
    assertThat(csv.get(1)).startsWith("0.500,1,1,1,0,9.000");
  }

  @Test
  void row_printsFailuresAndTheLimitBesideTheFigure() {
    Point point =
        new Point(
            1.0,
            10,
            1,
            List.of(TimelineTest.timeline(1000, 2000, 8000, 8100, 9500, 9600)),
            List.of("TIMEOUT"),
            PhysicalLimit.of(1.0, 5, 0.5));

    String row = Report.row(point);

    assertThat(row).contains("   1    1 ").contains("8.50");
    assertThat(Report.header()).contains("limit s").contains("ratio").contains("handover");
  }
}
