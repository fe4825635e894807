package dev.tracekit.analysis;

/**
 * An edge of the service dependency graph: {@code parent} called {@code child}.
 *
 * @param parent the calling service
 * @param child the called service (or, for a client call nobody traced on the other side, its
 *     {@code peer.service} or database system)
 * @param callCount calls seen
 * @param errorCount calls where the client or the server failed (status ERROR or HTTP 5xx)
 * @param p50Micros median call latency as the caller saw it (at most 1/64 relative error)
 * @param p99Micros 99th percentile call latency (at most 1/64 relative error)
 */
public record DependencyLink(
    String parent, String child, long callCount, long errorCount, long p50Micros, long p99Micros) {}
