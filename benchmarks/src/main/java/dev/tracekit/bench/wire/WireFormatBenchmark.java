package dev.tracekit.bench.wire;

import dev.tracekit.bench.spans.GeneratedTraces;
import dev.tracekit.bench.spans.TraceGenerator;
import dev.tracekit.bench.spans.ZipkinSpans;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Encoding export batches into request bodies, per span: OTLP protobuf (TraceKit's encoder)
 * plain, in an LZ4 frame and gzipped, against Zipkin v2 JSON (Zipkin's own
 * {@code SpanBytesEncoder.JSON_V2}, from its span model as a Zipkin reporter holds it) plain and
 * gzipped. One operation encodes the {@value #BATCHES} batches of 512 spans that 512 demo traces
 * make (each batch from one service, as SDK exporters send them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@OperationsPerInvocation(WireFormatBenchmark.SPANS)
public class WireFormatBenchmark {

  static final int TRACES = 512;
  static final int SPANS = TRACES * TraceGenerator.SPANS_PER_TRACE;
  static final int BATCHES = SPANS / 512;

  private List<List<SpanData>> batches;
  private List<List<Span>> zipkinBatches;

  /** The batches every encoding works on, generated with a fixed seed and start time. */
  static List<List<SpanData>> sampleBatches() {
    GeneratedTraces traces = new TraceGenerator(42, 1_764_000_000_000_000_000L).generate(TRACES);
    return traces.batches(512);
  }

  @Setup
  public void setUp() {
    batches = sampleBatches();
    zipkinBatches = batches.stream().map(ZipkinSpans::of).toList();
  }

  @Benchmark
  public void otlpLz4(Blackhole bh) {
    for (List<SpanData> batch : batches) {
      bh.consume(Compression.LZ4.compress(OtlpTraceCodec.encode(batch)));
    }
  }

  @Benchmark
  public void otlpGzip(Blackhole bh) {
    for (List<SpanData> batch : batches) {
      bh.consume(Compression.GZIP.compress(OtlpTraceCodec.encode(batch)));
    }
  }

  @Benchmark
  public void otlpUncompressed(Blackhole bh) {
    for (List<SpanData> batch : batches) {
      bh.consume(OtlpTraceCodec.encode(batch));
    }
  }

  @Benchmark
  public void zipkinJson(Blackhole bh) {
    for (List<Span> batch : zipkinBatches) {
      bh.consume(SpanBytesEncoder.JSON_V2.encodeList(batch));
    }
  }

  @Benchmark
  public void zipkinJsonGzip(Blackhole bh) {
    for (List<Span> batch : zipkinBatches) {
      bh.consume(Compression.GZIP.compress(SpanBytesEncoder.JSON_V2.encodeList(batch)));
    }
  }
}
