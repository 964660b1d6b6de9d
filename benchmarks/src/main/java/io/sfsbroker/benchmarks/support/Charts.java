package io.sfsbroker.benchmarks.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Writes a benchmark's CSV and its PNG line chart (XChart, as the simulator does). */
public final class Charts {

  private Charts() {}

  /** Writes {@code lines} (a header first) to {@code file}. */
  public static void csv(final Path file, final List<String> lines) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /**
   * Writes a line chart with one series per map entry; each series is {@code [xs, ys]}, or {@code
   * [xs, ys, errors]} with error bars.
   */
  public static void lines(
      final Path file,
      final String title,
      final String xTitle,
      final String yTitle,
      final Map<String, List<List<Double>>> series)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    for (Map.Entry<String, List<List<Double>>> entry : series.entrySet()) {
      List<List<Double>> data = entry.getValue();
      if (data.get(0).isEmpty()) {
        continue;
      }
      if (data.size() > 2) {
        chart.addSeries(entry.getKey(), data.get(0), data.get(1), data.get(2));
      } else {
        chart.addSeries(entry.getKey(), data.get(0), data.get(1));
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
  }

  /**
   * Writes a bar chart: one group of bars per category of {@code categories}, one bar of each group
   * per map entry (its values in the order of the categories).
   */
  public static void bars(
      final Path file,
      final String title,
      final String yTitle,
      final List<String> categories,
      final Map<String, List<Double>> series)
      throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder().width(1000).height(550).title(title).yAxisTitle(yTitle).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setXAxisLabelRotation(60);
    for (Map.Entry<String, List<Double>> entry : series.entrySet()) {
      chart.addSeries(entry.getKey(), categories, entry.getValue());
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
  }
}
