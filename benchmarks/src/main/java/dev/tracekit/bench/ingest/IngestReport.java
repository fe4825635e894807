package dev.tracekit.bench.ingest;

import dev.tracekit.bench.harness.Csv;
import dev.tracekit.bench.harness.MarkdownTable;
import dev.tracekit.bench.harness.Stats;
import dev.tracekit.bench.ingest.IngestSession.Memory;
import dev.tracekit.bench.ingest.IngestSession.Round;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Tables, goal lines and CSV of the ingest and memory results. */
final class IngestReport {

  private IngestReport() {}

  /** Per-system medians over the rounds after the first {@code warmupRounds}. */
  record Summary(String system, String format, double medianSpansPerSecond, double minSpansPerSecond,
      double maxSpansPerSecond, double medianCpuMicrosPerSpan, double medianClientCpuMicrosPerSpan, long spans,
      long non2xx, long ioErrors, long lost, int roundsCounted) {}

  static List<Summary> summarize(List<Round> rounds, int warmupRounds) {
    Map<String, List<Round>> bySystem = new LinkedHashMap<>();
    for (Round r : rounds) {
      bySystem.computeIfAbsent(r.system(), k -> new ArrayList<>()).add(r);
    }
    List<Summary> out = new ArrayList<>();
    for (List<Round> rs : bySystem.values()) {
      List<Round> counted = rs.stream().filter(r -> r.round() > warmupRounds).toList();
      if (counted.isEmpty()) {
        counted = rs;
      }
      double[] rates = counted.stream().mapToDouble(Round::spansPerSecond).toArray();
      double[] cpu = counted.stream().mapToDouble(Round::cpuMicrosPerSpan).toArray();
      double[] clientCpu = counted.stream().mapToDouble(Round::clientCpuMicrosPerSpan).toArray();
      out.add(new Summary(rs.get(0).system(), rs.get(0).format(), Stats.median(rates), Stats.min(rates),
          Stats.max(rates), Stats.median(cpu), Stats.median(clientCpu), rs.stream().mapToLong(Round::spans).sum(),
          rs.stream().mapToLong(Round::non2xx).sum(), rs.stream().mapToLong(Round::ioErrors).sum(),
          rs.stream().mapToLong(Round::lost).sum(), counted.size()));
    }
    return out;
  }

  static String throughputTable(List<Summary> summaries, String peer) {
    Summary zipkin = find(summaries, peer);
    MarkdownTable table = MarkdownTable.of("system", "sent as", "spans/s (median)", "range over rounds", "vs " + peer,
        "server CPU µs/span", "CPU vs " + peer, "client CPU µs/span", "non-2xx answers", "spans lost")
        .numeric(2, 3, 4, 5, 6, 7, 8, 9);
    for (Summary s : summaries) {
      table.row(s.system(), s.format(), fmt("%,.0f", s.medianSpansPerSecond()),
          fmt("%,.0f – %,.0f", s.minSpansPerSecond(), s.maxSpansPerSecond()),
          zipkin == null ? null : ratio(s.medianSpansPerSecond() / zipkin.medianSpansPerSecond()),
          fmt("%.2f", s.medianCpuMicrosPerSpan()),
          zipkin == null ? null : ratio(s.medianCpuMicrosPerSpan() / zipkin.medianCpuMicrosPerSpan()),
          fmt("%.2f", s.medianClientCpuMicrosPerSpan()), fmt("%d", s.non2xx() + s.ioErrors()), fmt("%d", s.lost()));
    }
    return table.render();
  }

  static String memoryTable(List<Memory> memories, String peer, List<Long> checkpoints) {
    List<String> headers = new ArrayList<>(List.of("system"));
    for (long c : checkpoints) {
      headers.add("heap at " + spansLabel(c));
      headers.add("B/span at " + spansLabel(c));
    }
    headers.add("B/span vs " + peer + " at " + spansLabel(checkpoints.get(checkpoints.size() - 1)));
    headers.add("RSS at " + spansLabel(checkpoints.get(checkpoints.size() - 1)));
    MarkdownTable table = MarkdownTable.of(headers.toArray(String[]::new));
    int[] numeric = new int[headers.size() - 1];
    for (int i = 0; i < numeric.length; i++) {
      numeric[i] = i + 1;
    }
    table.numeric(numeric);
    Map<String, Map<Long, Memory>> bySystem = bySystem(memories);
    long last = checkpoints.get(checkpoints.size() - 1);
    Memory peerLast = bySystem.getOrDefault(peer, Map.of()).get(last);
    for (Map.Entry<String, Map<Long, Memory>> e : bySystem.entrySet()) {
      List<Object> row = new ArrayList<>(List.of(e.getKey()));
      for (long c : checkpoints) {
        Memory m = e.getValue().get(c);
        row.add(m == null ? null : fmt("%,.0f MB", (m.heapUsedBytes() - m.baselineBytes()) / 1e6));
        row.add(m == null ? null : fmt("%,.0f", m.bytesPerSpan()));
      }
      Memory m = e.getValue().get(last);
      row.add(m == null || peerLast == null ? null : ratio(m.bytesPerSpan() / peerLast.bytesPerSpan()));
      row.add(m == null ? null : fmt("%,.0f MB", m.rssBytes() / 1e6));
      table.row(row.toArray());
    }
    return table.render();
  }

  static Map<String, Map<Long, Memory>> bySystem(List<Memory> memories) {
    Map<String, Map<Long, Memory>> bySystem = new LinkedHashMap<>();
    for (Memory m : memories) {
      bySystem.computeIfAbsent(m.system(), k -> new LinkedHashMap<>()).put(m.spans(), m);
    }
    return bySystem;
  }

  /** "met" or "missed" with the measured ratio, for one goal. */
  static String goal(String goal, boolean met, String measured) {
    return "- " + goal + ": **" + (met ? "met" : "missed") + "** — " + measured + "\n";
  }

  static String roundsCsv(List<Round> rounds) {
    return roundsCsv(rounds, -1);
  }

  /**
   * With {@code warmupRounds >= 0}, a last column says which rounds warmed up the JIT (left out of
   * the medians), so that the chart leaves out the same ones.
   */
  static String roundsCsv(List<Round> rounds, int warmupRounds) {
    List<Object> header = new ArrayList<>(List.of("system", "format", "round", "spans", "seconds", "spans_per_second",
        "server_cpu_seconds", "server_cpu_us_per_span", "client_cpu_us_per_span", "non2xx", "io_errors", "lost"));
    if (warmupRounds >= 0) {
      header.add("warmup");
    }
    StringBuilder sb = new StringBuilder(Csv.line(header.toArray()));
    for (Round r : rounds) {
      List<Object> row = new ArrayList<>(List.of(r.system(), r.format(), r.round(), r.spans(), fmt("%.4f", r.seconds()),
          fmt("%.1f", r.spansPerSecond()), fmt("%.4f", r.cpuSeconds()), fmt("%.3f", r.cpuMicrosPerSpan()),
          fmt("%.3f", r.clientCpuMicrosPerSpan()), r.non2xx(), r.ioErrors(), r.lost()));
      if (warmupRounds >= 0) {
        row.add(r.round() <= warmupRounds);
      }
      sb.append(Csv.line(row.toArray()));
    }
    return sb.toString();
  }

  static String memoryCsv(List<Memory> memories) {
    StringBuilder sb = new StringBuilder(Csv.line("system", "spans", "heap_used_bytes", "empty_heap_bytes",
        "bytes_per_span", "rss_bytes"));
    for (Memory m : memories) {
      sb.append(Csv.line(m.system(), m.spans(), m.heapUsedBytes(), m.baselineBytes(), fmt("%.1f", m.bytesPerSpan()),
          m.rssBytes()));
    }
    return sb.toString();
  }

  static Summary find(List<Summary> summaries, String system) {
    return summaries.stream().filter(s -> s.system().equals(system)).findFirst().orElse(null);
  }

  /** "100k", "1M", "5M", "1.5M", "1.25M". */
  static String spansLabel(long spans) {
    if (spans >= 1_000_000 && spans % 10_000 == 0) {
      return java.math.BigDecimal.valueOf(spans, 6).stripTrailingZeros().toPlainString() + "M";
    }
    if (spans >= 1_000 && spans % 1_000 == 0) {
      return spans / 1_000 + "k";
    }
    return Long.toString(spans);
  }

  /** A ratio with two significant digits at most: 12×, 1.5×, 0.75×, 0.0065×. */
  static String ratio(double r) {
    return r >= 10 ? fmt("%.0f×", r) : r >= 1 ? fmt("%.1f×", r) : r >= 0.01 ? fmt("%.2f×", r)
        : new java.math.BigDecimal(r).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString() + "×";
  }

  static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
