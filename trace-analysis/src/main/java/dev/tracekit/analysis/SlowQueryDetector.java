package dev.tracekit.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Slow queries: database statements that took at least
 * {@link AnalysisSettings#slowQueryMinDuration()} each. Unlike {@link SlowSpanDetector} this needs
 * no history: a statement that long is worth a look the first time it is seen (a missing index, a
 * lock wait, a large scan). Executions of one statement shape ({@link SqlNormalizer}) in one
 * service make one finding; its time at stake is their total duration.
 */
final class SlowQueryDetector implements Detector {

  private final AnalysisSettings settings;

  SlowQueryDetector(AnalysisSettings settings) {
    this.settings = settings;
  }

  /** Slow executions of one statement shape in one service; {@code shape} as first seen. */
  private record Group(String service, String shape, List<Node> spans) {}

  @Override
  public void detect(TraceTree tree, FindingCollector out) {
    long min = settings.slowQueryMinDurationMicros();
    Map<String, Group> groups = new LinkedHashMap<>();
    for (Node node : tree.nodes) {
      if (node.span == null || node.duration() < min) {
        continue;
      }
      String statement = SpanSemantics.statement(node.span);
      if (statement == null) {
        continue;
      }
      String shape = SqlNormalizer.normalize(statement);
      String key = node.service + '\u0000' + shape.toLowerCase(Locale.ROOT);
      groups.computeIfAbsent(key, k -> new Group(node.service, shape, new ArrayList<>())).spans().add(node);
    }
    for (Group group : groups.values()) {
      List<Node> spans = group.spans();
      long total = 0;
      long longest = 0;
      for (Node span : spans) {
        total += span.duration();
        longest = Math.max(longest, span.duration());
      }
      String shape = Names.quote(group.shape());
      String what = spans.size() == 1
          ? shape + " in " + group.service() + " took " + Durations.format(longest)
          : spans.size() + " x " + shape + " in " + group.service() + " took up to " + Durations.format(longest)
              + ", " + Durations.format(total) + " in all";
      out.add(FindingType.SLOW_QUERY, total, spans,
          what + " (slow: " + Durations.format(min) + " or more); look at its plan, its indexes and"
              + " what it waited for.");
    }
  }
}
