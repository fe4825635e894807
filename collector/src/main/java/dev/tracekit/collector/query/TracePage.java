package dev.tracekit.collector.query;

import dev.tracekit.collector.storage.StoredTrace;
import dev.tracekit.core.Ids;
import dev.tracekit.core.SpanData;
import java.util.List;

/**
 * {@code GET /api/traces/{traceId}}: one page of a trace's spans (by start time) and its logs (by
 * time). {@code spanCount}/{@code logCount} are the trace's totals; {@code truncated} says that
 * spans or logs exist beyond this page (ask again with {@code offset}). The defaults return a
 * whole trace of ordinary size, so clients that ignore paging see what they always saw.
 */
record TracePage(
    String traceId,
    List<ApiJson.Span> spans,
    List<ApiJson.Log> logs,
    int spanCount,
    int logCount,
    int offset,
    int limit,
    boolean truncated) {

  /** Spans answered when the request names no limit. */
  static final int DEFAULT_LIMIT = 10_000;
  /** Largest span limit a request may ask for. */
  static final int MAX_LIMIT = 100_000;

  /**
   * Spans {@code [offset, offset + limit)} and logs {@code [offset, offset + limit)} of
   * {@code trace}; the logs are paged with the same window so that every page stays bounded.
   */
  static TracePage of(StoredTrace trace, int offset, int limit) {
    List<ApiJson.Span> spans = window(trace.spans(), offset, limit).stream().map(ApiJson.Span::of).toList();
    List<ApiJson.Log> logs = window(trace.logs(), offset, limit).stream().map(ApiJson.Log::of).toList();
    boolean truncated = (long) offset + limit < Math.max(trace.spans().size(), trace.logs().size());
    return new TracePage(trace.traceId().toHex(), spans, logs, trace.spans().size(), trace.logs().size(), offset, limit,
        truncated);
  }

  /**
   * The page of {@code limit} spans (offsets are multiples of it, as the pager counts) that holds
   * the span {@code spanId}.
   *
   * @throws NotFoundException when the trace has no such span
   */
  static TracePage holding(StoredTrace trace, long spanId, int limit) {
    List<SpanData> spans = trace.spans();
    for (int i = 0; i < spans.size(); i++) {
      if (spans.get(i).context().spanId() == spanId) {
        return of(trace, i - i % limit, limit);
      }
    }
    throw new NotFoundException("span " + Ids.toHex(spanId) + " is not in trace " + trace.traceId().toHex());
  }

  private static <T> List<T> window(List<T> items, int offset, int limit) {
    if (offset >= items.size()) {
      return List.of();
    }
    return items.subList(offset, (int) Math.min(items.size(), (long) offset + limit));
  }
}
