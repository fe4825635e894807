package dev.tracekit.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link TraceAnalysis} as plain ASCII for a terminal: header with totals, service
 * breakdown, critical path, findings. Lines stay within {@value #WIDTH} columns; characters
 * outside printable ASCII in span data show as {@code ?}.
 */
public final class TextReport {

  /** The widest line the report writes. */
  public static final int WIDTH = 100;

  private static final int MAX_PATH_LINES = 20;
  private static final int SERVICE_COLUMN = 24;

  private TextReport() {}

  public static String render(TraceAnalysis analysis) {
    StringBuilder out = new StringBuilder(4096);
    header(analysis, out);
    services(analysis, out);
    criticalPath(analysis, out);
    findings(analysis, out);
    return out.toString();
  }

  private static void header(TraceAnalysis a, StringBuilder out) {
    line(out, "Trace " + a.traceId());
    wrap(out, "  Root      ", a.rootName() + " (" + a.rootService() + ")");
    line(out, "  Duration  " + Durations.format(a.durationMicros()) + "    Spans " + a.spanCount() + "    Depth "
        + a.depth() + "    Errors " + a.errorCount());
    wrap(out, "  Services  ", a.services().size() + ": " + String.join(", ", a.services()));
    if (a.syntheticRoot()) {
      wrap(out, "  Note      ", "the trace has no single root; its top-level spans hang under a synthetic root"
          + (a.orphanCount() > 0 ? " (" + plural(a.orphanCount(), "orphan span", "orphan spans")
              + " whose parent is missing)" : ""));
    } else if (a.orphanCount() > 0) {
      wrap(out, "  Note      ", plural(a.orphanCount(), "orphan span", "orphan spans")
          + " whose parent is missing hang under a synthetic root");
    }
    if (!a.clockSkewCorrections().isEmpty()) {
      long largest = 0;
      for (ClockSkewCorrection c : a.clockSkewCorrections()) {
        largest = Math.max(largest, Math.abs(c.shiftMicros()));
      }
      wrap(out, "  Clock     ", "skew corrected on " + plural(a.clockSkewCorrections().size(), "span", "spans")
          + " (largest shift " + Durations.format(largest) + ")");
    }
    if (a.duplicateSpanCount() > 0) {
      wrap(out, "  Dropped   ", plural(a.duplicateSpanCount(), "duplicate span", "duplicate spans"));
    }
    out.append('\n');
  }

  private static void services(TraceAnalysis a, StringBuilder out) {
    line(out, "Services (self time: not covered by child spans; share of all self time)");
    line(out, String.format(Locale.ROOT, "  %-" + SERVICE_COLUMN + "s %7s %7s %11s %11s %7s",
        "SERVICE", "SPANS", "ERRORS", "TOTAL", "SELF", "SELF %"));
    for (ServiceSummary s : a.serviceBreakdown()) {
      line(out, String.format(Locale.ROOT, "  %-" + SERVICE_COLUMN + "s %7d %7d %11s %11s %6.1f%%",
          Names.cut(s.service(), SERVICE_COLUMN), s.spanCount(), s.errorCount(),
          Durations.format(s.totalTimeMicros()), Durations.format(s.selfTimeMicros()), s.selfTimePercent()));
    }
    out.append('\n');
  }

  private static void criticalPath(TraceAnalysis a, StringBuilder out) {
    List<CriticalPathSegment> path = a.criticalPath();
    long total = 0;
    for (CriticalPathSegment s : path) {
      total += s.contributionMicros();
    }
    line(out, "Critical path (" + Durations.format(total) + ", " + plural(path.size(), "section", "sections") + ")");
    List<CriticalPathSegment> shown = path;
    if (path.size() > MAX_PATH_LINES) {
      // The largest sections, still in time order.
      List<CriticalPathSegment> largest = new ArrayList<>(path);
      largest.sort(Comparator.comparingLong(CriticalPathSegment::contributionMicros).reversed());
      List<CriticalPathSegment> keep = largest.subList(0, MAX_PATH_LINES);
      shown = new ArrayList<>();
      for (CriticalPathSegment s : path) {
        if (keep.contains(s)) {
          shown.add(s);
        }
      }
    }
    String columns = "  %10s %10s %7s  %-" + SERVICE_COLUMN + "s %s";
    line(out, String.format(Locale.ROOT, columns, "AT", "TIME", "SHARE", "SERVICE", "SPAN"));
    int nameWidth = WIDTH - (2 + 10 + 1 + 10 + 1 + 7 + 2 + SERVICE_COLUMN + 1);
    long shownTime = 0;
    for (CriticalPathSegment s : shown) {
      shownTime += s.contributionMicros();
      line(out, String.format(Locale.ROOT, "  %10s %10s %6.1f%%  %-" + SERVICE_COLUMN + "s %s",
          "+" + Durations.format(s.startOffsetMicros()), Durations.format(s.contributionMicros()),
          Breakdown.percent(s.contributionMicros(), total), Names.cut(s.service(), SERVICE_COLUMN),
          Names.cut(s.name(), nameWidth)));
    }
    if (shown.size() < path.size()) {
      line(out, "  ... " + plural(path.size() - shown.size(), "shorter section", "shorter sections") + " ("
          + Durations.format(total - shownTime) + ") not shown");
    }
    out.append('\n');
  }

  private static void findings(TraceAnalysis a, StringBuilder out) {
    int count = a.findings().size() + a.omittedFindingCount();
    if (count == 0) {
      line(out, "Findings: none");
      return;
    }
    line(out, "Findings (" + count + ")");
    int i = 1;
    for (Finding f : a.findings()) {
      line(out, String.format(Locale.ROOT, "  %2d. %-8s  %-17s  %s at stake, %s",
          i++, f.severity(), f.type(), Durations.format(f.timeAtStakeMicros()),
          plural(f.spanCount(), "span", "spans")));
      wrap(out, "      ", f.message());
    }
    if (a.omittedFindingCount() > 0) {
      line(out, "  ... " + plural(a.omittedFindingCount(), "smaller finding", "smaller findings") + " not shown");
    }
  }

  /** Word-wraps {@code text} after {@code prefix}; continuation lines are indented as far. */
  private static void wrap(StringBuilder out, String prefix, String text) {
    String indent = " ".repeat(prefix.length());
    int width = WIDTH - prefix.length();
    String rest = ascii(text).strip();
    String lead = prefix;
    while (rest.length() > width) {
      int cut = rest.lastIndexOf(' ', width);
      if (cut <= 0) {
        cut = width;
      }
      out.append(lead).append(rest, 0, cut).append('\n');
      rest = rest.substring(cut).stripLeading();
      lead = indent;
    }
    out.append(lead).append(rest).append('\n');
  }

  private static void line(StringBuilder out, String text) {
    String s = ascii(text);
    out.append(s.length() > WIDTH ? s.substring(0, WIDTH) : s).append('\n');
  }

  /** Printable ASCII only: anything else (control chars, non-ASCII) becomes {@code ?}. */
  private static String ascii(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        if (b == null) {
          b = new StringBuilder(s);
        }
        b.setCharAt(i, '?');
      }
    }
    return b == null ? s : b.toString();
  }

  private static String plural(long n, String one, String many) {
    return Names.plural(n, one, many);
  }
}
