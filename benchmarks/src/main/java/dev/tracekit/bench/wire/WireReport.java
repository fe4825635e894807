package dev.tracekit.bench.wire;

import dev.tracekit.bench.harness.Csv;
import dev.tracekit.bench.harness.Machine;
import dev.tracekit.bench.harness.MarkdownTable;
import dev.tracekit.bench.spans.ZipkinSpans;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Issue 8 part 4: bytes per span of each wire format over the same batches (measured here
 * directly) and encode time per span ({@link WireFormatBenchmark} under JMH, with the GC
 * profiler for allocation). Writes {@code wire.csv} and {@code wire.md}.
 *
 * <p>Usage: {@code WireReport OUT_DIR [measurement iterations] [command]}
 */
public final class WireReport {

  private WireReport() {}

  /** A wire format: its JMH method and how it turns one batch into a body. */
  record Format(String label, String benchmark, Function<List<SpanData>, byte[]> encode) {}

  static final List<Format> FORMATS = List.of(
      new Format("OTLP protobuf + LZ4 (TraceKit)", "otlpLz4", b -> Compression.LZ4.compress(OtlpTraceCodec.encode(b))),
      new Format("OTLP protobuf + gzip", "otlpGzip", b -> Compression.GZIP.compress(OtlpTraceCodec.encode(b))),
      new Format("OTLP protobuf, uncompressed", "otlpUncompressed", OtlpTraceCodec::encode),
      new Format("Zipkin v2 JSON", "zipkinJson", b -> SpanBytesEncoder.JSON_V2.encodeList(ZipkinSpans.of(b))),
      new Format("Zipkin v2 JSON + gzip", "zipkinJsonGzip",
          b -> Compression.GZIP.compress(SpanBytesEncoder.JSON_V2.encodeList(ZipkinSpans.of(b)))));

  public static void main(String[] args) throws Exception {
    String loadBefore = Machine.loadAverage();
    Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String command = args.length > 2 ? args[2] : "scripts/bench wire";
    Files.createDirectories(out);

    List<List<SpanData>> batches = WireFormatBenchmark.sampleBatches();
    int spans = batches.stream().mapToInt(List::size).sum();
    Map<String, Double> bytesPerSpan = new HashMap<>();
    for (Format f : FORMATS) {
      long bytes = 0;
      for (List<SpanData> batch : batches) {
        bytes += f.encode().apply(batch).length;
      }
      bytesPerSpan.put(f.benchmark(), (double) bytes / spans);
    }

    Options options = new OptionsBuilder()
        .include(WireFormatBenchmark.class.getName())
        .addProfiler("gc")
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .forks(1)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, double[]> timing = new HashMap<>();
    for (RunResult run : results) {
      String label = run.getParams().getBenchmark();
      Result<?> primary = run.getPrimaryResult();
      Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
      timing.put(label.substring(label.lastIndexOf('.') + 1),
          new double[] {primary.getScore(), primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore()});
    }

    String table = render(bytesPerSpan, timing);
    StringBuilder csv = new StringBuilder(Csv.line("format", "bytes_per_span", "encode_ns_per_span", "encode_ns_error",
        "allocated_bytes_per_span"));
    for (Format f : FORMATS) {
      double[] t = timing.getOrDefault(f.benchmark(), new double[] {Double.NaN, Double.NaN, Double.NaN});
      csv.append(Csv.line(f.label(), fmt("%.1f", bytesPerSpan.get(f.benchmark())), fmt("%.1f", t[0]),
          fmt("%.1f", t[1]), fmt("%.1f", t[2])));
    }
    Files.writeString(out.resolve("wire.csv"), csv.toString());
    String md = Machine.header(command, loadBefore) + "\n"
        + String.format(Locale.ROOT, "The same %,d spans (512 demo traces, in %d export batches of 512 spans, each from "
            + "one service). Bytes: the request bodies' total size divided by the spans. Encode: JMH, average time per "
            + "span to turn the batches into bodies (ours from `SpanData`, Zipkin's encoder from its own `Span` model), "
            + "%d × 1 s after 3 × 1 s of warm-up, ± the 99.9%% confidence half-width; allocation from JMH's GC profiler."
            + "%n%n", spans, batches.size(), iterations)
        + table;
    Files.writeString(out.resolve("wire.md"), md);
    System.out.println(table);
    System.out.println("wire: wrote " + out.resolve("wire.md"));
  }

  static String render(Map<String, Double> bytesPerSpan, Map<String, double[]> timing) {
    String base = FORMATS.get(0).benchmark();
    MarkdownTable table = MarkdownTable.of("format", "bytes/span", "size vs OTLP + LZ4", "encode ns/span",
        "time vs OTLP + LZ4", "allocated B/span").numeric(1, 2, 3, 4, 5);
    for (Format f : FORMATS) {
      double bytes = bytesPerSpan.get(f.benchmark());
      double[] t = timing.get(f.benchmark());
      double[] b = timing.get(base);
      table.row(f.label(), fmt("%.0f", bytes), fmt("%.2f×", bytes / bytesPerSpan.get(base)),
          t == null ? null : fmt("%.0f ± %.0f", t[0], Double.isNaN(t[1]) ? 0 : t[1]),
          t == null || b == null ? null : fmt("%.2f×", t[0] / b[0]),
          t == null || Double.isNaN(t[2]) ? null : fmt("%.0f", t[2]));
    }
    return table.render();
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
