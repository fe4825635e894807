package dev.tracekit.bench.overhead;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Turns the files {@code scripts/bench-overhead} writes (machine.properties, configs.tsv,
 * runs.tsv and the raw wrk output) into summary.tsv, the Markdown section and the PNG chart.
 *
 * <pre>
 * java -cp benchmarks/target/classes dev.tracekit.bench.overhead.OverheadReport \
 *     RESULTS_DIR MARKDOWN_FILE PNG_FILE CHART_PATH_IN_MARKDOWN
 * </pre>
 */
public final class OverheadReport {

  static final String BASELINE = "none";

  private OverheadReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println(
          "usage: OverheadReport RESULTS_DIR MARKDOWN_FILE PNG_FILE CHART_PATH_IN_MARKDOWN");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Properties machine = new Properties();
    try (Reader reader = Files.newBufferedReader(dir.resolve("machine.properties"), StandardCharsets.UTF_8)) {
      machine.load(reader);
    }
    List<Configuration> configs = readConfigurations(dir.resolve("configs.tsv"));
    OverheadSummary summary = new OverheadSummary(BASELINE, readMeasurements(dir));

    Files.writeString(dir.resolve("summary.tsv"), summaryTsv(summary, configs), StandardCharsets.UTF_8);
    Files.writeString(
        Path.of(args[1]),
        new OverheadMarkdown(summary, configs, machine, args[3], args[0]).render(),
        StandardCharsets.UTF_8);
    String subtitle =
        String.format(
            Locale.ROOT,
            "medians over %s rounds of %s s per client count; %s cores, load average %.1f (median); lower is better",
            machine.getProperty("rounds", "?"),
            machine.getProperty("duration", "?"),
            machine.getProperty("nproc", "?"),
            summary.loadRange()[1]);
    new OverheadChart(summary, configs, subtitle).write(Path.of(args[2]));
    System.out.print(summaryTsv(summary, configs));
  }

  private static List<Configuration> readConfigurations(Path tsv) throws IOException {
    List<Configuration> configs = new ArrayList<>();
    for (String line : dataLines(tsv)) {
      String[] f = line.split("\t", -1);
      if (f.length != 4) {
        throw new IllegalArgumentException(tsv + ": expected 4 tab-separated fields in: " + line);
      }
      double spans = f[2].isBlank() ? Double.NaN : Double.parseDouble(f[2]);
      configs.add(new Configuration(f[0], f[1], spans, f[3]));
    }
    return configs;
  }

  private static List<Measurement> readMeasurements(Path dir) throws IOException {
    List<Measurement> measurements = new ArrayList<>();
    Path runs = dir.resolve("runs.tsv");
    for (String line : dataLines(runs)) {
      String[] f = line.split("\t", -1);
      if (f.length != 9) {
        throw new IllegalArgumentException(runs + ": expected 9 tab-separated fields in: " + line);
      }
      Path raw = dir.resolve(f[4]);
      WrkResult result;
      try {
        result = WrkResult.parse(Files.readString(raw, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(raw + ": " + e.getMessage(), e);
      }
      measurements.add(
          new Measurement(
              Integer.parseInt(f[0]),
              Integer.parseInt(f[1]),
              f[2],
              Double.parseDouble(f[3]),
              result,
              new Measurement.CpuMillis(
                  Double.parseDouble(f[5]),
                  Double.parseDouble(f[6]),
                  Double.parseDouble(f[7]),
                  Double.parseDouble(f[8]))));
    }
    return measurements;
  }

  private static List<String> dataLines(Path tsv) throws IOException {
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    return lines.stream().skip(1).filter(l -> !l.isBlank()).toList();
  }

  private static String summaryTsv(OverheadSummary summary, List<Configuration> configs) {
    StringBuilder tsv =
        new StringBuilder(
            "config\tconnections\trounds\trps\tp50_ms\tp99_ms\trps_ratio\tp50_ratio\tp99_ratio\terrors\tload1"
                + "\tservice_cpu_us_per_request\ttotal_cpu_us_per_request\ttotal_cpu_ratio\n");
    for (int connections : summary.connectionCounts()) {
      for (Configuration config : configs) {
        summary
            .row(config.id(), connections)
            .ifPresent(
                r ->
                    tsv.append(
                        String.format(
                            Locale.ROOT,
                            "%s\t%d\t%d\t%.1f\t%.3f\t%.3f\t%.4f\t%.4f\t%.4f\t%d\t%.2f\t%.0f\t%.0f\t%.4f%n",
                            r.config(),
                            r.connections(),
                            r.rounds(),
                            r.rps(),
                            r.p50Micros() / 1000,
                            r.p99Micros() / 1000,
                            r.rpsRatio(),
                            r.p50Ratio(),
                            r.p99Ratio(),
                            r.errors(),
                            r.load1(),
                            r.serviceCpuMicros(),
                            r.totalCpuMicros(),
                            r.totalCpuRatio())));
      }
    }
    return tsv.toString();
  }
}
