package dev.tracekit.starter.micrometer;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.Ids;
import dev.tracekit.core.Span;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * The Micrometer view of one of our spans: its ids, and the baggage that travels with it (the
 * baggage current when the span was created or extracted, plus entries set on it through the
 * Micrometer baggage API). It holds the span itself, not a copy of its ids, so that making it
 * current installs the recording span and our own instrumentation sees it as the parent.
 */
final class TraceKitTraceContext implements io.micrometer.tracing.TraceContext {

  private static final AtomicReferenceFieldUpdater<TraceKitTraceContext, Baggage> BAGGAGE =
      AtomicReferenceFieldUpdater.newUpdater(TraceKitTraceContext.class, Baggage.class, "baggage");

  private final Span span;
  private final long parentSpanId;
  private volatile Baggage baggage;

  TraceKitTraceContext(Span span, long parentSpanId, Baggage baggage) {
    this.span = span;
    this.parentSpanId = parentSpanId;
    this.baggage = baggage;
  }

  /** A view of {@code span}, with the parent id when the span can tell it. */
  static TraceKitTraceContext of(Span span, Baggage baggage) {
    long parent = span instanceof SpanData data ? data.parentSpanId() : 0L;
    return new TraceKitTraceContext(span, parent, baggage);
  }

  /**
   * Our view of any Micrometer trace context: ours as it is, another implementation's (for
   * example one built by hand from ids) as a non-recording span with the same ids. Invalid ids
   * give a context whose {@link #isValid()} is false.
   */
  static TraceKitTraceContext from(io.micrometer.tracing.TraceContext context) {
    if (context instanceof TraceKitTraceContext ours) {
      return ours;
    }
    return fromIds(context.traceId(), context.spanId(), context.parentId(), context.sampled());
  }

  static TraceKitTraceContext fromIds(String traceId, String spanId, String parentId, Boolean sampled) {
    long[] trace = new long[2];
    long[] span = new long[2];
    long[] parent = new long[2];
    boolean valid =
        traceId != null && spanId != null && Ids.parseLenient(traceId, trace) && Ids.parseLenient(spanId, span);
    long parentSpanId = parentId != null && Ids.parseLenient(parentId, parent) ? parent[1] : 0L;
    int flags = Boolean.TRUE.equals(sampled) ? TraceFlags.SAMPLED : 0;
    TraceContext ids =
        valid
            ? TraceContext.create(trace[0], trace[1], span[1], flags, TraceState.empty(), true)
            : TraceContext.create(0, 0, 0, 0, TraceState.empty(), true);
    return new TraceKitTraceContext(Span.wrap(ids), parentSpanId, Baggage.empty());
  }

  Span span() {
    return span;
  }

  boolean isValid() {
    return span.context().isValid();
  }

  Baggage baggage() {
    return baggage;
  }

  /** Attaches {@code name=value} to this context; lock-free, last writer wins per entry. */
  void attach(String name, String value) {
    Baggage current;
    do {
      current = baggage;
    } while (!BAGGAGE.compareAndSet(this, current, current.with(name, value)));
  }

  @Override
  public String traceId() {
    return span.context().traceIdHex();
  }

  @Override
  public String parentId() {
    return parentSpanId == 0L ? null : Ids.toHex(parentSpanId);
  }

  @Override
  public String spanId() {
    return span.context().spanIdHex();
  }

  @Override
  public Boolean sampled() {
    return span.context().isSampled();
  }

  /** Equal when the ids are: two views of one span are the same trace context. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TraceKitTraceContext other && sameIds(span.context(), other.span.context());
  }

  static boolean sameIds(TraceContext a, TraceContext b) {
    return a.spanId() == b.spanId() && a.traceIdLow() == b.traceIdLow() && a.traceIdHigh() == b.traceIdHigh();
  }

  @Override
  public int hashCode() {
    return Long.hashCode(span.context().spanId());
  }

  @Override
  public String toString() {
    return span.context().toString();
  }
}
