package dev.tracekit.core;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A span that records, and publishes itself as its own {@link SpanData} when it ends (no copy).
 *
 * <p>Lock-free: the application thread never takes a lock. What the builder gave (name,
 * attributes, links) is fixed at start; everything set afterwards is pushed, with one CAS, onto
 * an immutable log of {@link Change}s, and {@link #end()} seals the log with a last node that
 * carries the end time. The log is replayed into a {@link Snapshot} (attributes with later puts
 * replacing earlier ones, limits applied and counted, status rules) when the span's data is
 * read, normally by the exporter thread, so the application thread only appends. Calls from
 * several threads at once are all kept; calls after the seal are ignored.
 *
 * <p>Times: {@code epochOffset} turns {@link System#nanoTime()} into epoch nanos; it comes from
 * the tracer's wall-clock anchor at the local root and is inherited by children, so durations
 * and the order of spans within a process never depend on wall-clock jumps.
 */
final class RecordingSpan implements Span, SpanData {

  static final String EXCEPTION_EVENT = "exception";
  static final String EXCEPTION_TYPE = "exception.type";
  static final String EXCEPTION_MESSAGE = "exception.message";
  static final String EXCEPTION_STACKTRACE = "exception.stacktrace";

  private static final VarHandle HEAD;
  private static final VarHandle SNAPSHOT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(RecordingSpan.class, "head", Change.class);
      SNAPSHOT = lookup.findVarHandle(RecordingSpan.class, "snapshot", Snapshot.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final TracerSharedState shared;
  private final TraceContext context;
  private final long parentSpanId;
  /** The local parent, kept only by record-only spans: promotion walks up through it. */
  private final RecordingSpan recordOnlyParent;
  private final String initialName;
  private final SpanKind kind;
  private final long epochOffset;
  private final long startEpochNanos;
  /** The builder's attributes as key/value pairs, limits applied; never written after start. */
  private final Object[] initialAttributes;
  private final int initialAttributeCount;
  private final int initialDroppedAttributes;
  private final List<LinkData> links;
  private final int droppedLinks;

  /** Newest change first; an {@link Change#END} node once ended. Written by CAS only. */
  private volatile Change head = Change.NONE;
  /** The replayed data of the ended span, made once (by CAS) by its first reader. */
  private volatile Snapshot snapshot;

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
    this.initialName = name;
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
    int kept = Math.min(attributeCount, limits.maxAttributes());
    for (int i = 0; i < kept; i++) {
      attributePairs[i * 2 + 1] = limitValue(attributePairs[i * 2 + 1]);
    }
    if (kept < attributeCount) {
      Arrays.fill(attributePairs, kept * 2, attributeCount * 2, null);
      shared.metrics.spanDropped(DropReason.LIMITS, attributeCount - kept);
    }
    this.initialAttributes = kept == 0 ? null : attributePairs;
    this.initialAttributeCount = kept;
    this.initialDroppedAttributes = attributeCount - kept;
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
    return head.kind != Change.END;
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
    append(Change.ATTRIBUTE, key, limitValue(value));
    return this;
  }

  /**
   * Pushes a change; returns false when the span has ended. A log that grew long (one key set
   * over and over) is compacted first, so a span's memory stays bounded by its limits.
   */
  private boolean append(int changeKind, String key, Object value) {
    Change h = head;
    while (true) {
      if (h.kind == Change.END) {
        return false;
      }
      Change base = h.depth < maxLogDepth() ? h : compact(h);
      Change next = new Change(base, changeKind, key, value);
      Change witness = (Change) HEAD.compareAndExchange(this, h, next);
      if (witness == h) {
        return true;
      }
      h = witness;
    }
  }

  private int maxLogDepth() {
    SpanLimits limits = shared.limits;
    return 2 * (limits.maxAttributes() + limits.maxEvents()) + 8;
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
    if (eventName == null || head.kind == Change.END) {
      return this;
    }
    long now = shared.time.nanoTime() + epochOffset;
    Attributes attrs = eventAttributes == null ? Attributes.empty() : eventAttributes;
    int maxPerEvent = shared.limits.maxAttributesPerEvent();
    int droppedEventAttributes = Math.max(0, attrs.size() - maxPerEvent);
    attrs = limitEventAttributes(attrs, maxPerEvent);
    if (append(Change.EVENT, eventName, new EventData(now, eventName, attrs, droppedEventAttributes))
        && droppedEventAttributes > 0) {
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

  @Override
  public Span recordException(Throwable error) {
    if (error == null || !isRecording()) {
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
    if (code != null) {
      // A description only goes with ERROR; "OK is final" is applied on replay.
      append(Change.STATUS, code == StatusCode.ERROR && description != null ? description : "", code);
    }
    return this;
  }

  @Override
  public Span updateName(String newName) {
    if (newName != null) {
      append(Change.NAME, newName, null);
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
    long endEpochNanos = Math.max(endNanos, startEpochNanos);
    Change h = head;
    Change end;
    while (true) {
      if (h.kind == Change.END) {
        return; // idempotent: the first end wins
      }
      end = Change.end(h, endEpochNanos);
      Change witness = (Change) HEAD.compareAndExchange(this, h, end);
      if (witness == h) {
        break;
      }
      h = witness;
    }
    boolean export;
    if (context.isSampled()) {
      export = true;
    } else {
      long slow = shared.slowThresholdNanos;
      export = (slow > 0 && endEpochNanos - startEpochNanos >= slow) || errorOrPromoted(h);
      if (export) {
        shared.metrics.spanPromoted();
        if (recordOnlyParent != null) {
          recordOnlyParent.onDescendantPromoted();
        }
      }
    }
    if (export) {
      shared.export(this);
    }
  }

  /** Whether the log ends with an ERROR status (OK is final) or holds a promoted descendant. */
  private static boolean errorOrPromoted(Change log) {
    StatusCode firstFinal = null;
    boolean promoted = false;
    for (Change c = log; c.kind != Change.NONE_KIND; c = c.previous) {
      if (c.kind == Change.PROMOTED) {
        promoted = true;
      } else if (c.kind == Change.STATUS && (c.value == StatusCode.OK || firstFinal == null)) {
        // Walking newest first: the oldest OK wins over anything after it.
        firstFinal = (StatusCode) c.value;
      }
    }
    return promoted || firstFinal == StatusCode.ERROR;
  }

  /**
   * A record-only span under this one was promoted: promote this one too when it ends, so the
   * exported error or slow span keeps its local ancestors. Too late if this one already ended.
   */
  private void onDescendantPromoted() {
    append(Change.PROMOTED, null, null);
  }

  // ---------------------------------------------------------------- replay

  /** Makes the ended span's data now, counting what the limits cut (normally the exporter's job). */
  void applyLimits() {
    data();
  }

  /** The span's data: made once after the end, afresh (a snapshot) while it is open. */
  private Snapshot data() {
    Snapshot s = snapshot;
    if (s != null) {
      return s;
    }
    Change h = head;
    if (h.kind != Change.END) {
      return replay(h);
    }
    s = replay(h.previous);
    Snapshot witness = (Snapshot) SNAPSHOT.compareAndExchange(this, null, s);
    if (witness != null) {
      return witness;
    }
    // Only the reader that installed the snapshot counts what the limits dropped.
    int dropped = s.droppedAttributes - initialDroppedAttributes + s.droppedEvents;
    if (dropped > 0) {
      shared.metrics.spanDropped(DropReason.LIMITS, dropped);
    }
    return s;
  }

  /** Applies {@code log} (newest first) in the order it was written. */
  private Snapshot replay(Change log) {
    SpanLimits limits = shared.limits;
    Change[] changes = new Change[log.depth];
    for (Change c = log; c.kind != Change.NONE_KIND; c = c.previous) {
      changes[c.depth - 1] = c;
    }
    Object[] pairs = initialAttributes;
    int count = initialAttributeCount;
    boolean copied = false;
    int droppedAttributes = initialDroppedAttributes;
    ArrayList<EventData> events = null;
    int droppedEvents = 0;
    String name = initialName;
    StatusCode status = StatusCode.UNSET;
    String statusMessage = "";
    for (Change c : changes) {
      switch (c.kind) {
        case Change.ATTRIBUTE -> {
          int at = indexOf(pairs, count, c.key);
          if (at < 0 && count >= limits.maxAttributes()) {
            droppedAttributes++;
            continue;
          }
          if (!copied) {
            pairs = pairs == null ? new Object[8] : Arrays.copyOf(pairs, Math.max(8, count * 2 + 2));
            copied = true;
          }
          if (at >= 0) {
            pairs[at + 1] = c.value;
          } else {
            if (count * 2 == pairs.length) {
              pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[count * 2] = c.key;
            pairs[count * 2 + 1] = c.value;
            count++;
          }
        }
        case Change.EVENT -> {
          if (events == null) {
            events = new ArrayList<>(4);
          }
          if (events.size() < limits.maxEvents()) {
            events.add((EventData) c.value);
          } else {
            droppedEvents++;
          }
        }
        case Change.STATUS -> {
          if (status != StatusCode.OK) {
            status = (StatusCode) c.value;
            statusMessage = c.key;
          }
        }
        case Change.NAME -> name = c.key;
        case Change.DROPPED -> {
          int[] counts = (int[]) c.value;
          droppedAttributes += counts[0];
          droppedEvents += counts[1];
        }
        default -> { } // PROMOTED only matters at the end
      }
    }
    return new Snapshot(
        name,
        count == 0 ? Attributes.empty() : new Attributes(pairs, count),
        events == null ? List.of() : Collections.unmodifiableList(events),
        status,
        statusMessage,
        droppedAttributes,
        droppedEvents);
  }

  private static int indexOf(Object[] pairs, int count, String key) {
    for (int i = 0; i < count * 2; i += 2) {
      if (key.equals(pairs[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Rewrites a long log as the few changes it amounts to: one per kept attribute, the kept
   * events, the last name and status, what the limits dropped so far, and whether a descendant
   * was promoted.
   */
  private Change compact(Change log) {
    Snapshot s = replay(log);
    boolean promoted = false;
    for (Change c = log; c.kind != Change.NONE_KIND; c = c.previous) {
      promoted |= c.kind == Change.PROMOTED;
    }
    Change out = Change.NONE;
    Attributes a = s.attributes;
    for (int i = 0; i < a.size(); i++) {
      if (i >= initialAttributeCount || !a.valueAt(i).equals(initialAttributes[i * 2 + 1])) {
        out = new Change(out, Change.ATTRIBUTE, a.keyAt(i), a.valueAt(i));
      }
    }
    for (EventData e : s.events) {
      out = new Change(out, Change.EVENT, e.name(), e);
    }
    if (!s.name.equals(initialName)) {
      out = new Change(out, Change.NAME, s.name, null);
    }
    if (s.status != StatusCode.UNSET) {
      out = new Change(out, Change.STATUS, s.statusMessage, s.status);
    }
    int droppedAttributes = s.droppedAttributes - initialDroppedAttributes;
    if (droppedAttributes > 0 || s.droppedEvents > 0) {
      out = new Change(out, Change.DROPPED, null, new int[] {droppedAttributes, s.droppedEvents});
    }
    if (promoted) {
      out = new Change(out, Change.PROMOTED, null, null);
    }
    return out;
  }

  /** One change to an open span; immutable, linked newest first. */
  private static class Change {
    static final int NONE_KIND = 0;
    static final int ATTRIBUTE = 1;
    static final int EVENT = 2;
    static final int STATUS = 3;
    static final int NAME = 4;
    static final int PROMOTED = 5;
    /** What earlier compactions dropped: {@code int[] {attributes, events}}. */
    static final int DROPPED = 6;
    static final int END = 7;

    static final Change NONE = new Change(null, NONE_KIND, null, null);

    final Change previous;
    /** How many changes the log holds up to this one (an END node adds none). */
    final int depth;
    final int kind;
    /** Attribute key, event or span name, or status description. */
    final String key;
    /** Attribute value, {@link EventData} or {@link StatusCode}. */
    final Object value;

    Change(Change previous, int kind, String key, Object value) {
      this(previous, previous == null ? 0 : previous.depth + 1, kind, key, value);
    }

    private Change(Change previous, int depth, int kind, String key, Object value) {
      this.previous = previous;
      this.depth = depth;
      this.kind = kind;
      this.key = key;
      this.value = value;
    }

    static Change end(Change log, long endEpochNanos) {
      return new End(log, endEpochNanos);
    }

    long endEpochNanos() {
      return 0L;
    }
  }

  /** The seal: the span ended at {@code endEpochNanos}; nothing is appended after it. */
  private static final class End extends Change {
    private final long endEpochNanos;

    End(Change log, long endEpochNanos) {
      super(log, log.depth, END, null, null);
      this.endEpochNanos = endEpochNanos;
    }

    @Override
    long endEpochNanos() {
      return endEpochNanos;
    }
  }

  /** What a span's log amounts to. */
  private record Snapshot(
      String name,
      Attributes attributes,
      List<EventData> events,
      StatusCode status,
      String statusMessage,
      int droppedAttributes,
      int droppedEvents) {}

  // ---------------------------------------------------------------- SpanData

  @Override
  public long parentSpanId() {
    return parentSpanId;
  }

  @Override
  public String name() {
    Change h = head;
    return h == Change.NONE ? initialName : data().name;
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
    Change h = head;
    return h.endEpochNanos();
  }

  @Override
  public Attributes attributes() {
    return data().attributes;
  }

  @Override
  public List<EventData> events() {
    return data().events;
  }

  @Override
  public List<LinkData> links() {
    return links;
  }

  @Override
  public StatusCode statusCode() {
    return data().status;
  }

  @Override
  public String statusMessage() {
    return data().statusMessage;
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
    return data().droppedAttributes;
  }

  @Override
  public int droppedEventsCount() {
    return data().droppedEvents;
  }

  @Override
  public int droppedLinksCount() {
    return droppedLinks;
  }

  @Override
  public String toString() {
    return "RecordingSpan{" + name() + " " + context + (isRecording() ? "" : " ended") + "}";
  }
}
