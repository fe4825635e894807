package dev.tracekit.starter.micrometer;

import dev.tracekit.core.Context;
import io.micrometer.tracing.Baggage;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.ScopedSpan;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.SpanCustomizer;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Micrometer Tracing's {@link Tracer} on our tracer. Spans started here are our spans, and
 * "current" is our {@link Context} thread local for both APIs: a span put in scope through
 * Micrometer (by an observation handler, {@code @NewSpan}, {@link #withSpan}) is the parent of
 * the spans our own instrumentation starts, and the other way round. So the Observation API,
 * {@code @Observed} and libraries that speak Micrometer Tracing add spans to the same traces.
 */
public final class TraceKitTracer implements Tracer {

  private final dev.tracekit.core.Tracer tracer;
  private final TraceKitBaggageManager baggageManager;

  /**
   * @param tracer our tracer, which starts and exports the spans
   * @param remoteBaggageFields the baggage names propagated to other services (observation key
   *     values with these names become baggage)
   */
  public TraceKitTracer(dev.tracekit.core.Tracer tracer, List<String> remoteBaggageFields) {
    this.tracer = Objects.requireNonNull(tracer, "tracer");
    this.baggageManager = new TraceKitBaggageManager(remoteBaggageFields);
  }

  /**
   * A started child of the current span (or a new trace when there is none). It has no name
   * until {@link Span#name}: Micrometer's handlers name a span when its observation stops, so
   * the sampler sees an empty name for these.
   */
  @Override
  public Span nextSpan() {
    return new TraceKitSpanBuilder(tracer).start();
  }

  /** A started child of {@code parent}; a null parent means the current span. */
  @Override
  public Span nextSpan(Span parent) {
    if (parent == null) {
      return nextSpan();
    }
    return new TraceKitSpanBuilder(tracer).setParent(parent.context()).start();
  }

  /** Makes {@code span} current until the scope closes; null clears the current span, keeping baggage. */
  @Override
  public SpanInScope withSpan(Span span) {
    CurrentTraceContext.Scope scope =
        span == null
            ? TraceKitCurrentTraceContext.spanScope(dev.tracekit.core.Span.invalid())
            : TraceKitCurrentTraceContext.INSTANCE.newScope(span.context());
    return scope::close;
  }

  @Override
  public ScopedSpan startScopedSpan(String name) {
    TraceKitSpan span = (TraceKitSpan) new TraceKitSpanBuilder(tracer).name(name).start();
    dev.tracekit.core.Scope scope = Context.current().with(span.delegate()).makeCurrent();
    return new TraceKitScopedSpan(span, scope);
  }

  @Override
  public Span.Builder spanBuilder() {
    return new TraceKitSpanBuilder(tracer);
  }

  @Override
  public TraceContext.Builder traceContextBuilder() {
    return new TraceKitTraceContextBuilder();
  }

  @Override
  public CurrentTraceContext currentTraceContext() {
    return TraceKitCurrentTraceContext.INSTANCE;
  }

  @Override
  public SpanCustomizer currentSpanCustomizer() {
    return CurrentSpanCustomizer.INSTANCE;
  }

  /** The current span, whichever API started it, or null outside any span. */
  @Override
  public Span currentSpan() {
    Context current = Context.current();
    if (!current.span().context().isValid()) {
      return null;
    }
    return TraceKitSpan.of(current.span(), current.baggage());
  }

  @Override
  public Map<String, String> getAllBaggage() {
    return baggageManager.getAllBaggage();
  }

  @Override
  public Map<String, String> getAllBaggage(TraceContext traceContext) {
    return baggageManager.getAllBaggage(traceContext);
  }

  @Override
  public Baggage getBaggage(String name) {
    return baggageManager.getBaggage(name);
  }

  @Override
  public Baggage getBaggage(TraceContext traceContext, String name) {
    return baggageManager.getBaggage(traceContext, name);
  }

  /** @deprecated as in {@link io.micrometer.tracing.BaggageManager}; use {@link #createBaggageInScope}. */
  @Deprecated
  @Override
  public Baggage createBaggage(String name) {
    return baggageManager.createBaggage(name);
  }

  /** @deprecated as in {@link io.micrometer.tracing.BaggageManager}; use {@link #createBaggageInScope}. */
  @Deprecated
  @Override
  public Baggage createBaggage(String name, String value) {
    return baggageManager.createBaggage(name, value);
  }

  @Override
  public BaggageInScope createBaggageInScope(String name, String value) {
    return baggageManager.createBaggageInScope(name, value);
  }

  @Override
  public BaggageInScope createBaggageInScope(TraceContext traceContext, String name, String value) {
    return baggageManager.createBaggageInScope(traceContext, name, value);
  }

  @Override
  public List<String> getBaggageFields() {
    return baggageManager.getBaggageFields();
  }
}
