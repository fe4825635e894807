package dev.tracekit.core;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A span that records, and publishes itself as its own {@link SpanData} when it ends (no copy).
 *
 * <p>Attributes live in a flat {@code Object[]} of key/value pairs. Times: {@code epochOffset}
 * turns {@link System#nanoTime()} into epoch nanos; it is read from the wall clock once per
 * local trace (at its local root) and inherited by children, so durations and the order of
 * spans within a process never depend on wall-clock jumps.
 *
 * <p>Thread-safety: mutators synchronize on the span. A span is normally touched by one thread
 * at a time, so the monitor is uncontended (a CAS); it keeps attributes set from several
 * threads correct. After {@link #end()}, fields no longer change and the pipeline's queue
 * publishes them to the exporter thread, so the {@link SpanData} getters read without locking.
 */
final class RecordingSpan implements Span, SpanData {

  static final String EXCEPTION_EVENT = "exception";
  static final String EXCEPTION_TYPE = "exception.type";
  static final String EXCEPTION_MESSAGE = "exception.message";
  static final String EXCEPTION_STACKTRACE = "exception.stacktrace";

  private static final int INITIAL_PAIRS = 4;

  private final TracerSharedState shared;
  private final TraceContext context;
  private final long parentSpanId;
  /** The local parent, kept only by record-only spans: promotion walks up through it. */
  private final RecordingSpan recordOnlyParent;
  private final SpanKind kind;
  private final long epochOffset;
  private final long startEpochNanos;
  private final List<LinkData> links;
  private final int droppedLinks;

  // Guarded by this until ended; fixed afterwards.
  private String name;
  private Object[] attributes;
  private int attributeCount;
  private int droppedAttributes;
  private ArrayList<EventData> events;
  private int droppedEvents;
  private StatusCode status = StatusCode.UNSET;
  private String statusMessage = "";
  private boolean descendantPromoted;
  private long endEpochNanos;
  private volatile boolean ended;

  /**
   * Takes ownership of {@code attributePairs} (key/value pairs, possibly null, as collected by
   * the builder, keys unique) and applies the limits to it.
   */
  RecordingSpan(
      TracerSharedState shared,
      TraceContext context,
      long parentSpanId,
      RecordingSpan recordOnlyParent,
      String name,
      SpanKind kind,
      long epochOffset,
      long startEpochNanos,
      Object[] attributePairs,
      int attributeCount,
      List<LinkData> links) {
    this.shared = shared;
    this.context = context;
    this.parentSpanId = parentSpanId;
    this.recordOnlyParent = recordOnlyParent;
    this.name = name;
    this.kind = kind;
    this.epochOffset = epochOffset;
    this.startEpochNanos = startEpochNanos;
    SpanLimits limits = shared.limits;
    if (links == null || links.isEmpty()) {
      this.links = List.of();
      this.droppedLinks = 0;
    } else if (links.size() <= limits.maxLinks()) {
      this.links = Collections.unmodifiableList(links);
      this.droppedLinks = 0;
    } else {
      this.links = List.copyOf(links.subList(0, limits.maxLinks()));
      this.droppedLinks = links.size() - limits.maxLinks();
      shared.metrics.spanDropped(DropReason.LIMITS, droppedLinks);
    }
    if (attributeCount > 0) {
      int kept = Math.min(attributeCount, limits.maxAttributes());
      for (int i = 0; i < kept; i++) {
        attributePairs[i * 2 + 1] = limitValue(attributePairs[i * 2 + 1]);
      }
      if (kept < attributeCount) {
        Arrays.fill(attributePairs, kept * 2, attributeCount * 2, null);
        droppedAttributes = attributeCount - kept;
        shared.metrics.spanDropped(DropReason.LIMITS, droppedAttributes);
      }
      this.attributes = attributePairs;
      this.attributeCount = kept;
    }
  }

  long epochOffset() {
    return epochOffset;
  }

  // ---------------------------------------------------------------- Span

  @Override
  public TraceContext context() {
    return context;
  }

  @Override
  public boolean isRecording() {
    return !ended;
  }

  @Override
  public Span setAttribute(String key, String value) {
    return put(key, value);
  }

  @Override
  public Span setAttribute(String key, long value) {
    return key == null ? this : put(key, value);
  }

  @Override
  public Span setAttribute(String key, double value) {
    return key == null ? this : put(key, value);
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    return key == null ? this : put(key, value);
  }

  @Override
  public Span setAttribute(String key, Object value) {
    return put(key, Attributes.normalize(value));
  }

  /** {@code value} is already of a supported type. */
  private Span put(String key, Object value) {
    if (key == null || value == null) {
      return this;
    }
    Object v = limitValue(value);
    synchronized (this) {
      if (ended) {
        return this;
      }
      Object[] pairs = attributes;
      int n = attributeCount;
      for (int i = 0; i < n * 2; i += 2) {
        if (key.equals(pairs[i])) {
          pairs[i + 1] = v;
          return this;
        }
      }
      if (n >= shared.limits.maxAttributes()) {
        droppedAttributes++;
        shared.metrics.spanDropped(DropReason.LIMITS, 1);
        return this;
      }
      if (pairs == null) {
        pairs = attributes = new Object[INITIAL_PAIRS * 2];
      } else if (n * 2 == pairs.length) {
        pairs = attributes = Arrays.copyOf(pairs, pairs.length * 2);
      }
      pairs[n * 2] = key;
      pairs[n * 2 + 1] = v;
      attributeCount = n + 1;
    }
    return this;
  }

  /**
   * Cuts strings (alone or in lists) to the configured maximum length, never between the two
   * halves of a surrogate pair; each cut value is counted.
   */
  private Object limitValue(Object value) {
    int max = shared.limits.maxAttributeValueLength();
    if (value instanceof String s) {
      return s.length() > max ? cut(s, max) : s;
    }
    if (value instanceof List<?> list) {
      boolean tooLong = false;
      for (Object o : list) {
        tooLong |= o instanceof String s && s.length() > max;
      }
      if (tooLong) {
        Object[] cut = list.toArray();
        for (int i = 0; i < cut.length; i++) {
          if (cut[i] instanceof String s && s.length() > max) {
            cut[i] = cut(s, max);
          }
        }
        return List.of(cut);
      }
    }
    return value;
  }

  private String cut(String s, int max) {
    shared.metrics.attributeValueTruncated();
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }

  @Override
  public Span addEvent(String eventName) {
    return addEvent(eventName, Attributes.empty());
  }

  @Override
  public Span addEvent(String eventName, Attributes eventAttributes) {
    if (eventName == null) {
      return this;
    }
    long now = shared.time.nanoTime() + epochOffset;
    Attributes attrs = eventAttributes == null ? Attributes.empty() : eventAttributes;
    int maxPerEvent = shared.limits.maxAttributesPerEvent();
    int droppedEventAttributes = Math.max(0, attrs.size() - maxPerEvent);
    attrs = limitEventAttributes(attrs, maxPerEvent);
    addEventData(new EventData(now, eventName, attrs, droppedEventAttributes));
    if (droppedEventAttributes > 0) {
      shared.metrics.spanDropped(DropReason.LIMITS, droppedEventAttributes);
    }
    return this;
  }

  private Attributes limitEventAttributes(Attributes attrs, int maxCount) {
    int max = shared.limits.maxAttributeValueLength();
    boolean needsWork = attrs.size() > maxCount;
    for (int i = 0; i < attrs.size() && !needsWork; i++) {
      needsWork = attrs.valueAt(i) instanceof String s && s.length() > max;
    }
    if (!needsWork) {
      return attrs;
    }
    Attributes.Builder b = Attributes.builder();
    for (int i = 0; i < Math.min(maxCount, attrs.size()); i++) {
      b.put(attrs.keyAt(i), limitValue(attrs.valueAt(i)));
    }
    return b.build();
  }

  private void addEventData(EventData event) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ArrayList<EventData> list = events;
      int size = list == null ? 0 : list.size();
      if (size >= shared.limits.maxEvents()) {
        droppedEvents++;
        shared.metrics.spanDropped(DropReason.LIMITS, 1);
        return;
      }
      if (list == null) {
        events = list = new ArrayList<>(4);
      }
      list.add(event);
    }
  }

  @Override
  public Span recordException(Throwable error) {
    if (error == null || ended) {
      return this;
    }
    Attributes.Builder b = Attributes.builder().put(EXCEPTION_TYPE, error.getClass().getName());
    if (error.getMessage() != null) {
      b.put(EXCEPTION_MESSAGE, error.getMessage());
    }
    StringWriter trace = new StringWriter(1024);
    try (PrintWriter w = new PrintWriter(trace)) {
      error.printStackTrace(w);
    }
    b.put(EXCEPTION_STACKTRACE, trace.toString());
    return addEvent(EXCEPTION_EVENT, b.build());
  }

  @Override
  public Span setStatus(StatusCode code, String description) {
    if (code == null) {
      return this;
    }
    synchronized (this) {
      // OK is final (OTel semantics); a description only goes with ERROR.
      if (ended || status == StatusCode.OK) {
        return this;
      }
      status = code;
      statusMessage = code == StatusCode.ERROR && description != null ? description : "";
    }
    return this;
  }

  @Override
  public Span updateName(String newName) {
    if (newName == null) {
      return this;
    }
    synchronized (this) {
      if (!ended) {
        name = newName;
      }
    }
    return this;
  }

  @Override
  public void end() {
    endAt(shared.time.nanoTime() + epochOffset);
  }

  @Override
  public void end(long endEpochNanos) {
    endAt(endEpochNanos);
  }

  private void endAt(long endNanos) {
    boolean export;
    boolean promoted = false;
    synchronized (this) {
      if (ended) {
        return;
      }
      endEpochNanos = Math.max(endNanos, startEpochNanos);
      if (context.isSampled()) {
        export = true;
      } else {
        long slow = shared.slowThresholdNanos;
        promoted =
            status == StatusCode.ERROR
                || descendantPromoted
                || (slow > 0 && endEpochNanos - startEpochNanos >= slow);
        export = promoted;
      }
      ended = true;
    }
    if (promoted) {
      shared.metrics.spanPromoted();
      if (recordOnlyParent != null) {
        recordOnlyParent.onDescendantPromoted();
      }
    }
    if (export) {
      shared.export(this);
    }
  }

  /**
   * A record-only span under this one was promoted: promote this one too when it ends, so the
   * exported error or slow span keeps its local ancestors. Too late if this one already ended.
   */
  private void onDescendantPromoted() {
    synchronized (this) {
      if (!ended) {
        descendantPromoted = true;
      }
    }
  }

  // ---------------------------------------------------------------- SpanData

  @Override
  public long parentSpanId() {
    return parentSpanId;
  }

  @Override
  public String name() {
    if (ended) {
      return name;
    }
    synchronized (this) {
      return name;
    }
  }

  @Override
  public SpanKind kind() {
    return kind;
  }

  @Override
  public long startEpochNanos() {
    return startEpochNanos;
  }

  /** The end time, or 0 while the span is open. */
  @Override
  public long endEpochNanos() {
    if (ended) {
      return endEpochNanos;
    }
    synchronized (this) {
      return endEpochNanos;
    }
  }

  @Override
  public Attributes attributes() {
    if (ended) {
      return attributeCount == 0 ? Attributes.empty() : new Attributes(attributes, attributeCount);
    }
    synchronized (this) {
      return attributeCount == 0
          ? Attributes.empty()
          : new Attributes(Arrays.copyOf(attributes, attributeCount * 2), attributeCount);
    }
  }

  @Override
  public List<EventData> events() {
    if (ended) {
      return events == null ? List.of() : Collections.unmodifiableList(events);
    }
    synchronized (this) {
      return events == null ? List.of() : List.copyOf(events);
    }
  }

  @Override
  public List<LinkData> links() {
    return links;
  }

  @Override
  public StatusCode statusCode() {
    if (ended) {
      return status;
    }
    synchronized (this) {
      return status;
    }
  }

  @Override
  public String statusMessage() {
    if (ended) {
      return statusMessage;
    }
    synchronized (this) {
      return statusMessage;
    }
  }

  @Override
  public Resource resource() {
    return shared.resource;
  }

  @Override
  public InstrumentationScope scope() {
    return shared.scope;
  }

  @Override
  public int droppedAttributesCount() {
    if (ended) {
      return droppedAttributes;
    }
    synchronized (this) {
      return droppedAttributes;
    }
  }

  @Override
  public int droppedEventsCount() {
    if (ended) {
      return droppedEvents;
    }
    synchronized (this) {
      return droppedEvents;
    }
  }

  @Override
  public int droppedLinksCount() {
    return droppedLinks;
  }

  @Override
  public String toString() {
    return "RecordingSpan{" + name() + " " + context + (ended ? " ended" : "") + "}";
  }
}
