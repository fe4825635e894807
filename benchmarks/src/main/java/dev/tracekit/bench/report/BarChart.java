package dev.tracekit.bench.report;

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
import java.util.function.DoubleFunction;
import javax.imageio.ImageIO;

/**
 * Horizontal bar charts drawn with plain Java 2D (headless), so the benchmarks need no plotting
 * tool: one image, a title, a subtitle, and side-by-side panels that each compare the systems on
 * one measure. A bar may carry the individual samples it summarises, drawn as dots.
 */
public final class BarChart {

  /** One bar: its label, value, colour, and optional samples (e.g. each round). */
  public record Bar(String label, double value, Color color, List<Double> samples) {}

  /** One measure compared across the systems. */
  public record Panel(String title, List<Bar> bars, DoubleFunction<String> format) {}

  private static final int PANEL_WIDTH = 420;
  private static final int BAR_HEIGHT = 34;
  private static final int BAR_GAP = 18;
  private static final int LABEL_WIDTH = 0;
  private static final Color TEXT = new Color(0x22, 0x22, 0x22);
  private static final Color MUTED = new Color(0x66, 0x66, 0x66);
  private static final Color AXIS = new Color(0xCC, 0xCC, 0xCC);

  private BarChart() {}

  public static BufferedImage render(String title, String subtitle, List<Panel> panels, String footnote) {
    int bars = panels.stream().mapToInt(p -> p.bars().size()).max().orElse(1);
    int top = 96;
    int panelHeight = 40 + bars * (BAR_HEIGHT + BAR_GAP + 16);
    int width = 40 + panels.size() * (PANEL_WIDTH + 30);
    int height = top + panelHeight + 50;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(TEXT);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
      g.drawString(title, 30, 38);
      g.setColor(MUTED);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.drawString(subtitle, 30, 62);
      for (int i = 0; i < panels.size(); i++) {
        drawPanel(g, panels.get(i), 30 + i * (PANEL_WIDTH + 30), top);
      }
      g.setColor(MUTED);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(footnote, 30, height - 20);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void drawPanel(Graphics2D g, Panel panel, int x, int y) {
    g.setColor(TEXT);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(panel.title(), x, y);
    double max = 0;
    for (Bar bar : panel.bars()) {
      max = Math.max(max, bar.value());
      for (double s : bar.samples()) {
        max = Math.max(max, s);
      }
    }
    max = max <= 0 ? 1 : max * 1.05;
    int barMax = PANEL_WIDTH - LABEL_WIDTH - 10;
    int cursor = y + 18;
    g.setColor(AXIS);
    g.setStroke(new BasicStroke(1f));
    g.drawLine(x + LABEL_WIDTH, cursor, x + LABEL_WIDTH, cursor + panel.bars().size() * (BAR_HEIGHT + BAR_GAP + 16));
    for (Bar bar : panel.bars()) {
      g.setColor(TEXT);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.drawString(bar.label(), x + LABEL_WIDTH + 4, cursor + 12);
      int barTop = cursor + 18;
      int length = (int) Math.round(bar.value() / max * barMax);
      g.setColor(bar.color());
      g.fillRect(x + LABEL_WIDTH, barTop, Math.max(length, 1), BAR_HEIGHT);
      for (double s : bar.samples()) {
        int sx = x + LABEL_WIDTH + (int) Math.round(s / max * barMax);
        g.setColor(Color.WHITE);
        g.fillOval(sx - 4, barTop + BAR_HEIGHT - 9, 8, 8);
        g.setColor(TEXT);
        g.fillOval(sx - 3, barTop + BAR_HEIGHT - 8, 6, 6);
      }
      String value = panel.format().apply(bar.value());
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
      FontMetrics fm = g.getFontMetrics();
      int textWidth = fm.stringWidth(value);
      boolean inside = length > textWidth + 16;
      g.setColor(inside ? Color.WHITE : TEXT);
      int tx = inside ? x + LABEL_WIDTH + length - textWidth - 8 : x + LABEL_WIDTH + length + 6;
      g.drawString(value, tx, barTop + BAR_HEIGHT / 2 + fm.getAscent() / 2 - 2);
      cursor += BAR_HEIGHT + BAR_GAP + 16;
    }
  }

  public static void write(BufferedImage image, Path png) throws IOException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(image, "png", png.toFile());
  }
}
