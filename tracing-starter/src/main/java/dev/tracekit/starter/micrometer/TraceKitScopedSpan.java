package dev.tracekit.starter.micrometer;

import dev.tracekit.core.Scope;
import io.micrometer.tracing.ScopedSpan;
import io.micrometer.tracing.TraceContext;

/** A span that is current from its start until {@link #end()}, on the thread that started it. */
final class TraceKitScopedSpan implements ScopedSpan {

  private final TraceKitSpan span;
  private final Scope scope;

  TraceKitScopedSpan(TraceKitSpan span, Scope scope) {
    this.span = span;
    this.scope = scope;
  }

  @Override
  public boolean isNoop() {
    return span.isNoop();
  }

  @Override
  public TraceContext context() {
    return span.context();
  }

  @Override
  public ScopedSpan name(String name) {
    span.name(name);
    return this;
  }

  @Override
  public ScopedSpan tag(String key, String value) {
    span.tag(key, value);
    return this;
  }

  @Override
  public ScopedSpan event(String value) {
    span.event(value);
    return this;
  }

  @Override
  public ScopedSpan error(Throwable throwable) {
    span.error(throwable);
    return this;
  }

  @Override
  public void end() {
    scope.close();
    span.end();
  }
}
