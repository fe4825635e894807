package dev.tracekit.collector.storage;

/**
 * Sizes and removal counts of a store, for gauges. Stores that cannot count cheaply (PostgreSQL)
 * report estimates refreshed from time to time.
 *
 * @param evictedSpans spans removed to stay under a size bound, since start
 * @param expiredSpans spans removed by age (retention), since start
 */
public record StoreStats(long spans, long traces, long logs, long evictedSpans, long expiredSpans) {}
