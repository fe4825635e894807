package dev.tracekit.analysis;

import dev.tracekit.core.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Explains one trace: builds its span tree (orphans under a synthetic root, clock skew
 * corrected), totals, time per service and operation, the critical path, and findings (N+1
 * queries, sequential calls, excessive retries, slow network, slow spans against stored
 * history, errors). Immutable and thread-safe; one instance serves every request.
 *
 * <p>Runs in O(n log n) time and O(n) memory for n spans, iteratively (no recursion).
 */
public final class TraceAnalyzer {

  private final AnalysisSettings settings;
  private final List<Detector> detectors;

  /** An analyzer with the given thresholds and no stored history (no slow-span findings). */
  public TraceAnalyzer(AnalysisSettings settings) {
    this(settings, OperationHistory.none());
  }

  /** An analyzer with the given thresholds, comparing spans to {@code history} for slow spans. */
  public TraceAnalyzer(AnalysisSettings settings, OperationHistory history) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(history, "history");
    List<Detector> list = new ArrayList<>();
    list.add(new NPlusOneDetector(settings));
    list.add(new SlowQueryDetector(settings));
    list.add(new SequentialCallsDetector(settings));
    list.add(new RetryDetector(settings));
    list.add(new SlowNetworkDetector(settings));
    if (history != OperationHistory.none()) {
      list.add(new SlowSpanDetector(settings, history));
    }
    list.add(new ErrorDetector());
    this.detectors = List.copyOf(list);
  }

  /** An analyzer with {@link AnalysisSettings#defaults()} and no history. */
  public static TraceAnalyzer withDefaults() {
    return new TraceAnalyzer(AnalysisSettings.defaults());
  }

  public AnalysisSettings settings() {
    return settings;
  }

  /**
   * Analyses the spans of one trace, in any order.
   *
   * @throws IllegalArgumentException when {@code spans} is empty or mixes traces
   * @throws NullPointerException when {@code spans} or one of its elements is null
   */
  public TraceAnalysis analyze(List<? extends SpanData> spans) {
    TraceTree tree = TraceTree.build(spans);
    FindingCollector findings = new FindingCollector(settings, tree.durationMicros());
    for (Detector detector : detectors) {
      detector.detect(tree, findings);
    }
    Breakdown breakdown = Breakdown.of(tree);
    List<CriticalPathSegment> criticalPath = CriticalPath.compute(tree);

    TreeSet<String> services = new TreeSet<>();
    List<SpanNode> nodes = new ArrayList<>(tree.nodes.size());
    int errors = 0;
    for (Node n : tree.nodes) {
      services.add(n.service);
      errors += n.isError() ? 1 : 0;
      nodes.add(new SpanNode(
          n.spanIdHex(), n.span.parentSpanIdHex(), n.depth, n.service, n.name(), n.kind, n.isError(), n.orphan,
          n.start - tree.start(), n.reportedEnd - n.reportedStart, n.selfTime));
    }
    Node first = tree.root.children.get(0);
    List<Finding> kept = findings.kept();
    return new TraceAnalysis(
        tree.traceId,
        tree.start(),
        tree.durationMicros(),
        tree.nodes.size(),
        tree.depth,
        errors,
        List.copyOf(services),
        first.spanIdHex(),
        first.service,
        first.name(),
        tree.hasSyntheticRoot(),
        tree.orphanCount,
        tree.duplicateCount,
        tree.corrections,
        breakdown.services,
        breakdown.operations,
        criticalPath,
        kept,
        findings.omitted(),
        nodes);
  }
}
