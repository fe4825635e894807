package dev.tracekit.collector.storage.memory;

import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.collector.storage.TraceSummary;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.StatusCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One stored trace: the summary fields searches filter on, a fingerprint of its names and tags,
 * its span ids (for duplicates), and its spans, either as objects while the trace is "hot"
 * (recently written) or as one compressed OTLP block once it is quiet. Mutated only by the
 * writer under the store's write lock; read under its read lock.
 */
final class TraceEntry {

  /** Orders traces by the start they are indexed under; the trace id breaks ties. */
  static final java.util.Comparator<TraceEntry> BY_INDEXED_START = (a, b) -> {
    int c = Long.compare(a.indexedStart, b.indexedStart);
    return c != 0 ? c : a.id.compareTo(b.id);
  };

  private static final String[] NO_SERVICES = {};
  private static final long[] NO_IDS = {};

  final TraceId id;
  long startNanos = Long.MAX_VALUE;
  long endNanos = Long.MIN_VALUE;
  /** The start the time index holds this trace under; Long.MIN_VALUE while not indexed. */
  long indexedStart;
  int errorCount;
  /** Distinct service names, sorted. */
  String[] services = NO_SERVICES;
  /** Distinct operations as (service, span name) pairs, flattened. */
  private String[] operations = NO_SERVICES;
  final TraceFingerprint fingerprint = new TraceFingerprint();
  /** Span ids, sorted, first {@link #spanCount} used. */
  private long[] spanIds = NO_IDS;
  private int spanCount;

  // What the summary shows: the earliest root span, else the earliest span.
  private boolean hasRoot;
  private long shownStart;
  private long shownSpanId;
  private String shownName;
  private String shownService;

  /** The spans while hot, null while cold. */
  private List<SpanData> hot;
  /** The spans while cold (see {@link CompactSpans}), null while hot. */
  private byte[] cold;

  // The writer's list of hot traces, least recently written first.
  TraceEntry olderHot;
  TraceEntry newerHot;

  TraceEntry(TraceId id) {
    this.id = id;
  }

  /** A probe for range searches of the time index. */
  static TraceEntry probe(long start, TraceId id) {
    TraceEntry probe = new TraceEntry(id);
    probe.indexedStart = start;
    return probe;
  }

  int spanCount() {
    return spanCount;
  }

  boolean contains(long spanId) {
    return Arrays.binarySearch(spanIds, 0, spanCount, spanId) >= 0;
  }

  boolean isHot() {
    return hot != null;
  }

  /**
   * Adds spans the caller has checked are new (no duplicates among them either); makes the trace
   * hot, decoding it when cold. Calls {@code newOperation} for each (service, span name) pair
   * the trace did not have.
   */
  void addAll(List<SpanData> spans, BiConsumer<String, String> newOperation) {
    if (hot == null) {
      hot = cold == null ? new ArrayList<>(spans.size()) : CompactSpans.decode(cold);
      cold = null;
    }
    long[] ids = new long[spans.size()];
    for (int i = 0; i < ids.length; i++) {
      SpanData span = spans.get(i);
      hot.add(span);
      ids[i] = span.context().spanId();
      summarize(span);
      if (addOperation(span.serviceName(), span.name())) {
        newOperation.accept(span.serviceName(), span.name());
      }
    }
    mergeSpanIds(ids);
  }

  /** One sorted merge per batch: a large trace never pays an array shift per span. */
  private void mergeSpanIds(long[] ids) {
    sort(ids);
    long[] merged = spanCount + ids.length <= spanIds.length ? spanIds
        : new long[Math.max(8, spanCount + ids.length + ((spanCount + ids.length) >> 1))];
    int i = spanCount - 1;
    int j = ids.length - 1;
    for (int k = spanCount + ids.length - 1; k >= 0; k--) {
      merged[k] = j < 0 || (i >= 0 && spanIds[i] > ids[j]) ? spanIds[i--] : ids[j--];
    }
    spanIds = merged;
    spanCount += ids.length;
  }

  /** A batch brings a trace a few spans: insertion sort beats Arrays.sort's set-up for them. */
  private static void sort(long[] ids) {
    if (ids.length > 16) {
      Arrays.sort(ids);
      return;
    }
    for (int i = 1; i < ids.length; i++) {
      long id = ids[i];
      int j = i - 1;
      while (j >= 0 && ids[j] > id) {
        ids[j + 1] = ids[j];
        j--;
      }
      ids[j + 1] = id;
    }
  }

  private void summarize(SpanData span) {
    startNanos = Math.min(startNanos, span.startEpochNanos());
    endNanos = Math.max(endNanos, span.endEpochNanos());
    if (span.statusCode() == StatusCode.ERROR) {
      errorCount++;
    }
    boolean root = span.parentSpanId() == 0;
    if (shownName == null || (root && !hasRoot) || (root == hasRoot && earlierThanShown(span))) {
      hasRoot = root;
      shownStart = span.startEpochNanos();
      shownSpanId = span.context().spanId();
      shownName = span.name();
      shownService = span.serviceName();
    }
    addService(span.serviceName());
    fingerprint.addSpan(span);
  }

  private boolean addOperation(String service, String name) {
    for (int i = 0; i < operations.length; i += 2) {
      if (operations[i].equals(service) && operations[i + 1].equals(name)) {
        return false;
      }
    }
    String[] grown = Arrays.copyOf(operations, operations.length + 2);
    grown[operations.length] = service;
    grown[operations.length + 1] = name;
    operations = grown;
    return true;
  }

  /** Calls {@code action} with each distinct (service, span name) of the trace. */
  void forEachOperation(BiConsumer<String, String> action) {
    for (int i = 0; i < operations.length; i += 2) {
      action.accept(operations[i], operations[i + 1]);
    }
  }

  private boolean earlierThanShown(SpanData span) {
    int c = Long.compare(span.startEpochNanos(), shownStart);
    return c != 0 ? c < 0 : span.context().spanId() < shownSpanId;
  }

  private void addService(String service) {
    for (String s : services) {
      if (s == service || s.equals(service)) {
        return;
      }
    }
    String[] grown = Arrays.copyOf(services, services.length + 1);
    grown[services.length] = service;
    Arrays.sort(grown);
    services = grown;
  }

  boolean hasService(String service) {
    for (String s : services) {
      if (s.equals(service)) {
        return true;
      }
    }
    return false;
  }

  /** Turns the hot spans into one compact block; returns how many spans it held. */
  int freeze() {
    int n = hot.size();
    cold = CompactSpans.encode(hot);
    hot = null;
    return n;
  }

  /**
   * The spans in no particular order. A hot trace's list is copied (the writer appends to it);
   * a cold block is immutable, so the caller may decode it with {@link #decode} after releasing
   * the lock: see {@link #snapshot}.
   */
  Object snapshot() {
    return hot != null ? List.copyOf(hot) : cold;
  }

  /** The spans of a {@link #snapshot}. */
  @SuppressWarnings("unchecked")
  static List<SpanData> decode(Object snapshot) {
    return snapshot instanceof byte[] block ? CompactSpans.decode(block) : (List<SpanData>) snapshot;
  }

  /** The spans now (under the lock). */
  List<SpanData> spans() {
    return decode(snapshot());
  }

  long durationNanos() {
    return endNanos - startNanos;
  }

  TraceSummary summary() {
    return new TraceSummary(id, shownName, shownService, !hasRoot, startNanos, durationNanos(), spanCount,
        errorCount, List.of(services));
  }
}
