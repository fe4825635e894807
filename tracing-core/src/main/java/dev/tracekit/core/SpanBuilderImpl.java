package dev.tracekit.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Collects a span's options, then asks the sampler and starts either a {@link RecordingSpan}
 * or a no-op span. Allocates nothing it does not need: attribute and link storage only when
 * used, and for an unsampled child of an unsampled local span not even a new span (see
 * {@link #startSpan()}).
 */
final class SpanBuilderImpl implements SpanBuilder {

  private final TracerSharedState shared;
  private final String name;
  private Context parent;
  private boolean noParent;
  private SpanKind kind = SpanKind.INTERNAL;
  private Object[] attributes;
  private int attributeCount;
  private ArrayList<LinkData> links;
  private long startEpochNanos;

  SpanBuilderImpl(TracerSharedState shared, String name) {
    this.shared = shared;
    this.name = name;
  }

  @Override
  public SpanBuilder setParent(Context newParent) {
    this.parent = Objects.requireNonNull(newParent, "parent");
    this.noParent = false;
    return this;
  }

  @Override
  public SpanBuilder setNoParent() {
    this.noParent = true;
    this.parent = null;
    return this;
  }

  @Override
  public SpanBuilder setKind(SpanKind newKind) {
    if (newKind != null) {
      this.kind = newKind;
    }
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, String value) {
    return put(key, value);
  }

  @Override
  public SpanBuilder setAttribute(String key, long value) {
    return key == null ? this : put(key, value);
  }

  @Override
  public SpanBuilder setAttribute(String key, boolean value) {
    return key == null ? this : put(key, value);
  }

  @Override
  public SpanBuilder setAttribute(String key, Object value) {
    return put(key, Attributes.normalize(value));
  }

  private SpanBuilder put(String key, Object value) {
    if (key == null || value == null) {
      return this;
    }
    Object[] pairs = attributes;
    int n = attributeCount;
    for (int i = 0; i < n * 2; i += 2) {
      if (key.equals(pairs[i])) {
        pairs[i + 1] = value;
        return this;
      }
    }
    if (pairs == null) {
      pairs = attributes = new Object[8];
    } else if (n * 2 == pairs.length) {
      pairs = attributes = Arrays.copyOf(pairs, pairs.length * 2);
    }
    pairs[n * 2] = key;
    pairs[n * 2 + 1] = value;
    attributeCount = n + 1;
    return this;
  }

  @Override
  public SpanBuilder addLink(TraceContext context, Attributes linkAttributes) {
    if (context == null || !context.isValid()) {
      return this;
    }
    if (links == null) {
      links = new ArrayList<>(2);
    }
    links.add(new LinkData(context, linkAttributes == null ? Attributes.empty() : linkAttributes));
    return this;
  }

  @Override
  public SpanBuilder setStartTimestamp(long epochNanos) {
    this.startEpochNanos = epochNanos;
    return this;
  }

  /**
   * Starts the span. The parent is the explicit one, else none ({@link #setNoParent()}), else
   * {@link Context#current()}. A valid parent gives its trace id, tracestate and random flag; no
   * parent gives a new trace id with the W3C random flag.
   *
   * <p>Unsampled path: when the sampler drops a span whose parent is a local no-op (an unsampled
   * span of this process), the parent span itself is returned. Nothing downstream can tell the
   * difference — an unsampled trace only propagates its trace id and {@code sampled=0}, and
   * nothing of it is recorded — and it costs no allocation. A dropped span under a remote or a
   * recording parent gets its own span id (a new context and no-op span).
   */
  @Override
  public Span startSpan() {
    // Kept small so the JIT inlines it and the builder never escapes (no allocation for it);
    // the bulky part is a static method that takes only what it needs.
    Context parentContext = noParent ? Context.root() : parent != null ? parent : Context.current();
    Span parentSpan = parentContext.span();
    TracerSharedState state = shared;
    SamplingDecision decision = null;
    if (parentSpan instanceof NoopSpan) {
      TraceContext pc = parentSpan.context();
      if (pc.isValid() && !pc.isRemote() && !pc.isSampled()) {
        decision = state.sampler.shouldSample(parentContext, pc.traceIdHigh(), pc.traceIdLow(), name, kind);
        if (decision == null || decision == SamplingDecision.DROP) {
          state.metrics.spanUnsampled();
          return parentSpan;
        }
      }
    }
    // The span takes the attribute array and link list without copying: forget them here so a
    // misused second startSpan() cannot reach into the first span.
    Object[] pairs = attributes;
    int pairCount = attributeCount;
    ArrayList<LinkData> linkList = links;
    attributes = null;
    attributeCount = 0;
    links = null;
    return start(state, parentContext, parentSpan, decision, name, kind, startEpochNanos, pairs,
        pairCount, linkList);
  }

  /**
   * Starts a span under {@code parentSpan} (invalid for a new trace); asks the sampler unless
   * {@code decision} is already known.
   */
  private static Span start(
      TracerSharedState state,
      Context parentContext,
      Span parentSpan,
      SamplingDecision decision,
      String name,
      SpanKind kind,
      long startEpochNanos,
      Object[] attributes,
      int attributeCount,
      List<LinkData> links) {
    TraceContext pc = parentSpan.context();
    boolean hasParent = pc.isValid();
    long traceIdHigh;
    long traceIdLow;
    int flags;
    TraceState traceState;
    if (hasParent) {
      traceIdHigh = pc.traceIdHigh();
      traceIdLow = pc.traceIdLow();
      flags = pc.flags() & TraceFlags.RANDOM;
      traceState = pc.traceState();
    } else {
      traceIdHigh = Ids.randomTraceIdHigh();
      traceIdLow = Ids.randomTraceIdLow();
      flags = TraceFlags.RANDOM;
      traceState = TraceState.empty();
    }
    if (decision == null) {
      decision = state.sampler.shouldSample(parentContext, traceIdHigh, traceIdLow, name, kind);
    }
    if (decision == null || decision == SamplingDecision.DROP) {
      state.metrics.spanUnsampled();
      return NoopSpan.unsampled(traceIdHigh, traceIdLow, Ids.randomSpanId(), flags, traceState);
    }
    return record(state, pc, parentSpan, decision, traceIdHigh, traceIdLow, flags, traceState, name,
        kind, startEpochNanos, attributes, attributeCount, links);
  }

  /** Starts a recording span (kept apart so that the unsampled path above stays small). */
  private static Span record(
      TracerSharedState state,
      TraceContext pc,
      Span parentSpan,
      SamplingDecision decision,
      long traceIdHigh,
      long traceIdLow,
      int flags,
      TraceState traceState,
      String name,
      SpanKind kind,
      long startEpochNanos,
      Object[] attributes,
      int attributeCount,
      List<LinkData> links) {
    boolean hasParent = pc.isValid();
    TraceKitMetrics metrics = state.metrics;
    if (decision == SamplingDecision.RECORD_AND_SAMPLE) {
      flags |= TraceFlags.SAMPLED;
      metrics.spanSampled();
    } else {
      metrics.spanRecordOnly();
    }
    TraceContext context =
        TraceContext.create(traceIdHigh, traceIdLow, Ids.randomSpanId(), flags, traceState, false);
    RecordingSpan localParent =
        parentSpan instanceof RecordingSpan r && !pc.isRemote() ? r : null;
    long now = state.time.nanoTime();
    long epochOffset =
        localParent != null ? localParent.epochOffset() : state.epochAnchor.offsetAt(now);
    long start = startEpochNanos != 0 ? startEpochNanos : now + epochOffset;
    return new RecordingSpan(
        state,
        context,
        hasParent ? pc.spanId() : 0L,
        decision == SamplingDecision.RECORD_ONLY ? localParent : null,
        name,
        kind,
        epochOffset,
        start,
        attributes,
        attributeCount,
        links);
  }
}
