package dev.tracekit.collector.dependencies;

/**
 * One edge of the service graph: calls from {@code parent} to {@code child} in a time window,
 * how many failed, and the latency percentiles of those calls in microseconds.
 */
public record DependencyLink(
    String parent, String child, long callCount, long errorCount, long p50Micros, long p99Micros) {}
