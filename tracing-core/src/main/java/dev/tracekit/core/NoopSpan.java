package dev.tracekit.core;

/** A span that only carries a context: the unsampled path and remote parents. */
final class NoopSpan implements Span {

  static final NoopSpan INVALID =
      new NoopSpan(TraceContext.create(0, 0, 0, 0, TraceState.empty(), false));

  private final TraceContext context;

  private NoopSpan(TraceContext context) {
    this.context = context;
  }

  static NoopSpan of(TraceContext context) {
    return new NoopSpan(context);
  }

  @Override
  public TraceContext context() {
    return context;
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
    return "NoopSpan{" + context + "}";
  }
}
