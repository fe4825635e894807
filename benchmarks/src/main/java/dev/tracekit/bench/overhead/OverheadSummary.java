package dev.tracekit.bench.overhead;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Medians per configuration and connection count over the rounds, and ratios against the
 * baseline. A ratio is the median of the per-round ratios: each run is divided by the
 * baseline's run of the same round and connection count (taken minutes apart at most), which
 * cancels most of the drift of a shared machine's load between rounds.
 */
final class OverheadSummary {

  /**
   * One configuration at one connection count.
   *
   * @param rounds runs that went into the medians
   * @param rps median requests per second
   * @param p50Micros median of the runs' median latencies
   * @param p99Micros median of the runs' 99th percentile latencies
   * @param rpsRatio throughput against the baseline (1.0 = same; 0.97 = 3% fewer requests)
   * @param p50Ratio median latency against the baseline
   * @param p99Ratio 99th percentile latency against the baseline
   * @param errors failed requests over all runs (non-2xx answers and socket errors)
   * @param load1 median one-minute load average at the start of the runs
   * @param serviceCpuMicros median CPU time of the three services per request, microseconds
   * @param totalCpuMicros median CPU time of the services and the collector per request
   * @param totalCpuRatio services' and collector's CPU per request against the baseline
   */
  record Row(
      String config,
      int connections,
      int rounds,
      double rps,
      double p50Micros,
      double p99Micros,
      double rpsRatio,
      double p50Ratio,
      double p99Ratio,
      long errors,
      double load1,
      double serviceCpuMicros,
      double totalCpuMicros,
      double totalCpuRatio) {

    /** Throughput lost against the baseline, in percent (negative: more than the baseline). */
    double throughputLossPercent() {
      return (1 - rpsRatio) * 100;
    }

    /**
     * Throughput a machine of its own would lose when CPU bounds it: requests per CPU-second
     * against the baseline's, in percent. Other processes' load barely moves CPU time per
     * request, so on a shared machine this is the steadier estimate of the overhead.
     */
    double cpuBoundThroughputLossPercent() {
      return (1 - 1 / totalCpuRatio) * 100;
    }

    /** CPU time per request added against the baseline, in percent. */
    double cpuAddedPercent() {
      return (totalCpuRatio - 1) * 100;
    }
  }

  private final String baseline;
  private final List<Measurement> measurements;

  OverheadSummary(String baseline, List<Measurement> measurements) {
    this.baseline = baseline;
    this.measurements = List.copyOf(measurements);
  }

  String baseline() {
    return baseline;
  }

  List<Measurement> measurements() {
    return measurements;
  }

  List<Integer> connectionCounts() {
    return List.copyOf(new TreeSet<>(measurements.stream().map(Measurement::connections).toList()));
  }

  Optional<Row> row(String config, int connections) {
    List<Measurement> runs = runs(config, connections);
    if (runs.isEmpty()) {
      return Optional.empty();
    }
    List<Measurement> base = runs(baseline, connections);
    return Optional.of(
        new Row(
            config,
            connections,
            runs.size(),
            median(runs, m -> m.result().requestsPerSecond()),
            median(runs, m -> m.result().p50Micros()),
            median(runs, m -> m.result().p99Micros()),
            pairedRatio(runs, base, m -> m.result().requestsPerSecond()),
            pairedRatio(runs, base, m -> m.result().p50Micros()),
            pairedRatio(runs, base, m -> m.result().p99Micros()),
            runs.stream().mapToLong(m -> m.result().errors()).sum(),
            median(runs, Measurement::load1),
            median(runs, Measurement::serviceCpuMicrosPerRequest),
            median(runs, Measurement::totalCpuMicrosPerRequest),
            pairedRatio(runs, base, Measurement::totalCpuMicrosPerRequest)));
  }

  /**
   * Median CPU per request of each process (gateway, auth, data, collector), microseconds.
   */
  double[] cpuBreakdown(String config, int connections) {
    List<Measurement> runs = runs(config, connections);
    return new double[] {
      median(runs, m -> m.perRequestMicros(m.cpuMillis().gateway())),
      median(runs, m -> m.perRequestMicros(m.cpuMillis().auth())),
      median(runs, m -> m.perRequestMicros(m.cpuMillis().data())),
      median(runs, m -> m.perRequestMicros(m.cpuMillis().collector()))
    };
  }

  /** One-minute load averages at the start of every run: min, median, max. */
  double[] loadRange() {
    double[] loads = measurements.stream().mapToDouble(Measurement::load1).sorted().toArray();
    if (loads.length == 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    return new double[] {loads[0], median(loads), loads[loads.length - 1]};
  }

  private List<Measurement> runs(String config, int connections) {
    return measurements.stream()
        .filter(m -> m.config().equals(config) && m.connections() == connections)
        .toList();
  }

  private static double pairedRatio(
      List<Measurement> runs, List<Measurement> base, ToDoubleFunction<Measurement> value) {
    List<Double> ratios = new ArrayList<>();
    for (Measurement run : runs) {
      base.stream()
          .filter(b -> b.round() == run.round())
          .findFirst()
          .ifPresent(b -> ratios.add(value.applyAsDouble(run) / value.applyAsDouble(b)));
    }
    return median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double median(List<Measurement> runs, ToDoubleFunction<Measurement> value) {
    return median(runs.stream().mapToDouble(value).toArray());
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
