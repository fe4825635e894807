package dev.tracekit.bench.overhead;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The request-overhead section of BENCHMARKS.md: machine, command, method, one table per
 * connection count, the goals checked against the numbers, and every run.
 */
final class OverheadMarkdown {

  /** The goals: throughput lost at 10% and at 100% sampling, in percent. */
  static final double GOAL_AT_10 = 1.0;

  static final double GOAL_AT_100 = 3.0;

  private static final String TRACEKIT_10 = "tracekit-10";
  private static final String TRACEKIT_100 = "tracekit-100";
  private static final List<String> PEERS_100 = List.of("brave-100", "otel-100");

  private final OverheadSummary summary;
  private final List<Configuration> configs;
  private final Properties machine;
  private final String chartPath;
  private final String resultsDir;

  /** {@code resultsDir}: where the runs were written, as the report names it (raw output, summary). */
  OverheadMarkdown(
      OverheadSummary summary, List<Configuration> configs, Properties machine, String chartPath, String resultsDir) {
    this.summary = summary;
    this.configs = configs;
    this.machine = machine;
    this.chartPath = chartPath;
    this.resultsDir = resultsDir;
  }

  String render() {
    StringBuilder md = new StringBuilder();
    // Spliced under BENCHMARKS.md's own "## 1. Request overhead" heading: no title of its own.
    md.append("_Written by `scripts/bench-overhead` on ")
        .append(get("date"))
        .append(" (commit ")
        .append(get("commit"))
        .append("); raw wrk output in `").append(resultsDir).append("/raw/`, medians in `")
        .append(resultsDir).append("/summary.tsv`._\n\n");
    md.append("**Command:** `").append(get("command")).append("`\n\n");
    double[] load = summary.loadRange();
    md.append("**Machine:** ")
        .append(get("nproc"))
        .append(" cores (")
        .append(get("cpu"))
        .append("), ")
        .append(get("memory"))
        .append("; ")
        .append(get("jdk"))
        .append("; ")
        .append(get("wrk"))
        .append(". Shared with other builds while it ran: the 1-minute load average at the start of")
        .append(" the runs was ")
        .append(String.format(Locale.ROOT, "%.1f / %.1f / %.1f (min / median / max)", load[0], load[1], load[2]))
        .append(" on ")
        .append(get("nproc"))
        .append(" cores, so the absolute numbers are low and noisy; the ratios, taken side by side,")
        .append(" are the result.\n\n");
    md.append("**What is measured:** wrk sends `GET /api/orders/1` (`Authorization: Bearer")
        .append(" demo-token-alice`) to gateway-service (WebFlux), which calls auth-service (MVC) and")
        .append(" then data-service (MVC + JDBC on H2) three times at once: per request 5 server")
        .append(" spans, 4 client spans and the JDBC statements when everything is traced.\n\n");
    md.append("**Method:** every configuration runs at the same time as its own three service JVMs (`")
        .append(get("jvm_opts"))
        .append("`, the same for all) beside one TraceKit collector (memory store) on loopback, which")
        .append(" receives every traced configuration's spans (OTLP, or Zipkin JSON on")
        .append(" `/api/v2/spans` for Brave). Each configuration is warmed up (")
        .append(get("warmup"))
        .append(" s at 16 clients), then counted: the spans the collector received for 50")
        .append(" sequential requests. Then ")
        .append(get("rounds"))
        .append(" rounds: in each, for each client count, every configuration once, in an order that")
        .append(" rotates from round to round, ")
        .append(get("duration"))
        .append(" s each after an unrecorded ")
        .append(get("pre"))
        .append(" s run at the same client count; only one configuration is under load at a time.")
        .append(" Around each run the script reads the CPU time (user + system, /proc) of the")
        .append(" configuration's three JVMs and of the collector: CPU per request is that divided by")
        .append(" the requests wrk completed.")
        .append(" Every configuration runs Reactor's context propagation at Spring Boot's default")
        .append(" (`spring.reactor.context-propagation=limited`) but `tracekit-100-auto`, which runs")
        .append(" the demo gateway's own `auto` (thread-locals restored around every operator, so")
        .append(" that lines logged inside operators carry the ids).")
        .append(" Values are medians over the rounds; a ratio is the median of the per-round ratios")
        .append(" to `")
        .append(summary.baseline())
        .append("` at the same round and client count (1.00 = no difference; a throughput ratio")
        .append(" of 0.97 is 3% lost).\n\n");

    md.append("### Configurations\n\n");
    md.append("| configuration | what runs | spans per request received by the collector |\n");
    md.append("| --- | --- | --- |\n");
    for (Configuration config : configs) {
      md.append("| `").append(config.id()).append("` | ").append(config.description()).append(" | ");
      if (!config.ran()) {
        md.append("did not run: ").append(config.status());
      } else if (Double.isNaN(config.spansPerRequest())) {
        md.append("–");
      } else {
        md.append(String.format(Locale.ROOT, "%.1f", config.spansPerRequest()));
      }
      md.append(" |\n");
    }
    md.append('\n');

    for (int connections : summary.connectionCounts()) {
      md.append("### ")
          .append(connections)
          .append(connections == 1 ? " client" : " concurrent clients")
          .append("\n\n");
      md.append("| configuration | req/s | vs none | p50 ms | vs none | p99 ms | vs none")
          .append(" | CPU µs/request: services | + collector | vs none | failed requests | load avg |\n");
      md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (Configuration config : configs) {
        Optional<OverheadSummary.Row> row = summary.row(config.id(), connections);
        if (row.isEmpty()) {
          continue;
        }
        OverheadSummary.Row r = row.get();
        md.append(String.format(
            Locale.ROOT,
            "| `%s` | %.0f | %.3f | %.2f | %.3f | %.2f | %.3f | %.0f | %.0f | %.3f | %d | %.1f |%n",
            r.config(),
            r.rps(),
            r.rpsRatio(),
            r.p50Micros() / 1000,
            r.p50Ratio(),
            r.p99Micros() / 1000,
            r.p99Ratio(),
            r.serviceCpuMicros(),
            r.totalCpuMicros(),
            r.totalCpuRatio(),
            r.errors(),
            r.load1()));
      }
      md.append('\n');
    }

    md.append("### Where the CPU goes\n\n");
    md.append("CPU time per request by process, microseconds (medians over the rounds):\n\n");
    md.append("| configuration | clients | gateway | auth | data | collector | total |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Configuration config : configs) {
      for (int connections : summary.connectionCounts()) {
        if (summary.row(config.id(), connections).isEmpty()) {
          continue;
        }
        double[] cpu = summary.cpuBreakdown(config.id(), connections);
        md.append(String.format(
            Locale.ROOT,
            "| `%s` | %d | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
            config.id(),
            connections,
            cpu[0],
            cpu[1],
            cpu[2],
            cpu[3],
            summary.row(config.id(), connections).get().totalCpuMicros()));
      }
    }
    md.append('\n');

    md.append("### The issue's goals\n\n");
    goalLines(md);
    md.append('\n');
    md.append("Throughput lost against `none`, two ways: as wrk measured it (median of the")
        .append(" per-round ratios), and as CPU bounds it: 1 − (CPU per request of `none`) / (CPU per")
        .append(" request of the configuration), services and collector together, which is what a")
        .append(" machine of its own would lose once its CPU is saturated. On a shared machine the")
        .append(" second is the steadier figure: other processes change how much CPU a run gets, much")
        .append(" less how much CPU a request costs. Negative = less than the baseline, i.e. within")
        .append(" the noise.\n\n");
    md.append("| goal | measured as |");
    for (int connections : summary.connectionCounts()) {
      md.append(' ').append(connections).append(connections == 1 ? " client |" : " clients |");
    }
    md.append("\n| --- | --- |");
    summary.connectionCounts().forEach(c -> md.append(" --- |"));
    md.append('\n');
    for (Metric metric : Metric.values()) {
      goalRow(md, TRACEKIT_10, "TraceKit at 10% loses ≤ 1%", GOAL_AT_10, metric);
    }
    for (Metric metric : Metric.values()) {
      goalRow(md, TRACEKIT_100, "TraceKit at 100% loses ≤ 3%", GOAL_AT_100, metric);
    }
    for (String peer : PEERS_100) {
      for (Metric metric : Metric.values()) {
        peerRow(md, peer, metric);
      }
    }
    md.append('\n');
    md.append("![Request overhead by configuration](").append(chartPath).append(")\n\n");

    md.append("<details><summary>Every run (round, clients, configuration, req/s, p50, p99, load")
        .append(" average at its start)</summary>\n\n");
    md.append("| round | clients | configuration | req/s | p50 ms | p99 ms | CPU µs/request (services + collector) | failed | load avg |\n");
    md.append("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Measurement m : summary.measurements()) {
      md.append(String.format(
          Locale.ROOT,
          "| %d | %d | `%s` | %.0f | %.2f | %.2f | %.0f | %d | %.2f |%n",
          m.round(),
          m.connections(),
          m.config(),
          m.result().requestsPerSecond(),
          m.result().p50Micros() / 1000,
          m.result().p99Micros() / 1000,
          m.totalCpuMicrosPerRequest(),
          m.result().errors(),
          m.load1()));
    }
    md.append("\n</details>\n");
    return md.toString();
  }

  /**
   * One line per goal in the form BENCHMARKS.md's summary collects ("- goal: **met** — ..."),
   * judged on CPU per request (the steadier figure) at every client count: met only if met at
   * all of them.
   */
  private void goalLines(StringBuilder md) {
    goalLine(md, "request overhead at 10% sampling ≤ 1% (CPU per request)", TRACEKIT_10, null, GOAL_AT_10);
    goalLine(md, "request overhead at 100% sampling ≤ 3% (CPU per request)", TRACEKIT_100, null, GOAL_AT_100);
    for (String peer : PEERS_100) {
      if (configs.stream().anyMatch(c -> c.id().equals(peer) && c.ran())) {
        goalLine(md, "request overhead at 100% lower than `" + peer + "` (CPU per request)", TRACEKIT_100, peer, 0);
      }
    }
  }

  /** Against {@code peer} when it is given, else against {@code limitPercent}. */
  private void goalLine(StringBuilder md, String goal, String config, String peer, double limitPercent) {
    StringBuilder detail = new StringBuilder();
    boolean met = true;
    boolean measured = false;
    for (int connections : summary.connectionCounts()) {
      Optional<OverheadSummary.Row> ours = summary.row(config, connections);
      Optional<OverheadSummary.Row> theirs = peer == null ? Optional.empty() : summary.row(peer, connections);
      if (ours.isEmpty() || (peer != null && theirs.isEmpty())) {
        continue;
      }
      measured = true;
      double loss = Metric.CPU.lossPercent(ours.get());
      double limit = peer == null ? limitPercent : Metric.CPU.lossPercent(theirs.get());
      met &= peer == null ? loss <= limit : loss < limit;
      detail.append(detail.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%.1f%%", loss))
          .append(peer == null ? "" : String.format(Locale.ROOT, " vs %.1f%%", limit))
          .append(String.format(Locale.ROOT, " at %d %s (req/s: %.1f%%)", connections,
              connections == 1 ? "client" : "clients", Metric.THROUGHPUT.lossPercent(ours.get())));
    }
    if (measured) {
      md.append("- ").append(goal).append(": ").append(met ? "**met**" : "**missed**").append(" — ")
          .append(detail).append('\n');
    }
  }

  /** The two ways the throughput loss is measured. */
  private enum Metric {
    THROUGHPUT("req/s"),
    CPU("CPU per request");

    private final String label;

    Metric(String label) {
      this.label = label;
    }

    double lossPercent(OverheadSummary.Row row) {
      return this == THROUGHPUT ? row.throughputLossPercent() : row.cpuBoundThroughputLossPercent();
    }
  }

  private void goalRow(
      StringBuilder md, String config, String goal, double limitPercent, Metric metric) {
    md.append("| ").append(goal).append(" | ").append(metric.label).append(" |");
    for (int connections : summary.connectionCounts()) {
      Optional<OverheadSummary.Row> row = summary.row(config, connections);
      if (row.isEmpty()) {
        md.append(" not measured |");
        continue;
      }
      double loss = metric.lossPercent(row.get());
      md.append(String.format(Locale.ROOT, " %.1f%%: %s |", loss, loss <= limitPercent ? "met" : "**missed**"));
    }
    md.append('\n');
  }

  private void peerRow(StringBuilder md, String peer, Metric metric) {
    if (configs.stream().noneMatch(c -> c.id().equals(peer) && c.ran())) {
      return;
    }
    md.append("| TraceKit at 100% loses less than `")
        .append(peer)
        .append("` | ")
        .append(metric.label)
        .append(" |");
    for (int connections : summary.connectionCounts()) {
      Optional<OverheadSummary.Row> ours = summary.row(TRACEKIT_100, connections);
      Optional<OverheadSummary.Row> theirs = summary.row(peer, connections);
      if (ours.isEmpty() || theirs.isEmpty()) {
        md.append(" not measured |");
        continue;
      }
      double a = metric.lossPercent(ours.get());
      double b = metric.lossPercent(theirs.get());
      md.append(String.format(Locale.ROOT, " %.1f%% vs %.1f%%: %s |", a, b, a < b ? "met" : "**missed**"));
    }
    md.append('\n');
  }

  private String get(String key) {
    return machine.getProperty(key, "?");
  }
}
