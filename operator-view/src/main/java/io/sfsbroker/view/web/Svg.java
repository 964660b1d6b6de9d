package io.sfsbroker.view.web;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts, drawn on the server: bars and polylines, no script. */
public final class Svg {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 220;
  private static final int MARGIN = 40;

  /**
   * One bar.
   *
   * @param label under the bar
   * @param value its height
   * @param highlight drawn in the highlight colour (a winner)
   */
  public record Bar(String label, double value, boolean highlight) {}

  /**
   * One series of a line plot.
   *
   * @param name its legend
   * @param values one value per x step (1, 2, …)
   */
  public record Series(String name, List<Double> values) {

    /** Copies the list. */
    public Series {
      values = List.copyOf(values);
    }
  }

  private static final String[] COLOURS = {
    "#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#2c7a7b", "#975a16", "#4a5568"
  };

  private Svg() {}

  /** A bar chart titled {@code title}; highlighted bars are winners. */
  public static String bars(final String title, final List<Bar> bars) {
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
    double scale = max <= 0 ? 0 : (HEIGHT - 2 * MARGIN) / max;
    int slot = bars.isEmpty() ? 0 : (WIDTH - 2 * MARGIN) / bars.size();
    StringBuilder svg = open(title);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double h = bar.value() * scale;
      double x = MARGIN + i * slot + slot * 0.15;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                  + "<title>%s: %s</title></rect>",
              x,
              HEIGHT - MARGIN - h,
              slot * 0.7,
              h,
              bar.highlight() ? "#2e8b57" : "#9aa5b8",
              Html.escape(bar.label()),
              number(bar.value())));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
              x + slot * 0.35,
              HEIGHT - MARGIN + 12,
              Html.escape(shorten(bar.label()))));
    }
    axis(svg, max);
    return svg.append("</svg>").toString();
  }

  /** A line plot of {@code series} over steps 1, 2, …, titled {@code title}. */
  public static String lines(final String title, final List<Series> series) {
    double max =
        series.stream()
            .flatMap(s -> s.values().stream())
            .mapToDouble(Double::doubleValue)
            .max()
            .orElse(0);
    int steps = series.stream().mapToInt(s -> s.values().size()).max().orElse(0);
    double scale = max <= 0 ? 0 : (HEIGHT - 2 * MARGIN) / max;
    double dx = steps <= 1 ? 0 : (double) (WIDTH - 2 * MARGIN) / (steps - 1);
    StringBuilder svg = open(title);
    for (int s = 0; s < series.size(); s++) {
      String colour = COLOURS[s % COLOURS.length];
      StringBuilder points = new StringBuilder();
      List<Double> values = series.get(s).values();
      for (int i = 0; i < values.size(); i++) {
        points.append(
            String.format(
                Locale.ROOT,
                "%.1f,%.1f ",
                MARGIN + i * dx,
                HEIGHT - MARGIN - values.get(i) * scale));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>"
                  + "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
              colour,
              points.toString().trim(),
              WIDTH - MARGIN - 120,
              MARGIN + 14 * s,
              colour,
              Html.escape(series.get(s).name())));
    }
    for (int i = 0; i < steps; i++) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%d</text>",
              MARGIN + i * dx,
              HEIGHT - MARGIN + 12,
              i + 1));
    }
    axis(svg, max);
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(final String title) {
    return new StringBuilder(2048)
        .append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
                + WIDTH
                + "\" height=\""
                + HEIGHT
                + "\" role=\"img\"><title>")
        .append(Html.escape(title))
        .append("</title><text x=\"")
        .append(MARGIN)
        .append("\" y=\"16\" font-size=\"12\" font-weight=\"600\">")
        .append(Html.escape(title))
        .append("</text>");
  }

  private static void axis(final StringBuilder svg, final double max) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">0</text>",
            MARGIN,
            HEIGHT - MARGIN,
            WIDTH - MARGIN,
            HEIGHT - MARGIN,
            MARGIN,
            MARGIN,
            MARGIN,
            HEIGHT - MARGIN,
            MARGIN - 4,
            MARGIN + 4,
            number(max),
            MARGIN - 4,
            HEIGHT - MARGIN));
  }

  private static String number(final double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.3g", value);
  }

  private static String shorten(final String label) {
    return label.length() <= 12 ? label : label.substring(0, 11) + "…";
  }
}
