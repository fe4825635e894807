package dev.tracekit.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table. Columns whose header ends with a unit or that hold numbers
 * are right-aligned by the caller's choice ({@link #numeric}); cells are escaped so a stray
 * {@code |} cannot break the layout.
 */
public final class MarkdownTable {

  private final List<String> headers;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  private MarkdownTable(List<String> headers) {
    this.headers = List.copyOf(headers);
    this.rightAligned = new boolean[headers.size()];
  }

  public static MarkdownTable of(String... headers) {
    return new MarkdownTable(List.of(headers));
  }

  /** Right-aligns the given columns (0-based). */
  public MarkdownTable numeric(int... columns) {
    for (int c : columns) {
      rightAligned[c] = true;
    }
    return this;
  }

  public MarkdownTable row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("a row needs " + headers.size() + " cells, got " + cells.length);
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      row.add(cell == null ? "–" : cell.toString());
    }
    rows.add(row);
    return this;
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    line(sb, headers);
    sb.append('|');
    for (boolean right : rightAligned) {
      sb.append(right ? " ---: |" : " --- |");
    }
    sb.append('\n');
    for (List<String> row : rows) {
      line(sb, row);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells) {
    sb.append('|');
    for (String cell : cells) {
      sb.append(' ').append(cell.replace("|", "\\|").replace('\n', ' ')).append(" |");
    }
    sb.append('\n');
  }
}
