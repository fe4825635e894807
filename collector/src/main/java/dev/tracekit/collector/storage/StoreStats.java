package dev.tracekit.collector.storage;

/**
 * Sizes and removal counts of a store, for gauges. Stores that cannot count cheaply (PostgreSQL)
 * report estimates refreshed from time to time.
 *
 * @param evictedSpans spans removed to stay under a size bound, since start
 * @param expiredSpans spans removed by age (retention), since start
 * @param limitedSpans spans dropped because their trace already held the store's per-trace limit,
 *     since start (0 for stores without one)
 */
public record StoreStats(long spans, long traces, long logs, long evictedSpans, long expiredSpans, long limitedSpans) {

  /** Stats of a store without a per-trace limit. */
  public StoreStats(long spans, long traces, long logs, long evictedSpans, long expiredSpans) {
    this(spans, traces, logs, evictedSpans, expiredSpans, 0);
  }
}
