package dev.tracekit.core;

/**
 * Configures and starts a span. Without {@link #setParent} the parent is the span of
 * {@link Context#current()}. Not thread-safe; use once.
 */
public interface SpanBuilder {

  /** Uses the span in {@code parent} (local or remote) as the parent. */
  SpanBuilder setParent(Context parent);

  /** Starts a new trace whatever the current context holds. */
  SpanBuilder setNoParent();

  SpanBuilder setKind(SpanKind kind);

  SpanBuilder setAttribute(String key, String value);

  SpanBuilder setAttribute(String key, long value);

  SpanBuilder setAttribute(String key, boolean value);

  SpanBuilder setAttribute(String key, Object value);

  SpanBuilder addLink(TraceContext context, Attributes attributes);

  /** Starts at an explicit wall-clock time in epoch nanos instead of now. */
  SpanBuilder setStartTimestamp(long startEpochNanos);

  Span startSpan();
}
