package dev.tracekit.starter.micrometer;

import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import io.micrometer.tracing.Baggage;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.TraceContext;

/**
 * One Micrometer baggage entry. Our baggage is immutable and lives in the current
 * {@link Context}, so a value becomes visible to the thread only through
 * {@link #makeCurrent()} (closing the scope restores the previous baggage); {@code set} only
 * records the value, on this object and, with a trace context, on that context, where it
 * takes effect when the context is next put in scope.
 */
final class TraceKitBaggage implements Baggage, BaggageInScope {

  private final String name;
  private volatile String value;
  private Scope scope;

  TraceKitBaggage(String name, String value) {
    this.name = name;
    this.value = value;
  }

  @Override
  public String name() {
    return name;
  }

  /** The value set on this entry, else the current one. */
  @Override
  public String get() {
    String v = value;
    return v != null ? v : Context.current().baggage().get(name);
  }

  @Override
  public String get(TraceContext traceContext) {
    return TraceKitBaggageManager.baggageOf(traceContext).get(name);
  }

  /** @deprecated as in {@link Baggage}; use {@link #makeCurrent(String)}. */
  @Deprecated
  @Override
  public Baggage set(String value) {
    this.value = value;
    return this;
  }

  /** @deprecated as in {@link Baggage}; use {@link #makeCurrent(TraceContext, String)}. */
  @Deprecated
  @Override
  public Baggage set(TraceContext traceContext, String value) {
    this.value = value;
    if (traceContext != null && value != null) {
      TraceKitTraceContext.from(traceContext).attach(name, value);
    }
    return this;
  }

  /** Puts this entry into the current baggage until {@link #close()}; no value, no change. */
  @Override
  public BaggageInScope makeCurrent() {
    String v = value;
    Context current = Context.current();
    if (v == null || v.equals(current.baggage().get(name))) {
      scope = Scope.noop();
    } else {
      scope = current.with(current.baggage().with(name, v)).makeCurrent();
    }
    return this;
  }

  @Override
  public BaggageInScope makeCurrent(String value) {
    this.value = value;
    return makeCurrent();
  }

  /** Attaches the value to {@code traceContext} (for when it is next in scope) and makes it current. */
  @Override
  public BaggageInScope makeCurrent(TraceContext traceContext, String value) {
    this.value = value;
    if (traceContext != null && value != null) {
      TraceKitTraceContext.from(traceContext).attach(name, value);
    }
    return makeCurrent();
  }

  @Override
  public void close() {
    Scope s = scope;
    if (s != null) {
      scope = null;
      s.close();
    }
  }

  @Override
  public String toString() {
    return "TraceKitBaggage{" + name + "=" + get() + "}";
  }
}
