package dev.tracekit.core;

import java.util.Objects;

/** The SDK's {@link Tracer}: hands out span builders bound to one {@link TraceKit}. */
final class TracerImpl implements Tracer {

  private final TracerSharedState shared;

  TracerImpl(TracerSharedState shared) {
    this.shared = shared;
  }

  @Override
  public SpanBuilder spanBuilder(String name) {
    return new SpanBuilderImpl(shared, Objects.requireNonNull(name, "name"));
  }
}
