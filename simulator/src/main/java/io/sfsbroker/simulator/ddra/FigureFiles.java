package io.sfsbroker.simulator.ddra;

import io.sfsbroker.market.auction.AuctionResult;
import io.sfsbroker.market.auction.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes the data of Figures 3–6 as CSV files and renders them as PNG plots. */
final class FigureFiles {

  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;

  private FigureFiles() {}

  /**
   * Writes all figures.
   *
   * @param evaluation the evaluation
   * @param out the output directory, which must exist
   * @throws IOException if a file cannot be written
   */
  static void write(Evaluation evaluation, Path out) throws IOException {
    convergence(evaluation, out);
    allocationRatios(evaluation, out);
    improvementRatios(evaluation, out);
    averageRatios(evaluation, out);
  }

  private static void convergence(Evaluation evaluation, Path out) throws IOException {
    List<String> lines = new ArrayList<>(List.of("auction,period,type,iteration,distance"));
    XYChart chart = xyChart("Fig. 3: convergence of DDRA", "iteration", "||x^ - x*|| (Mb)");
    chart.getStyler().setYAxisLogarithmic(true);
    for (int k = 0; k < evaluation.periods().size(); k++) {
      AuctionResult result = evaluation.periods().get(k).result();
      List<Double> xs = new ArrayList<>();
      for (int n = 0; n < result.rounds(); n++) {
        xs.add((double) (n + 1));
        lines.add(
            String.format(
                Locale.ROOT,
                "%d,%d,%s,%d,%.9g",
                k + 1,
                k + 1,
                result.type(),
                n + 1,
                result.distances().get(n)));
      }
      List<Double> ys = result.distances().stream().map(d -> StrictMath.max(d, 1e-6)).toList();
      String name = "auction before period " + (k + 1) + " (" + result.type() + ")";
      chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
    }
    Files.write(out.resolve("fig3_convergence.csv"), lines, StandardCharsets.UTF_8);
    BitmapEncoder.saveBitmap(
        chart, out.resolve("fig3_convergence.png").toString(), BitmapFormat.PNG);
  }

  private static void allocationRatios(Evaluation evaluation, Path out) throws IOException {
    List<String> lines = new ArrayList<>(List.of("slot,period,planet,resource,ratio"));
    List<XYChart> charts = new ArrayList<>();
    int planets = evaluation.scenario().planets().size();
    for (Resource r : Resource.values()) {
      XYChart chart =
          xyChart("Fig. 4: " + r + " allocation ratio", "time slot", "allocated / capacity");
      chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.1);
      for (int j = 0; j < planets; j++) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int k = 0; k < evaluation.periods().size(); k++) {
          PeriodOutcome outcome = evaluation.periods().get(k);
          for (int t = 0; t < outcome.instance().slotCount(); t++) {
            int slot = k * outcome.instance().slotCount() + t + 1;
            double ratio = outcome.ddra().ratio(j, r, t);
            xs.add((double) slot);
            ys.add(ratio);
            lines.add(String.format(Locale.ROOT, "%d,%d,%d,%s,%.9f", slot, k + 1, j + 1, r, ratio));
          }
        }
        chart.addSeries(evaluation.scenario().planets().get(j).id(), xs, ys);
      }
      charts.add(chart);
    }
    Files.write(out.resolve("fig4_allocation_ratio.csv"), lines, StandardCharsets.UTF_8);
    BitmapEncoder.saveBitmap(
        charts, 2, 2, out.resolve("fig4_allocation_ratio.png").toString(), BitmapFormat.PNG);
  }

  private static void improvementRatios(Evaluation evaluation, Path out) throws IOException {
    List<GroupImprovement> improvements = evaluation.improvements(0);
    List<String> lines =
        new ArrayList<>(
            List.of(
                "group,ddra_volume_mb,uniform_volume_mb,improvement_ratio,"
                    + "uniform_to_total_volume_mb,improvement_ratio_to_total"));
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int n = 0; n < improvements.size(); n++) {
      GroupImprovement g = improvements.get(n);
      xs.add((double) (n + 1));
      ys.add(g.ratio());
      lines.add(
          String.format(
              Locale.ROOT,
              "%s,%.6f,%.6f,%.9f,%.6f,%.9f",
              g.group(),
              g.ddraVolume(),
              g.uniformVolume(),
              g.ratio(),
              g.uniformToTotalVolume(),
              g.ratioToTotal()));
    }
    XYChart chart =
        xyChart(
            "Fig. 5: improvement ratio of the "
                + improvements.size()
                + " active groups in period 1",
            "active user group",
            "DDRA volume / uniform volume");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setYAxisMin(0.0);
    chart.addSeries("improvement ratio", xs, ys);
    XYSeries one = chart.addSeries("1", List.of(0.0, xs.size() + 1.0), List.of(1.0, 1.0));
    one.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE);
    Files.write(out.resolve("fig5_improvement_ratio.csv"), lines, StandardCharsets.UTF_8);
    BitmapEncoder.saveBitmap(
        chart, out.resolve("fig5_improvement_ratio.png").toString(), BitmapFormat.PNG);
  }

  private static void averageRatios(Evaluation evaluation, Path out) throws IOException {
    List<Double> ddra = evaluation.averageAllocationRatios(false);
    List<Double> uniform = evaluation.averageAllocationRatios(true);
    List<String> names = new ArrayList<>();
    List<String> lines = new ArrayList<>(List.of("resource,ddra,uniform"));
    for (Resource r : Resource.values()) {
      names.add(r.name());
      lines.add(
          String.format(
              Locale.ROOT, "%s,%.9f,%.9f", r, ddra.get(r.ordinal()), uniform.get(r.ordinal())));
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Fig. 6: allocation ratio averaged over slots 1-30 and Planets")
            .xAxisTitle("resource")
            .yAxisTitle("average allocation ratio")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    chart.addSeries("DDRA", names, ddra);
    chart.addSeries("uniform allocation", names, uniform);
    Files.write(out.resolve("fig6_average_allocation_ratio.csv"), lines, StandardCharsets.UTF_8);
    BitmapEncoder.saveBitmap(
        chart, out.resolve("fig6_average_allocation_ratio.png").toString(), BitmapFormat.PNG);
  }

  private static XYChart xyChart(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    return chart;
  }
}
