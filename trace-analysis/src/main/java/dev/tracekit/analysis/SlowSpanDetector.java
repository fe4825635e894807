package dev.tracekit.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slow spans: spans longer than the p99 of their operation (service + span name) in stored
 * history, when that history holds at least {@link AnalysisSettings#slowSpanMinSamples()}
 * spans. History is asked once per distinct operation. Spans of one operation make one finding;
 * its time at stake is how far they went over the p99, summed.
 */
final class SlowSpanDetector implements Detector {

  private static final OperationLatency UNKNOWN = new OperationLatency(0, 0);

  private final AnalysisSettings settings;
  private final OperationHistory history;

  SlowSpanDetector(AnalysisSettings settings, OperationHistory history) {
    this.settings = settings;
    this.history = history;
  }

  @Override
  public void detect(TraceTree tree, FindingCollector out) {
    Map<String, OperationLatency> known = new HashMap<>();
    Map<String, List<Node>> slow = new LinkedHashMap<>();
    for (Node node : tree.nodes) {
      String key = node.service + '\u0000' + node.name();
      OperationLatency latency = known.computeIfAbsent(key, k -> lookup(node));
      if (latency.sampleCount() >= settings.slowSpanMinSamples() && node.duration() > latency.p99Micros()) {
        slow.computeIfAbsent(key, k -> new ArrayList<>()).add(node);
      }
    }
    for (Map.Entry<String, List<Node>> e : slow.entrySet()) {
      List<Node> spans = e.getValue();
      OperationLatency latency = known.get(e.getKey());
      Node first = spans.get(0);
      long over = 0;
      long longest = 0;
      for (Node span : spans) {
        over += span.duration() - latency.p99Micros();
        longest = Math.max(longest, span.duration());
      }
      String what = spans.size() == 1
          ? Names.quote(first.name()) + " in " + first.service + " took " + Durations.format(longest)
          : spans.size() + " spans " + Names.quote(first.name()) + " in " + first.service + " took up to "
              + Durations.format(longest);
      String message = what + ", over its p99 of " + Durations.format(latency.p99Micros()) + " (from "
          + latency.sampleCount() + " stored spans); see what this one did differently.";
      out.add(FindingType.SLOW_SPAN, over, spans, message);
    }
  }

  private OperationLatency lookup(Node node) {
    if (node.span == null) {
      return UNKNOWN;
    }
    Optional<OperationLatency> found = history.latency(node.service, node.name());
    return found == null ? UNKNOWN : found.orElse(UNKNOWN);
  }
}
