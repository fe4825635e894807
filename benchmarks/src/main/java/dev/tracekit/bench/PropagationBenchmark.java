package dev.tracekit.bench;

import dev.tracekit.core.Context;
import dev.tracekit.core.propagation.B3Propagator;
import dev.tracekit.core.propagation.TextMapGetter;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.core.propagation.W3CTraceContextPropagator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Extract a context from incoming headers and inject it into outgoing ones: TraceKit and
 * OpenTelemetry with W3C {@code traceparent}, TraceKit and Brave with B3 single. Also the bare
 * {@code traceparent} parse + format, without the carriers' map operations (no peer exposes
 * its parser).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PropagationBenchmark {

  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final String B3 = "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1";

  private final Map<String, String> w3cIn = Map.of("traceparent", TRACEPARENT);
  private final Map<String, String> b3In = Map.of("b3", B3);
  private final Map<String, String> out = new HashMap<>();

  private final TextMapPropagator tracekitW3c = W3CTraceContextPropagator.getInstance();
  private final TextMapPropagator tracekitB3 = B3Propagator.single();
  private static final TextMapGetter<Map<String, String>> TK_GETTER = (carrier, key) -> carrier.get(key);

  private final io.opentelemetry.context.propagation.TextMapPropagator otelW3c =
      io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance();
  private static final io.opentelemetry.context.propagation.TextMapGetter<Map<String, String>> OTEL_GETTER =
      new io.opentelemetry.context.propagation.TextMapGetter<>() {
        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final brave.propagation.TraceContext.Extractor<Map<String, String>> braveExtractor =
      brave.propagation.B3Propagation.FACTORY.get().extractor(Map::get);
  private final brave.propagation.TraceContext.Injector<Map<String, String>> braveInjector =
      brave.propagation.B3Propagation.newFactoryBuilder()
          .injectFormat(brave.propagation.B3Propagation.Format.SINGLE)
          .build()
          .get()
          .injector(Map::put);

  @Benchmark
  public Map<String, String> tracekit_w3cExtractInject() {
    Context context = tracekitW3c.extract(Context.root(), w3cIn, TK_GETTER);
    tracekitW3c.inject(context, out, Map::put);
    return out;
  }

  @Benchmark
  public String tracekit_traceparentParseFormat() {
    return W3CTraceContextPropagator.formatTraceparent(W3CTraceContextPropagator.parseTraceparent(TRACEPARENT));
  }

  @Benchmark
  public Map<String, String> otel_w3cExtractInject() {
    io.opentelemetry.context.Context context =
        otelW3c.extract(io.opentelemetry.context.Context.root(), w3cIn, OTEL_GETTER);
    otelW3c.inject(context, out, Map::put);
    return out;
  }

  @Benchmark
  public Map<String, String> tracekit_b3ExtractInject() {
    Context context = tracekitB3.extract(Context.root(), b3In, TK_GETTER);
    tracekitB3.inject(context, out, Map::put);
    return out;
  }

  @Benchmark
  public Map<String, String> brave_b3ExtractInject() {
    brave.propagation.TraceContextOrSamplingFlags extracted = braveExtractor.extract(b3In);
    braveInjector.inject(extracted.context(), out);
    return out;
  }
}
