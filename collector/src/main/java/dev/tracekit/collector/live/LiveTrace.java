package dev.tracekit.collector.live;

import dev.tracekit.collector.storage.StoredTrace;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.StatusCode;
import java.util.List;
import java.util.TreeSet;

/**
 * One event of {@code /api/live}: a trace as it stands after new spans of it were stored. The
 * same fields as a search result of {@code /api/traces}: times in epoch microseconds, durations
 * in microseconds. The root is the earliest span without a parent, else the earliest span.
 */
record LiveTrace(
    String traceId,
    String rootName,
    String rootService,
    boolean rootMissing,
    long startMicros,
    long durationMicros,
    int spanCount,
    int errorCount,
    boolean error,
    List<String> services) {

  /** The summary of a stored trace that has at least one span. */
  static LiveTrace of(StoredTrace trace) {
    List<SpanData> spans = trace.spans();
    SpanData root = null;
    SpanData earliest = null;
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    int errors = 0;
    TreeSet<String> services = new TreeSet<>();
    for (SpanData span : spans) {
      if (earliest == null || span.startEpochNanos() < earliest.startEpochNanos()) {
        earliest = span;
      }
      if (span.parentSpanId() == 0 && (root == null || span.startEpochNanos() < root.startEpochNanos())) {
        root = span;
      }
      start = Math.min(start, span.startEpochNanos());
      end = Math.max(end, span.endEpochNanos());
      errors += span.statusCode() == StatusCode.ERROR ? 1 : 0;
      services.add(span.serviceName());
    }
    SpanData shown = root != null ? root : earliest;
    long startMicros = Math.floorDiv(start, 1_000L);
    return new LiveTrace(trace.traceId().toHex(), shown.name(), shown.serviceName(), root == null, startMicros,
        Math.floorDiv(end, 1_000L) - startMicros, spans.size(), errors, errors > 0, List.copyOf(services));
  }
}
