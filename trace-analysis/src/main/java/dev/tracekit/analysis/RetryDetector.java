package dev.tracekit.analysis;

import dev.tracekit.core.SpanKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Excessive retries: one operation ({@link Operations#key}) attempted at least
 * {@link AnalysisSettings#retryMinAttempts()} times in a row under one parent, each attempt after
 * the first either following a failed one (status ERROR or HTTP 5xx) or marked as a resend
 * ({@code http.request.resend_count} > 0). The time at stake runs from the first attempt's start
 * to the last one's: what the failures and back-offs added.
 */
final class RetryDetector implements Detector {

  private final AnalysisSettings settings;

  RetryDetector(AnalysisSettings settings) {
    this.settings = settings;
  }

  @Override
  public void detect(TraceTree tree, FindingCollector out) {
    tree.forEachSiblingGroup((parent, siblings) -> {
      Map<String, List<Node>> open = new LinkedHashMap<>();
      for (Node call : siblings) {
        if (call.kind != SpanKind.CLIENT) {
          continue;
        }
        String key = Operations.key(call);
        List<Node> chain = open.get(key);
        if (chain != null) {
          Node previous = chain.get(chain.size() - 1);
          boolean retry = SpanSemantics.resendCount(call.span) > 0 || SpanSemantics.failed(previous.span);
          if (!retry) {
            report(parent, chain, out);
            chain = null;
          }
        }
        if (chain == null) {
          chain = new ArrayList<>();
          open.put(key, chain);
        }
        chain.add(call);
      }
      for (List<Node> chain : open.values()) {
        report(parent, chain, out);
      }
    });
  }

  private void report(Node parent, List<Node> attempts, FindingCollector out) {
    if (attempts.size() < settings.retryMinAttempts()) {
      return;
    }
    Node first = attempts.get(0);
    Node last = attempts.get(attempts.size() - 1);
    int failures = 0;
    for (Node attempt : attempts) {
      if (SpanSemantics.failed(attempt.span)) {
        failures++;
      }
    }
    long atStake = last.start - first.start;
    String peer = Operations.peer(first);
    String message = Names.quote(first.name()) + (peer.isEmpty() ? "" : " to " + peer) + " was attempted "
        + attempts.size() + " times under " + Names.parent(parent, first) + " ("
        + Names.plural(failures, "failure", "failures")
        + (SpanSemantics.failed(last.span) ? ", the last one too" : "") + "), which cost "
        + Durations.format(atStake) + "; find why it fails, and bound retries with back-off or a circuit breaker.";
    out.add(FindingType.EXCESSIVE_RETRIES, atStake, List.copyOf(attempts), message);
  }
}
