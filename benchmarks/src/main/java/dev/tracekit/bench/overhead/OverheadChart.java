package dev.tracekit.bench.overhead;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The overhead chart: per configuration, one bar per connection count, in three panels —
 * throughput lost as measured, throughput lost as CPU per request bounds it, and 99th
 * percentile latency added, all in percent of the no-tracing baseline. Plain java.awt, drawn
 * headless.
 */
final class OverheadChart {

  private static final int WIDTH = 1200;
  private static final int PANEL_HEIGHT = 400;
  private static final int TOP = 70;
  private static final int LEFT = 90;
  private static final int RIGHT = 30;
  private static final int BOTTOM = 60;
  private static final Color[] SERIES = {
    new Color(0x4e79a7), new Color(0xf28e2b), new Color(0x59a14f), new Color(0xb07aa1)
  };
  private static final Color GOAL = new Color(0xc0392b);

  private final OverheadSummary summary;
  private final List<Configuration> configs;
  private final String subtitle;

  /** The configurations in chart order; the baseline is left out (it is the zero line). */
  OverheadChart(OverheadSummary summary, List<Configuration> configs, String subtitle) {
    this.summary = summary;
    this.configs =
        configs.stream()
            .filter(Configuration::ran)
            .filter(c -> !c.id().equals(summary.baseline()))
            .toList();
    this.subtitle = subtitle;
  }

  void write(Path png) throws IOException {
    BufferedImage image =
        new BufferedImage(WIDTH, TOP + 3 * PANEL_HEIGHT + 20, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
      g.drawString("Request overhead of tracing: gateway → auth + data, against no tracing", LEFT, 30);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.drawString(subtitle, LEFT, 52);
      legend(g);
      panel(g, TOP, "Throughput lost, as wrk measured it (%)", OverheadSummary.Row::throughputLossPercent, true);
      panel(
          g,
          TOP + PANEL_HEIGHT,
          "Throughput lost when CPU bounds it: CPU per request of services + collector (%)",
          OverheadSummary.Row::cpuBoundThroughputLossPercent,
          true);
      panel(g, TOP + 2 * PANEL_HEIGHT, "p99 latency added (%)", r -> (r.p99Ratio() - 1) * 100, false);
    } finally {
      g.dispose();
    }
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(image, "png", png.toFile());
  }

  private void legend(Graphics2D g) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int x = WIDTH - RIGHT - 130 * summary.connectionCounts().size();
    int i = 0;
    for (int connections : summary.connectionCounts()) {
      g.setColor(SERIES[i++ % SERIES.length]);
      g.fillRect(x, 40, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(connections + (connections == 1 ? " client" : " clients"), x + 20, 52);
      x += 130;
    }
  }

  private void panel(
      Graphics2D g, int top, String title, ToDoubleFunction<OverheadSummary.Row> value, boolean goals) {
    List<Integer> series = summary.connectionCounts();
    double min = 0;
    double max = goals ? 3.5 : 1;
    for (Configuration config : configs) {
      for (int connections : series) {
        Optional<OverheadSummary.Row> row = summary.row(config.id(), connections);
        if (row.isPresent() && Double.isFinite(value.applyAsDouble(row.get()))) {
          min = Math.min(min, value.applyAsDouble(row.get()));
          max = Math.max(max, value.applyAsDouble(row.get()));
        }
      }
    }
    double step = niceStep((max - min) / 6);
    min = Math.floor(min / step) * step;
    max = Math.ceil(max / step) * step;

    int plotTop = top + 40;
    int plotBottom = top + PANEL_HEIGHT - BOTTOM;
    int plotLeft = LEFT;
    int plotRight = WIDTH - RIGHT;
    final double lo = min;
    final double hi = max;
    java.util.function.DoubleToIntFunction y =
        v -> (int) Math.round(plotBottom - (v - lo) / (hi - lo) * (plotBottom - plotTop));

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.setColor(Color.BLACK);
    g.drawString(title, plotLeft, top + 25);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics metrics = g.getFontMetrics();
    for (double tick = min; tick <= max + step / 2; tick += step) {
      int ty = y.applyAsInt(tick);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(plotLeft, ty, plotRight, ty);
      g.setColor(Color.DARK_GRAY);
      String label = format(tick, step);
      g.drawString(label, plotLeft - 8 - metrics.stringWidth(label), ty + 4);
    }
    g.setColor(Color.BLACK);
    g.drawLine(plotLeft, y.applyAsInt(0), plotRight, y.applyAsInt(0));
    g.drawLine(plotLeft, plotTop, plotLeft, plotBottom);

    int groups = Math.max(1, configs.size());
    double groupWidth = (plotRight - plotLeft) / (double) groups;
    if (goals) {
      // Each goal is drawn across the group of the configuration it is set for.
      for (int c = 0; c < configs.size(); c++) {
        double limit = goalFor(configs.get(c).id());
        if (!Double.isNaN(limit)) {
          int left = (int) (plotLeft + c * groupWidth + 6);
          goalLine(g, y.applyAsInt(limit), left, (int) (left + groupWidth - 12), String.format(Locale.ROOT, "goal ≤ %.0f%%", limit));
        }
      }
    }
    double barWidth = Math.min(48, groupWidth * 0.8 / Math.max(1, series.size()));
    for (int c = 0; c < configs.size(); c++) {
      Configuration config = configs.get(c);
      double groupLeft = plotLeft + c * groupWidth + (groupWidth - barWidth * series.size()) / 2;
      for (int s = 0; s < series.size(); s++) {
        Optional<OverheadSummary.Row> row = summary.row(config.id(), series.get(s));
        if (row.isEmpty() || !Double.isFinite(value.applyAsDouble(row.get()))) {
          continue;
        }
        double v = value.applyAsDouble(row.get());
        int x = (int) Math.round(groupLeft + s * barWidth);
        int y0 = y.applyAsInt(0);
        int y1 = y.applyAsInt(v);
        g.setColor(SERIES[s % SERIES.length]);
        g.fillRect(x + 2, Math.min(y0, y1), (int) barWidth - 4, Math.max(1, Math.abs(y1 - y0)));
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        String label = String.format(Locale.ROOT, "%.1f", v);
        int labelWidth = g.getFontMetrics().stringWidth(label);
        int labelY = v >= 0 ? y1 - 4 : y1 + 13;
        g.drawString(label, x + (int) (barWidth - labelWidth) / 2, labelY);
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
      String name = config.id();
      int nameWidth = g.getFontMetrics().stringWidth(name);
      g.drawString(name, (int) (plotLeft + c * groupWidth + (groupWidth - nameWidth) / 2), plotBottom + 22);
    }
  }

  private static void goalLine(Graphics2D g, int y, int left, int right, String label) {
    g.setColor(GOAL);
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    g.drawLine(left, y, right, y);
    g.setStroke(new BasicStroke());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString(label, left + 2, y - 4);
  }

  private static double goalFor(String config) {
    return switch (config) {
      case "tracekit-10" -> OverheadMarkdown.GOAL_AT_10;
      case "tracekit-100" -> OverheadMarkdown.GOAL_AT_100;
      default -> Double.NaN;
    };
  }

  static double niceStep(double rough) {
    if (!(rough > 0)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double fraction = rough / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  private static String format(double tick, double step) {
    return step >= 1
        ? String.format(Locale.ROOT, "%.0f", tick)
        : String.format(Locale.ROOT, "%.1f", tick);
  }
}
