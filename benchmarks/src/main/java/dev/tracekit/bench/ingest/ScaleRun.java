package dev.tracekit.bench.ingest;

import static dev.tracekit.bench.ingest.IngestReport.fmt;

import dev.tracekit.bench.harness.Csv;
import dev.tracekit.bench.harness.Machine;
import dev.tracekit.bench.harness.MarkdownTable;
import dev.tracekit.bench.harness.Stats;
import dev.tracekit.bench.spans.GeneratedTraces;
import dev.tracekit.bench.spans.TraceGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 8 part 6, ingest: how our collector's ingest rate and memory per span change as the
 * memory store fills to 100k, 1M and 5M spans (the store bound set to the largest). Rounds of
 * fresh spans (OTLP + LZ4) are sent until each checkpoint; at a checkpoint the heap is measured
 * after a full GC. The rate reported for a checkpoint is the median of the rounds that filled
 * the store from the previous checkpoint to it (the very first round, a JIT warm-up, excluded).
 *
 * <p>Options: {@code --collector-jar}, {@code --out}, {@code --logs}, {@code --checkpoints
 * 100000,1000000,5000000}, {@code --round-spans 50000}, {@code --heap-mb 12288},
 * {@code --batch 512}, {@code --connections 4}, {@code --command}.
 */
public final class ScaleRun {

  private ScaleRun() {}

  record Checkpoint(long spans, double medianSpansPerSecond, double medianCpuMicrosPerSpan, int rounds,
      IngestSession.Memory memory) {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String loadBefore = Machine.loadAverage();
    Path out = args.path("out");
    List<Long> checkpoints = args.longs("checkpoints", "100000,1000000,5000000");
    int tracesPerRound = args.integer("round-spans", 50_000) / TraceGenerator.SPANS_PER_TRACE;
    int roundSpans = tracesPerRound * TraceGenerator.SPANS_PER_TRACE;
    int heapMb = args.integer("heap-mb", 12_288);
    int batchSize = args.integer("batch", 512);
    int connections = args.integer("connections", 4);
    long max = checkpoints.get(checkpoints.size() - 1);
    for (long c : checkpoints) {
      if (c % roundSpans != 0) {
        throw new IllegalArgumentException("checkpoint " + c + " is not a multiple of the round size " + roundSpans);
      }
    }
    Files.createDirectories(out);
    System.out.printf("scale: our collector, memory store bounded at %,d spans, heap %d MB; rounds of %,d spans "
        + "(OTLP + LZ4) up to %s%n", max, heapMb, roundSpans, checkpoints);

    List<IngestSession.Round> rounds = new ArrayList<>();
    List<Checkpoint> results = new ArrayList<>();
    String check;
    boolean ok;
    try (SpanServer server = TraceKitCollector.memory(IngestRun.OURS_OTLP, args.path("collector-jar"), heapMb, max,
            args.path("logs"));
        LoadClient client = new LoadClient(connections)) {
      IngestSession session = new IngestSession(client);
      long baseline = server.process().heapUsedAfterFullGc();
      long[] traceIds = new long[(int) (max / TraceGenerator.SPANS_PER_TRACE * 2)];
      long stored = 0;
      int round = 0;
      int segmentStart = 0;
      long started = System.nanoTime();
      for (long checkpoint : checkpoints) {
        while (stored < checkpoint) {
          round++;
          GeneratedTraces traces = TraceGenerator.startingNow(1_000 + round).generate(tracesPerRound);
          System.arraycopy(traces.traceIds(), 0, traceIds, (round - 1) * tracesPerRound * 2, tracesPerRound * 2);
          IngestSession.Round r = session.round(server, WireFormat.OTLP_LZ4,
              IngestSession.encode(traces.batches(batchSize), WireFormat.OTLP_LZ4), stored, round);
          rounds.add(r);
          stored += r.spans();
          System.out.println(IngestSession.progress(r) + fmt("   store %s, %.0f s elapsed",
              IngestReport.spansLabel(stored), (System.nanoTime() - started) / 1e9));
        }
        List<IngestSession.Round> segment = rounds.subList(Math.max(segmentStart, 1), rounds.size());
        if (segment.isEmpty()) {
          segment = rounds.subList(segmentStart, rounds.size());
        }
        IngestSession.Memory memory = IngestSession.memory(server, stored, baseline);
        Checkpoint c = new Checkpoint(stored,
            Stats.median(segment.stream().mapToDouble(IngestSession.Round::spansPerSecond).toArray()),
            Stats.median(segment.stream().mapToDouble(IngestSession.Round::cpuMicrosPerSpan).toArray()),
            segment.size(), memory);
        results.add(c);
        segmentStart = rounds.size();
        System.out.printf("scale: at %s spans: %,.0f spans/s (median of %d rounds), %,.0f B/span, heap %,.0f MB after full GC%n",
            IngestReport.spansLabel(stored), c.medianSpansPerSecond(), c.rounds(), memory.bytesPerSpan(),
            memory.heapUsedBytes() / 1e6);
      }
      // Where the memory goes, for the reader who wants to know why a span costs what it costs.
      Files.writeString(out.resolve("scale-histogram.txt"), "Live objects in our collector with "
          + IngestReport.spansLabel(stored) + " spans stored (jcmd GC.class_histogram, top 40):\n"
          + server.process().classHistogram(40));
      StoredCheck.Outcome outcome = StoredCheck.check(server, stored, traceIds, 50, TraceGenerator.SPANS_PER_TRACE);
      check = outcome.text();
      ok = outcome.ok();
      System.out.println("  " + check);
    }

    String command = args.string("command", "scripts/bench scale");
    Files.writeString(out.resolve("scale-rounds.csv"), IngestReport.roundsCsv(rounds));
    StringBuilder csv = new StringBuilder(Csv.line("spans", "median_spans_per_second", "median_cpu_us_per_span",
        "rounds", "heap_used_bytes", "empty_heap_bytes", "bytes_per_span", "rss_bytes"));
    MarkdownTable table = MarkdownTable.of("spans stored", "ingest spans/s (median)", "rounds in median",
        "server CPU µs/span", "heap after full GC", "B/span", "RSS").numeric(1, 2, 3, 4, 5, 6);
    for (Checkpoint c : results) {
      IngestSession.Memory m = c.memory();
      csv.append(Csv.line(c.spans(), fmt("%.1f", c.medianSpansPerSecond()), fmt("%.3f", c.medianCpuMicrosPerSpan()),
          c.rounds(), m.heapUsedBytes(), m.baselineBytes(), fmt("%.1f", m.bytesPerSpan()), m.rssBytes()));
      table.row(IngestReport.spansLabel(c.spans()), fmt("%,.0f", c.medianSpansPerSecond()), c.rounds(),
          fmt("%.2f", c.medianCpuMicrosPerSpan()), fmt("%,.0f MB", (m.heapUsedBytes() - m.baselineBytes()) / 1e6),
          fmt("%,.0f", m.bytesPerSpan()), fmt("%,.0f MB", m.rssBytes() / 1e6));
    }
    Files.writeString(out.resolve("scale.csv"), csv.toString());
    String md = Machine.header(command, loadBefore) + "\n"
        + fmt("One collector, memory store bounded at %s spans, -Xmx %d MB, G1. Rounds of %,d fresh spans (OTLP + "
            + "LZ4, batches of %d, %d connections) until each checkpoint; a checkpoint's rate is the median of the rounds "
            + "since the previous one (the first round, a JIT warm-up, left out), its memory the heap after a full GC "
            + "minus the empty server's.%n%n", IngestReport.spansLabel(max), heapMb, roundSpans, batchSize, connections)
        + table.render() + "\nStored what was sent: " + check + "\n";
    Files.writeString(out.resolve("scale.md"), md);
    System.out.println("scale: wrote " + out.resolve("scale.md"));
    if (!ok) {
      System.err.println("scale: the collector did not store everything it acknowledged; the figures are not valid");
      System.exit(1);
    }
  }
}
