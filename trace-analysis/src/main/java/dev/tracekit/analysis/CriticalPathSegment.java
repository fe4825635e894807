package dev.tracekit.analysis;

/**
 * A section of the critical path: a stretch of time during which this span, not one of its
 * children, bounded the trace's latency. One span may own several sections.
 *
 * @param spanId the span, or {@link TraceAnalysis#SYNTHETIC_ROOT_SPAN_ID} for time between
 *     top-level spans of a trace without a single root
 * @param service its service (empty for the synthetic root)
 * @param name its name ({@code "(trace)"} for the synthetic root)
 * @param startOffsetMicros where the section starts, from the trace's start
 * @param contributionMicros the section's length
 */
public record CriticalPathSegment(
    String spanId, String service, String name, long startOffsetMicros, long contributionMicros) {}
