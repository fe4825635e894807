package dev.tracekit.bench.soak;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The soak: the collector (memory store, bounded) under a steady ingest rate for a number of
 * minutes, sampled every 10 s — heap after GC, heap used, RSS, ingest latency p50/p99, stored
 * spans — into {@code soak.csv}, and a summary {@code soak.md} that says whether memory stayed
 * flat. Run it with {@code scripts/soak}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tracekit.bench.soak.SoakRun \
 *     --collector-jar collector/target/collector-0.1.0-SNAPSHOT.jar [--minutes 10] [--rate 10000]
 *     [--batch 100] [--threads 2] [--max-spans 200000] [--heap 768m] [--out benchmarks/results]
 * </pre>
 */
public final class SoakRun {

  private static final int SAMPLE_SECONDS = 10;

  private SoakRun() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Files.createDirectories(o.out);
    Path csv = o.out.resolve("soak.csv");
    List<Row> rows = new ArrayList<>();
    double liveStart = Double.NaN;
    double liveEnd;
    // The collector's console and GC log go to a scratch directory, not next to the results.
    Path work = Files.createTempDirectory("tracekit-soak-");
    try (CollectorProcess collector = CollectorProcess.start(o.jar, o.heap, o.maxSpans, work)) {
      System.out.printf(Locale.ROOT, "soak: collector pid %d at %s (logs in %s); %d spans/s in requests of %d for %d"
          + " min%n", collector.pid(), collector.base(), work, o.rate, o.batch, o.minutes);
      SoakLoad load = new SoakLoad(collector.base(), o.rate, o.batch, o.threads);
      long begin = System.nanoTime();
      load.start();
      double live = Double.NaN;
      try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
        out.println("elapsed_s,heap_after_gc_mib,heap_used_mib,rss_mib,requests,errors,p50_ms,p99_ms,"
            + "spans_accepted,stored_spans");
        int samples = o.minutes * 60 / SAMPLE_SECONDS;
        for (int i = 1; i <= samples; i++) {
          long due = begin + i * SAMPLE_SECONDS * 1_000_000_000L;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
          }
          SoakLoad.Window w = load.window();
          OptionalDouble afterGc = collector.heapAfterGcMibSinceLastCall();
          if (afterGc.isPresent()) {
            live = afterGc.getAsDouble();
          }
          Row row = new Row(i * SAMPLE_SECONDS, live,
              collector.metric("jvm.memory.used?tag=area:heap").orElse(Double.NaN) / (1024 * 1024),
              collector.rssMib(), w.requests(), w.errors(), w.p50Millis(), w.p99Millis(), w.spansAccepted(),
              collector.metric("tracekit.collector.store.spans").orElse(Double.NaN));
          rows.add(row);
          out.println(row.csv());
          out.flush();
          System.out.println("soak: " + row.csv());
          if (Double.isNaN(liveStart) && row.storedSpans >= 0.9 * o.maxSpans) {
            // The baseline: the live set once the store is (nearly) full, after a forced full GC.
            liveStart = collector.liveHeapAfterFullGcMib().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "soak: store full; live heap after full GC %.0f MiB%n", liveStart);
          }
        }
      }
      load.stop();
      // The live set after a full GC at the end, compared with the one taken when the store filled.
      liveEnd = collector.liveHeapAfterFullGcMib().orElse(Double.NaN);
    }
    Files.writeString(o.out.resolve("soak.md"), summary(o, rows, liveStart, liveEnd));
    System.out.println("soak: wrote " + csv + " and " + o.out.resolve("soak.md"));
  }

  private static String summary(Options o, List<Row> rows, double liveStart, double liveEnd) {
    StringBuilder md = new StringBuilder();
    md.append("# Collector soak\n\n");
    md.append(String.format(Locale.ROOT, "Run at %s: `scripts/soak --minutes %d --rate %d` — the collector jar as a child "
        + "process (memory store bounded to %,d spans, heap %s), %d sender threads posting OTLP protobuf + LZ4 "
        + "batches of %d spans to `/v1/traces` on loopback; every %d s a row in `soak.csv`.%n%n",
        Instant.now(), o.minutes, o.rate, o.maxSpans, o.heap, o.threads, o.batch, SAMPLE_SECONDS));
    if (rows.isEmpty()) {
      return md.append("No samples.\n").toString();
    }
    long requests = 0;
    long errors = 0;
    long spans = 0;
    double maxP99 = 0;
    double maxRss = 0;
    double maxHeapAfterGc = 0;
    double maxStored = 0;
    List<Double> p50s = new ArrayList<>();
    for (Row r : rows) {
      requests += r.requests;
      errors += r.errors;
      spans += r.spansAccepted;
      maxP99 = Math.max(maxP99, nan0(r.p99));
      maxRss = Math.max(maxRss, nan0(r.rss));
      maxHeapAfterGc = Math.max(maxHeapAfterGc, nan0(r.heapAfterGc));
      maxStored = Math.max(maxStored, nan0(r.storedSpans));
      if (!Double.isNaN(r.p50)) {
        p50s.add(r.p50);
      }
    }
    p50s.sort(null);
    Row first = rows.get(Math.min(rows.size() - 1, 5));
    Row last = rows.get(rows.size() - 1);
    double seconds = rows.get(rows.size() - 1).elapsed;
    md.append("| measure | value |\n| --- | --- |\n");
    md.append(String.format(Locale.ROOT, "| requests (errors) | %,d (%,d) |%n", requests, errors));
    md.append(String.format(Locale.ROOT, "| spans accepted | %,d (%,.0f spans/s) |%n", spans, spans / seconds));
    md.append(String.format(Locale.ROOT, "| stored spans (max; bound) | %,.0f; %,d |%n", maxStored, o.maxSpans));
    md.append(String.format(Locale.ROOT, "| ingest latency p50 (median of 10 s windows) | %.2f ms |%n",
        p50s.isEmpty() ? Double.NaN : p50s.get(p50s.size() / 2)));
    md.append(String.format(Locale.ROOT, "| ingest latency p99 (worst 10 s window) | %.2f ms |%n", maxP99));
    md.append(String.format(Locale.ROOT, "| heap after GC at 60 s / at end / max | %.0f / %.0f / %.0f MiB |%n",
        first.heapAfterGc, last.heapAfterGc, maxHeapAfterGc));
    md.append(String.format(Locale.ROOT, "| live heap after full GC: store first full / end | %.0f / %.0f MiB |%n",
        liveStart, liveEnd));
    md.append(String.format(Locale.ROOT, "| RSS at 60 s / at end / max | %.0f / %.0f / %.0f MiB |%n",
        first.rss, last.rss, maxRss));
    boolean flat = !Double.isNaN(liveStart) && !Double.isNaN(liveEnd) && liveEnd <= liveStart * 1.15 + 16;
    md.append('\n').append(flat
        ? "Memory stayed flat: with the store at its bound, the heap left after GC at the end is within 15 % of "
            + "where it was when the store first filled.\n"
        : "Memory did NOT stay flat (or could not be measured): compare heap_after_gc_mib over time in soak.csv.\n");
    md.append("\nColumns of soak.csv: `heap_after_gc_mib` the lowest heap occupancy right after a GC in the window "
        + "(from the collector's GC log; carried over when no GC ran), `heap_used_mib` the heap in use at the sample "
        + "(sawtooth), `rss_mib` the process's resident set, `p50_ms`/`p99_ms` request latency seen by the sender, "
        + "`stored_spans` the store's span gauge.\n");
    return md.toString();
  }

  private static double nan0(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  private record Row(int elapsed, double heapAfterGc, double heapUsed, double rss, int requests, long errors, double p50,
      double p99, long spansAccepted, double storedSpans) {

    String csv() {
      return String.format(Locale.ROOT, "%d,%.1f,%.1f,%.1f,%d,%d,%.2f,%.2f,%d,%.0f", elapsed, heapAfterGc, heapUsed, rss,
          requests, errors, p50, p99, spansAccepted, storedSpans);
    }
  }

  private record Options(Path jar, int minutes, int rate, int batch, int threads, int maxSpans, String heap, Path out) {

    static Options parse(String[] args) throws IOException {
      Path jar = null;
      int minutes = 10;
      int rate = 10_000;
      int batch = 100;
      int threads = 2;
      int maxSpans = 200_000;
      String heap = "768m";
      Path out = Path.of("benchmarks", "results");
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--collector-jar" -> jar = Path.of(value);
          case "--minutes" -> minutes = Integer.parseInt(value);
          case "--rate" -> rate = Integer.parseInt(value);
          case "--batch" -> batch = Integer.parseInt(value);
          case "--threads" -> threads = Integer.parseInt(value);
          case "--max-spans" -> maxSpans = Integer.parseInt(value);
          case "--heap" -> heap = value;
          case "--out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]
              + "; use --collector-jar --minutes --rate --batch --threads --max-spans --heap --out");
        }
        i++;
      }
      if (jar == null || !Files.isRegularFile(jar)) {
        throw new IOException("--collector-jar must name the collector's repackaged jar (mvn -pl collector -am package)");
      }
      if (minutes < 1 || rate < 1 || batch < 1 || threads < 1) {
        throw new IllegalArgumentException("--minutes, --rate, --batch and --threads must be at least 1");
      }
      return new Options(jar, minutes, rate, batch, threads, maxSpans, heap, out);
    }
  }
}
