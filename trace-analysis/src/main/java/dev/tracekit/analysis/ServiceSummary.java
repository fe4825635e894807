package dev.tracekit.analysis;

/**
 * Where one service's time went in a trace.
 *
 * @param service the service name
 * @param spanCount its spans
 * @param errorCount its spans with status ERROR
 * @param totalTimeMicros the sum of its span durations (overlapping spans count twice)
 * @param selfTimeMicros the sum of its spans' self times (time no child span covers)
 * @param selfTimePercent its self time as a percentage of the self time of all spans in the
 *     trace, to one decimal; over all services these add up to 100 (give or take rounding)
 */
public record ServiceSummary(
    String service,
    int spanCount,
    int errorCount,
    long totalTimeMicros,
    long selfTimeMicros,
    double selfTimePercent) {}
