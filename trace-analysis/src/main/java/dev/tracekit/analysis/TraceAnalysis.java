package dev.tracekit.analysis;

import java.util.List;

/**
 * Everything the analysis found in one trace. Times are microseconds; offsets count from the
 * trace's start (the earliest span start after clock-skew correction). A plain record: it
 * serializes to JSON under these component names.
 *
 * @param traceId the trace id, 32 lowercase hex chars
 * @param startEpochMicros the trace's start, microseconds since the epoch
 * @param durationMicros from the earliest span start to the latest span end
 * @param spanCount spans analysed (exact duplicates are dropped first, see {@code duplicateSpanCount})
 * @param depth levels of the span tree; a lone root span has depth 1
 * @param errorCount spans with status ERROR
 * @param services service names, sorted
 * @param rootSpanId the root span; when the trace has no single root, the earliest top-level span
 * @param rootService the service of that span
 * @param rootName the name of that span
 * @param syntheticRoot whether the trace has several top-level spans (orphans or several roots)
 *     that hang under a synthetic root covering the whole trace
 * @param orphanCount spans whose parent is not in the trace (or lies on a parent cycle)
 * @param duplicateSpanCount spans dropped as exact duplicates of another (same id, kind, name,
 *     service and times)
 * @param clockSkewCorrections children shifted into their parent's bounds; each shift also moved
 *     the child's subtree
 * @param serviceBreakdown one row per service, most self time first
 * @param operationBreakdown one row per (service, span name), most self time first
 * @param criticalPath the chain of span sections that bounds end-to-end latency, in time order;
 *     contributions sum to the root's duration
 * @param findings performance problems, largest time at stake first
 * @param omittedFindingCount findings left out by {@link AnalysisSettings#maxFindings()}
 * @param spans the span tree in depth-first order, children by start time
 */
public record TraceAnalysis(
    String traceId,
    long startEpochMicros,
    long durationMicros,
    int spanCount,
    int depth,
    int errorCount,
    List<String> services,
    String rootSpanId,
    String rootService,
    String rootName,
    boolean syntheticRoot,
    int orphanCount,
    int duplicateSpanCount,
    List<ClockSkewCorrection> clockSkewCorrections,
    List<ServiceSummary> serviceBreakdown,
    List<OperationSummary> operationBreakdown,
    List<CriticalPathSegment> criticalPath,
    List<Finding> findings,
    int omittedFindingCount,
    List<SpanNode> spans) {

  /** The span id critical-path sections of the synthetic root carry (no real span has it). */
  public static final String SYNTHETIC_ROOT_SPAN_ID = "0000000000000000";

  public TraceAnalysis {
    services = List.copyOf(services);
    clockSkewCorrections = List.copyOf(clockSkewCorrections);
    serviceBreakdown = List.copyOf(serviceBreakdown);
    operationBreakdown = List.copyOf(operationBreakdown);
    criticalPath = List.copyOf(criticalPath);
    findings = List.copyOf(findings);
    spans = List.copyOf(spans);
  }
}
