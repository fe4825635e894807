package dev.tracekit.core;

/**
 * A span that only carries a context: the unsampled path and remote parents.
 *
 * <p>An unsampled span made by the tracer keeps its ids in fields and makes its
 * {@link TraceContext} only when asked (to propagate it or to start a child), so an unsampled
 * span that nobody looks at costs no allocation once the JIT has inlined it.
 */
final class NoopSpan implements Span {

  static final NoopSpan INVALID = of(TraceContext.create(0, 0, 0, 0, TraceState.empty(), false));

  private final long traceIdHigh;
  private final long traceIdLow;
  private final long spanId;
  private final int flags;
  private final TraceState traceState;
  /** Made on first use; a race makes two equal contexts, either is right. */
  private TraceContext context;

  private NoopSpan(long traceIdHigh, long traceIdLow, long spanId, int flags, TraceState traceState) {
    this.traceIdHigh = traceIdHigh;
    this.traceIdLow = traceIdLow;
    this.spanId = spanId;
    this.flags = flags;
    this.traceState = traceState;
  }

  static NoopSpan of(TraceContext context) {
    NoopSpan span = new NoopSpan(0, 0, 0, 0, null);
    span.context = context;
    return span;
  }

  /** A new local span that is not sampled. */
  static NoopSpan unsampled(long traceIdHigh, long traceIdLow, long spanId, int flags, TraceState traceState) {
    return new NoopSpan(traceIdHigh, traceIdLow, spanId, flags, traceState);
  }

  @Override
  public TraceContext context() {
    TraceContext c = context;
    if (c == null) {
      c = TraceContext.create(traceIdHigh, traceIdLow, spanId, flags, traceState, false);
      context = c;
    }
    return c;
  }

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public Span setAttribute(String key, String value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, long value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, double value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, Object value) {
    return this;
  }

  @Override
  public Span addEvent(String name) {
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    return this;
  }

  @Override
  public Span recordException(Throwable error) {
    return this;
  }

  @Override
  public Span setStatus(StatusCode code, String description) {
    return this;
  }

  @Override
  public Span updateName(String name) {
    return this;
  }

  @Override
  public void end() {}

  @Override
  public void end(long endEpochNanos) {}

  @Override
  public String toString() {
    return "NoopSpan{" + context() + "}";
  }
}
