package dev.tracekit.bench;

import dev.tracekit.core.Context;
import dev.tracekit.core.ExportResult;
import dev.tracekit.core.Sampler;
import dev.tracekit.core.Scope;
import dev.tracekit.core.Span;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One span's life (start, three attributes, end) and a parent with a child in scope, for
 * TraceKit, the OpenTelemetry SDK (BatchSpanProcessor, no-op exporter) and Brave (no-op
 * handler), sampled or not. Run with {@code -prof gc} for bytes per operation.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SpanLifecycleBenchmark {

  /** Whether the root sampler keeps the trace. */
  @Param({"true", "false"})
  public boolean sampled;

  private TraceKit traceKit;
  private Tracer tracekitTracer;
  private SdkTracerProvider otelProvider;
  private io.opentelemetry.api.trace.Tracer otelTracer;
  private brave.Tracing braveTracing;
  private brave.Tracer braveTracer;

  @Setup(Level.Trial)
  public void setUp() {
    traceKit = TraceKit.builder()
        .serviceName("bench")
        .sampler(sampled ? Sampler.alwaysOn() : Sampler.alwaysOff())
        .spanExporter(spans -> ExportResult.SUCCESS)
        .build();
    tracekitTracer = traceKit.tracer();

    otelProvider = SdkTracerProvider.builder()
        .setSampler(sampled
            ? io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOn()
            : io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOff())
        .addSpanProcessor(BatchSpanProcessor.builder(new NoopOtelExporter()).build())
        .build();
    otelTracer = otelProvider.get("bench");

    braveTracing = brave.Tracing.newBuilder()
        .localServiceName("bench")
        .sampler(sampled ? brave.sampler.Sampler.ALWAYS_SAMPLE : brave.sampler.Sampler.NEVER_SAMPLE)
        .addSpanHandler(new brave.handler.SpanHandler() {
          @Override
          public boolean end(brave.propagation.TraceContext context, brave.handler.MutableSpan span, Cause cause) {
            return true;
          }
        })
        .build();
    braveTracer = braveTracing.tracer();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    traceKit.shutdown(Duration.ofSeconds(5));
    otelProvider.shutdown().join(5, TimeUnit.SECONDS);
    braveTracing.close();
  }

  @Benchmark
  public void tracekit_span3Attributes() {
    Span span = tracekitTracer.spanBuilder("GET /api/orders/{id}").startSpan();
    span.setAttribute("http.request.method", "GET");
    span.setAttribute("http.route", "/api/orders/{id}");
    span.setAttribute("url.scheme", "http");
    span.end();
  }

  @Benchmark
  public void otel_span3Attributes() {
    io.opentelemetry.api.trace.Span span = otelTracer.spanBuilder("GET /api/orders/{id}").startSpan();
    span.setAttribute("http.request.method", "GET");
    span.setAttribute("http.route", "/api/orders/{id}");
    span.setAttribute("url.scheme", "http");
    span.end();
  }

  @Benchmark
  public void brave_span3Attributes() {
    brave.Span span = braveTracer.nextSpan().name("GET /api/orders/{id}").start();
    span.tag("http.request.method", "GET");
    span.tag("http.route", "/api/orders/{id}");
    span.tag("url.scheme", "http");
    span.finish();
  }

  @Benchmark
  public void tracekit_parentAndChildInScope() {
    Span parent = tracekitTracer.spanBuilder("parent").startSpan();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      tracekitTracer.spanBuilder("child").startSpan().end();
    }
    parent.end();
  }

  @Benchmark
  public void otel_parentAndChildInScope() {
    io.opentelemetry.api.trace.Span parent = otelTracer.spanBuilder("parent").startSpan();
    try (io.opentelemetry.context.Scope ignored = parent.makeCurrent()) {
      otelTracer.spanBuilder("child").startSpan().end();
    }
    parent.end();
  }

  @Benchmark
  public void brave_parentAndChildInScope() {
    brave.Span parent = braveTracer.nextSpan().name("parent").start();
    try (brave.Tracer.SpanInScope ignored = braveTracer.withSpanInScope(parent)) {
      braveTracer.nextSpan().name("child").start().finish();
    }
    parent.finish();
  }

  private static final class NoopOtelExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
