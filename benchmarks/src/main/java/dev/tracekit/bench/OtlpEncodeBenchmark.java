package dev.tracekit.bench;

import dev.tracekit.core.SpanData;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
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

/**
 * Encoding one batch of 512 spans to an OTLP {@code ExportTraceServiceRequest} and compressing
 * it, per span: TraceKit's hand-written encoder + LZ4 frame against OpenTelemetry's marshaler +
 * gzip (its default compression) and uncompressed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@OperationsPerInvocation(OtlpEncodeBenchmark.BATCH)
public class OtlpEncodeBenchmark {

  static final int BATCH = 512;

  private List<SpanData> tracekitSpans;
  private List<io.opentelemetry.sdk.trace.data.SpanData> otelSpans;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);

  @Setup
  public void setUp() {
    tracekitSpans = SampleSpans.tracekit(BATCH, 42);
    otelSpans = SampleSpans.otel(tracekitSpans);
  }

  @Benchmark
  public byte[] tracekit_otlpLz4() {
    return Compression.LZ4.compress(OtlpTraceCodec.encode(tracekitSpans));
  }

  @Benchmark
  public byte[] tracekit_otlpUncompressed() {
    return OtlpTraceCodec.encode(tracekitSpans);
  }

  @Benchmark
  public int otel_otlpGzip() throws IOException {
    buffer.reset();
    try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
      TraceRequestMarshaler.create(otelSpans).writeBinaryTo(gzip);
    }
    return buffer.size();
  }

  @Benchmark
  public int otel_otlpUncompressed() throws IOException {
    buffer.reset();
    TraceRequestMarshaler.create(otelSpans).writeBinaryTo(buffer);
    return buffer.size();
  }
}
