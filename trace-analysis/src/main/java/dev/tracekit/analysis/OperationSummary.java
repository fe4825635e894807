package dev.tracekit.analysis;

/**
 * Where one operation's time went in a trace: the spans of one name in one service.
 *
 * @param service the service name
 * @param operation the span name
 * @param spanCount its spans
 * @param errorCount its spans with status ERROR
 * @param totalTimeMicros the sum of its span durations
 * @param selfTimeMicros the sum of its spans' self times
 * @param selfTimePercent its self time as a percentage of the self time of all spans in the
 *     trace (one decimal)
 */
public record OperationSummary(
    String service,
    String operation,
    int spanCount,
    int errorCount,
    long totalTimeMicros,
    long selfTimeMicros,
    double selfTimePercent) {}
