package dev.tracekit.core;

/** Creates spans. Obtained from {@link TraceKit}; thread-safe. */
public interface Tracer {

  SpanBuilder spanBuilder(String name);
}
