package dev.tracekit.starter.micrometer;

import dev.tracekit.core.Context;
import dev.tracekit.core.Tracer;
import dev.tracekit.core.propagation.TextMapGetter;
import dev.tracekit.core.propagation.TextMapPropagator;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.propagation.Propagator;
import java.util.List;
import java.util.Objects;

/**
 * Micrometer's {@link Propagator} on our {@link TextMapPropagator}, so that an instrumentation
 * that propagates through Micrometer (messaging, RPC observations) writes and reads the same
 * headers, in the same formats, as our HTTP instrumentation.
 */
public final class TraceKitPropagator implements Propagator {

  private final TextMapPropagator propagator;
  private final Tracer tracer;

  public TraceKitPropagator(TextMapPropagator propagator, Tracer tracer) {
    this.propagator = Objects.requireNonNull(propagator, "propagator");
    this.tracer = Objects.requireNonNull(tracer, "tracer");
  }

  @Override
  public List<String> fields() {
    return propagator.fields();
  }

  /** Writes the span's context and the baggage that would be current with it in scope. */
  @Override
  public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    TraceKitTraceContext ours = TraceKitTraceContext.from(context);
    Context toSend = Context.root().with(ours.span()).with(TraceKitBaggageManager.baggageOf(context));
    propagator.inject(toSend, carrier, setter::set);
  }

  /**
   * A builder whose parent is the remote span in {@code carrier}, carrying its baggage; with no
   * valid context in the carrier the span starts a new trace.
   */
  @Override
  public <C> Span.Builder extract(C carrier, Getter<C> getter) {
    Context extracted = propagator.extract(Context.root(), carrier, new GetterAdapter<>(getter));
    return TraceKitSpanBuilder.withExtractedParent(tracer, extracted);
  }

  private static final class GetterAdapter<C> implements TextMapGetter<C> {
    private final Getter<C> getter;

    GetterAdapter(Getter<C> getter) {
      this.getter = getter;
    }

    @Override
    public String get(C carrier, String key) {
      return getter.get(carrier, key);
    }

    @Override
    public Iterable<String> getAll(C carrier, String key) {
      return getter.getAll(carrier, key);
    }
  }
}
