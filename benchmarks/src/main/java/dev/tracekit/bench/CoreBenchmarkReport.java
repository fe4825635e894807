package dev.tracekit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the core benchmarks (TraceKit, OpenTelemetry SDK and Brave side by side, in one JVM
 * run each, with the GC profiler) and writes a Markdown table of time and bytes per operation
 * with TraceKit's ratio to the fastest peer.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.tracekit.bench.CoreBenchmarkReport OUT.md [iterations]}
 */
public final class CoreBenchmarkReport {

  private CoreBenchmarkReport() {}

  public static void main(String[] args) throws RunnerException, IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "core-benchmarks.md");
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Options options = new OptionsBuilder()
        .include(SpanLifecycleBenchmark.class.getSimpleName())
        .include(PropagationBenchmark.class.getSimpleName())
        .include(OtlpEncodeBenchmark.class.getSimpleName())
        .addProfiler("gc")
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .forks(1)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    String table = render(results);
    Files.writeString(out, table);
    System.out.println(table);
  }

  /** Rows keyed by "Benchmark.case [param]", one column per system. */
  static String render(Collection<RunResult> results) {
    Map<String, Map<String, double[]>> rows = new TreeMap<>();
    for (RunResult run : results) {
      String label = run.getParams().getBenchmark();
      String method = label.substring(label.lastIndexOf('.') + 1);
      String className = label.substring(0, label.lastIndexOf('.'));
      className = className.substring(className.lastIndexOf('.') + 1).replace("Benchmark", "");
      int underscore = method.indexOf('_');
      String system = method.substring(0, underscore);
      String scenario = method.substring(underscore + 1);
      String param = run.getParams().getParamsKeys().isEmpty()
          ? ""
          : " (" + String.join(",", paramPairs(run)) + ")";
      Result<?> primary = run.getPrimaryResult();
      Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
      double bytes = alloc == null ? Double.NaN : alloc.getScore();
      rows.computeIfAbsent(className + " " + scenario + param, k -> new LinkedHashMap<>())
          .put(system, new double[] {primary.getScore(), primary.getScoreError(), bytes});
    }
    StringBuilder sb = new StringBuilder();
    sb.append("| benchmark | TraceKit ns/op | TraceKit B/op | peer | peer ns/op | peer B/op | time vs peer | bytes vs peer |\n");
    sb.append("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |\n");
    for (Map.Entry<String, Map<String, double[]>> row : rows.entrySet()) {
      double[] ours = row.getValue().get("tracekit");
      if (ours == null) {
        continue;
      }
      List<Map.Entry<String, double[]>> peers = new ArrayList<>();
      row.getValue().entrySet().stream().filter(e -> !e.getKey().equals("tracekit")).forEach(peers::add);
      if (peers.isEmpty()) {
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | – | – | – | – | – |\n",
            row.getKey(), ns(ours), bytes(ours[2])));
        continue;
      }
      for (Map.Entry<String, double[]> peer : peers) {
        double[] p = peer.getValue();
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.2f× | %s |\n",
            row.getKey(), ns(ours), bytes(ours[2]), peer.getKey(), ns(p), bytes(p[2]),
            ours[0] / p[0], p[2] > 0 ? String.format(Locale.ROOT, "%.2f×", ours[2] / p[2]) : "–"));
      }
    }
    return sb.toString();
  }

  private static List<String> paramPairs(RunResult run) {
    List<String> pairs = new ArrayList<>();
    for (String key : run.getParams().getParamsKeys()) {
      pairs.add(key + "=" + run.getParams().getParam(key));
    }
    return pairs;
  }

  private static String ns(double[] r) {
    return String.format(Locale.ROOT, "%.1f ± %.1f", r[0], Double.isNaN(r[1]) ? 0 : r[1]);
  }

  private static String bytes(double b) {
    return Double.isNaN(b) ? "–" : String.format(Locale.ROOT, "%.0f", b);
  }
}
