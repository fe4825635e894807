package dev.tracekit.bench.ingest;

import static dev.tracekit.bench.ingest.IngestReport.fmt;

import dev.tracekit.bench.harness.Csv;
import dev.tracekit.bench.harness.MarkdownTable;
import dev.tracekit.bench.ingest.QueryProbe.Result;
import java.util.List;

/** Tables, goal lines and CSV of the query results. */
final class QueryReport {

  private QueryReport() {}

  /** One row per result; a ratio to {@code peer}'s p50 when the peer answered the same query. */
  static String table(List<Result> results, String peer) {
    boolean hasPeer = results.stream().anyMatch(r -> r.system().equals(peer));
    MarkdownTable table = hasPeer
        ? MarkdownTable.of("system", "query", "p50", "p99", "mean", "max", "p50 vs " + peer, "results per answer",
            "bytes per answer", "errors").numeric(2, 3, 4, 5, 6, 7, 8, 9)
        : MarkdownTable.of("system", "query", "p50", "p99", "mean", "max", "results per answer", "bytes per answer",
            "errors").numeric(2, 3, 4, 5, 6, 7, 8);
    for (Result r : results) {
      Result zipkin = results.stream().filter(p -> p.system().equals(peer) && p.query().equals(r.query())).findFirst()
          .orElse(null);
      String ratio = zipkin == null ? null : IngestReport.ratio((double) r.p50Nanos() / zipkin.p50Nanos());
      String counts = fmt("%.1f", r.meanResults());
      String bytes = fmt("%,.0f", r.meanBytes());
      String errors = fmt("%d / %d", r.errors(), r.requests());
      if (hasPeer) {
        table.row(r.system(), r.query(), ms(r.p50Nanos()), ms(r.p99Nanos()), ms(r.meanNanos()), ms(r.maxNanos()), ratio,
            counts, bytes, errors);
      } else {
        table.row(r.system(), r.query(), ms(r.p50Nanos()), ms(r.p99Nanos()), ms(r.meanNanos()), ms(r.maxNanos()), counts,
            bytes, errors);
      }
    }
    return table.render();
  }

  /** A latency goal judged at p50 and at p99. */
  static String goal(String what, Result r, double limitMs) {
    boolean p50 = r.p50Nanos() / 1e6 <= limitMs;
    boolean p99 = r.p99Nanos() / 1e6 <= limitMs;
    String verdict = p50 && p99 ? "met" : p50 ? "met at p50, missed at p99" : "missed";
    return "- " + what + " ≤ " + fmt("%.0f", limitMs) + " ms (" + r.system() + "): **" + verdict + "** — p50 "
        + ms(r.p50Nanos()) + ", p99 " + ms(r.p99Nanos()) + "\n";
  }

  static String csv(List<Result> results) {
    StringBuilder sb = new StringBuilder(Csv.line("system", "query", "requests", "p50_ms", "p99_ms", "mean_ms", "max_ms",
        "mean_results", "mean_bytes", "errors"));
    for (Result r : results) {
      sb.append(Csv.line(r.system(), r.query(), r.requests(), fmt("%.3f", r.p50Nanos() / 1e6),
          fmt("%.3f", r.p99Nanos() / 1e6), fmt("%.3f", r.meanNanos() / 1e6), fmt("%.3f", r.maxNanos() / 1e6),
          fmt("%.2f", r.meanResults()), fmt("%.0f", r.meanBytes()), r.errors()));
    }
    return sb.toString();
  }

  static String ms(double nanos) {
    double ms = nanos / 1e6;
    return ms >= 100 ? fmt("%.0f ms", ms) : ms >= 10 ? fmt("%.1f ms", ms) : fmt("%.2f ms", ms);
  }
}
