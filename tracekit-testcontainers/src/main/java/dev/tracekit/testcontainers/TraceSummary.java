package dev.tracekit.testcontainers;

import java.util.List;

/**
 * One row of a trace search.
 *
 * @param traceId 32 lowercase hex chars
 * @param rootService the service of the root span (or of the earliest span when the root is missing)
 * @param rootName the name of that span
 * @param startMicros the trace's start, microseconds since the epoch
 * @param durationMicros the trace's duration in microseconds
 * @param spanCount spans stored
 * @param errorCount spans with status ERROR
 * @param services the services with spans in the trace
 */
public record TraceSummary(
    String traceId,
    String rootService,
    String rootName,
    long startMicros,
    long durationMicros,
    int spanCount,
    int errorCount,
    List<String> services) {

  public TraceSummary {
    services = List.copyOf(services);
  }
}
