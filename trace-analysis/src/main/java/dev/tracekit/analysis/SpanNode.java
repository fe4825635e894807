package dev.tracekit.analysis;

import dev.tracekit.core.SpanKind;

/**
 * One span as placed in the analysed tree.
 *
 * @param spanId the span id, 16 lowercase hex chars
 * @param parentSpanId the parent span id as reported, or null for a root span
 * @param depth 0 for top-level spans (roots and orphans), parent's depth + 1 below
 * @param service the span's {@code service.name}
 * @param name the span name
 * @param kind the span kind
 * @param error whether the span's status is ERROR
 * @param orphan whether its parent is missing from the trace (or lies on a parent cycle), so it
 *     hangs under the synthetic root
 * @param startOffsetMicros start after clock-skew correction, from the trace's start
 * @param durationMicros duration as reported
 * @param selfTimeMicros the part of its duration that no child span covers
 */
public record SpanNode(
    String spanId,
    String parentSpanId,
    int depth,
    String service,
    String name,
    SpanKind kind,
    boolean error,
    boolean orphan,
    long startOffsetMicros,
    long durationMicros,
    long selfTimeMicros) {}
