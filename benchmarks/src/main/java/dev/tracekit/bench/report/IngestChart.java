package dev.tracekit.bench.report;

import dev.tracekit.bench.harness.Csv;
import dev.tracekit.bench.harness.Stats;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws {@code docs/benchmarks/ingest.png} from the ingest run's CSV files: spans stored per
 * second (bars: the median, dots: each round after the warm-up), server CPU per span, and heap
 * per stored span at the largest checkpoint, for each system.
 *
 * <p>Usage: {@code IngestChart RESULTS_DIR OUT.png}
 */
public final class IngestChart {

  private static final Color OURS = new Color(0x0F, 0x76, 0x6E);
  private static final Color OURS_JSON = new Color(0x5E, 0xB8, 0xAE);
  private static final Color PEER = new Color(0xE0, 0x7B, 0x39);

  private IngestChart() {}

  public static void main(String[] args) throws IOException {
    Path results = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
    Path png = Path.of(args.length > 1 ? args[1] : "docs/benchmarks/ingest.png");
    List<List<String>> rounds = Csv.read(results.resolve("ingest-rounds.csv"));
    List<List<String>> memory = Csv.read(results.resolve("ingest-memory.csv"));

    Map<String, List<Double>> rates = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    int lastRound = rounds.stream().mapToInt(r -> Integer.parseInt(r.get(2))).max().orElse(1);
    for (List<String> r : rounds) {
      // Warm-up rounds are left out as in the tables: marked in the last column, or (results
      // written before that column) round 1 when there are three or more.
      boolean warmup = r.size() > 12 ? Boolean.parseBoolean(r.get(12))
          : lastRound >= 3 && Integer.parseInt(r.get(2)) == 1;
      if (warmup) {
        continue;
      }
      rates.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(Double.parseDouble(r.get(5)));
      cpu.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(Double.parseDouble(r.get(7)));
    }
    long lastCheckpoint = memory.stream().mapToLong(m -> Long.parseLong(m.get(1))).max().orElse(0);
    Map<String, Double> bytesPerSpan = new LinkedHashMap<>();
    for (List<String> m : memory) {
      if (Long.parseLong(m.get(1)) == lastCheckpoint) {
        // From the raw bytes rather than the rounded bytes_per_span column, so that the chart and
        // the tables round the same number.
        double heapBytes = Double.parseDouble(m.get(2)) - Double.parseDouble(m.get(3));
        bytesPerSpan.put(m.get(0), heapBytes / Long.parseLong(m.get(1)));
      }
    }

    List<BarChart.Bar> rateBars = new ArrayList<>();
    List<BarChart.Bar> cpuBars = new ArrayList<>();
    List<BarChart.Bar> memoryBars = new ArrayList<>();
    Map<String, String> formats = new LinkedHashMap<>();
    for (List<String> r : rounds) {
      formats.putIfAbsent(r.get(0), r.get(1));
    }
    List<Map.Entry<String, List<Double>>> systems = new ArrayList<>(rates.entrySet());
    // Ours with its own format, ours like for like, then the peer.
    systems.sort(java.util.Comparator.comparingInt(e -> rank(e.getKey())));
    for (Map.Entry<String, List<Double>> e : systems) {
      String label = e.getKey() + " ← " + formats.get(e.getKey());
      Color color = colorOf(e.getKey());
      rateBars.add(new BarChart.Bar(label, Stats.median(toArray(e.getValue())), color, e.getValue()));
      cpuBars.add(new BarChart.Bar(label, Stats.median(toArray(cpu.get(e.getKey()))), color, List.of()));
      if (bytesPerSpan.containsKey(e.getKey())) {
        memoryBars.add(new BarChart.Bar(label, bytesPerSpan.get(e.getKey()), color, List.of()));
      }
    }
    List<BarChart.Panel> panels = new ArrayList<>();
    panels.add(new BarChart.Panel("Spans stored per second (higher: better)", rateBars,
        v -> String.format(Locale.ROOT, "%,.0f", v)));
    panels.add(new BarChart.Panel("Server CPU per span, µs (lower: better)", cpuBars,
        v -> String.format(Locale.ROOT, "%.1f", v)));
    if (!memoryBars.isEmpty()) {
      panels.add(new BarChart.Panel("Heap per span at " + millions(lastCheckpoint) + ", bytes (lower: better)",
          memoryBars, v -> String.format(Locale.ROOT, "%,.0f", v)));
    }
    BarChart.write(BarChart.render("Collector ingest: TraceKit against Zipkin 3.5.1", subtitle(results), panels,
        "Bars: median over rounds; dots: each round. Same spans, same machine, same run, alternating. "
            + "Source: benchmarks/results/ingest-*.csv (scripts/bench ingest)."), png);
    System.out.println("chart: wrote " + png);
  }

  /** The "measured ... on ..." line of ingest.md, shortened to when, where and the load. */
  private static String subtitle(Path results) throws IOException {
    Path md = results.resolve("ingest.md");
    if (!Files.exists(md)) {
      return "";
    }
    String first = Files.readAllLines(md).get(0).replace("_", "").replace("`", "");
    int on = first.indexOf(" on ");
    int comma = first.indexOf(',', on);
    int load = first.indexOf("; load average");
    if (on < 0 || comma < 0 || load < 0) {
      return first;
    }
    String when = first.substring("Measured ".length(), first.indexOf(" with "));
    String loads = first.substring(load + 14).trim();
    if (loads.endsWith(".")) {
      loads = loads.substring(0, loads.length() - 1);
    }
    return when + " · " + first.substring(on + 4, comma) + " · load average " + loads;
  }

  private static int rank(String system) {
    return system.startsWith("Zipkin") ? 2 : system.contains("like for like") ? 1 : 0;
  }

  private static Color colorOf(String system) {
    if (system.startsWith("Zipkin")) {
      return PEER;
    }
    return system.contains("like for like") ? OURS_JSON : OURS;
  }

  private static String millions(long spans) {
    return spans >= 1_000_000 && spans % 1_000_000 == 0 ? spans / 1_000_000 + "M"
        : spans % 1_000 == 0 ? spans / 1_000 + "k" : Long.toString(spans);
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
