package dev.tracekit.collector.storage.memory;

import dev.tracekit.collector.storage.AttributeText;
import dev.tracekit.collector.storage.SpanOrder;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.collector.storage.TraceSummary;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.StatusCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One stored trace and the facts the indexes need. Mutated only by the writer under the store's
 * write lock; read under its read lock.
 */
final class TraceEntry {

  final TraceId id;
  final List<SpanData> spans = new ArrayList<>();
  final Set<Long> spanIds = new HashSet<>();
  final Set<String> services = new HashSet<>();
  final Set<Operation> operations = new HashSet<>();
  final Set<Tag> tags = new HashSet<>();
  long startNanos = Long.MAX_VALUE;
  long endNanos = Long.MIN_VALUE;
  int errorCount;
  /** The earliest span without a parent, or null. */
  SpanData root;
  /** The earliest span, stands in for a missing root. */
  SpanData first;
  /** The keys under which the indexes currently hold this trace. */
  TraceKey indexedKey;
  DurationKey indexedDuration;

  TraceEntry(TraceId id) {
    this.id = id;
  }

  /** Adds a span (the caller has checked it is new), recording index members it brings. */
  void add(SpanData span, Set<String> newServices, Set<Operation> newOperations, Set<Tag> newTags) {
    spans.add(span);
    spanIds.add(span.context().spanId());
    startNanos = Math.min(startNanos, span.startEpochNanos());
    endNanos = Math.max(endNanos, span.endEpochNanos());
    if (span.statusCode() == StatusCode.ERROR) {
      errorCount++;
    }
    if (span.parentSpanId() == 0 && (root == null || SpanOrder.BY_START.compare(span, root) < 0)) {
      root = span;
    }
    if (first == null || SpanOrder.BY_START.compare(span, first) < 0) {
      first = span;
    }
    String service = span.serviceName();
    if (services.add(service)) {
      newServices.add(service);
    }
    Operation operation = new Operation(service, span.name());
    if (operations.add(operation)) {
      newOperations.add(operation);
    }
    span.attributes().forEach((key, value) -> {
      Tag tag = new Tag(key, AttributeText.of(value));
      if (tags.add(tag)) {
        newTags.add(tag);
      }
    });
  }

  long durationNanos() {
    return endNanos - startNanos;
  }

  TraceKey key() {
    return new TraceKey(startNanos, id);
  }

  DurationKey durationKey() {
    return new DurationKey(durationNanos(), id);
  }

  TraceSummary summary() {
    SpanData shown = root != null ? root : first;
    return new TraceSummary(id, shown.name(), shown.serviceName(), root == null, startNanos,
        durationNanos(), spans.size(), errorCount, List.copyOf(new TreeSet<>(services)));
  }

  /** A span name within a service. */
  record Operation(String service, String name) {}

  /** An attribute as a tag search sees it. */
  record Tag(String key, String value) {}

  /** Orders traces by start time; the trace id breaks ties. */
  record TraceKey(long startNanos, TraceId id) implements Comparable<TraceKey> {
    static final TraceId MIN_ID = new TraceId(0, 0);
    static final TraceId MAX_ID = new TraceId(-1, -1);

    @Override
    public int compareTo(TraceKey o) {
      int c = Long.compare(startNanos, o.startNanos);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  /** Orders traces by duration; the trace id breaks ties. */
  record DurationKey(long durationNanos, TraceId id) implements Comparable<DurationKey> {
    @Override
    public int compareTo(DurationKey o) {
      int c = Long.compare(durationNanos, o.durationNanos);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }
}
