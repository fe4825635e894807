package dev.tracekit.analysis;

import dev.tracekit.core.SpanKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sequential calls: at least {@link AnalysisSettings#sequentialMinCalls()} sibling HTTP/RPC
 * client calls where each starts after the previous one ended, within
 * {@link AnalysisSettings#sequentialMaxGap()}, and nothing in the trace shows one needs
 * another's result: they do not overlap, and none is a retry (a repeat of a call that failed,
 * or one with {@code http.request.resend_count} > 0; retries break the run). Database calls are
 * left to the N+1 detector: statements on one connection or transaction must run in order.
 * Reported when running them in parallel, which takes as long as the longest, saves at least
 * {@link AnalysisSettings#sequentialMinSaved()}.
 */
final class SequentialCallsDetector implements Detector {

  private static final int NAMES_IN_MESSAGE = 3;

  private final AnalysisSettings settings;

  SequentialCallsDetector(AnalysisSettings settings) {
    this.settings = settings;
  }

  @Override
  public void detect(TraceTree tree, FindingCollector out) {
    tree.forEachSiblingGroup((parent, siblings) -> {
      List<Node> run = new ArrayList<>();
      Map<String, Boolean> lastFailed = new HashMap<>();
      for (Node call : siblings) {
        if (call.kind != SpanKind.CLIENT || SpanSemantics.isDatabasePlumbing(call.span)) {
          continue;
        }
        String key = Operations.key(call);
        boolean retry = SpanSemantics.resendCount(call.span) > 0 || Boolean.TRUE.equals(lastFailed.get(key));
        lastFailed.put(key, SpanSemantics.failed(call.span));
        if (retry) {
          report(parent, run, out);
          run.clear();
          continue;
        }
        if (!run.isEmpty()) {
          Node previous = run.get(run.size() - 1);
          if (call.start < previous.end || call.start - previous.end > settings.sequentialMaxGapMicros()) {
            report(parent, run, out);
            run.clear();
          }
        }
        run.add(call);
      }
      report(parent, run, out);
    });
  }

  private void report(Node parent, List<Node> run, FindingCollector out) {
    if (run.size() < settings.sequentialMinCalls()) {
      return;
    }
    long sum = 0;
    long longest = 0;
    Set<String> names = new LinkedHashSet<>();
    for (Node call : run) {
      sum += call.duration();
      longest = Math.max(longest, call.duration());
      names.add(call.name());
    }
    long saved = sum - longest;
    if (saved < settings.sequentialMinSavedMicros()) {
      return;
    }
    StringBuilder listed = new StringBuilder();
    int i = 0;
    for (String name : names) {
      if (i == NAMES_IN_MESSAGE) {
        listed.append(", ...");
        break;
      }
      listed.append(i == 0 ? "" : ", ").append(Names.quote(name));
      i++;
    }
    String message = run.size() + " calls under " + Names.parent(parent, run.get(0)) + " ran one after another ("
        + listed + ") for " + Durations.format(sum) + "; nothing in the trace shows they depend on each other, "
        + "so running them in parallel could save " + Durations.format(saved) + ".";
    out.add(FindingType.SEQUENTIAL_CALLS, saved, List.copyOf(run), message);
  }
}
