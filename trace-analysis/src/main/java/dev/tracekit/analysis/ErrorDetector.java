package dev.tracekit.analysis;

import dev.tracekit.core.EventData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Errors where they started: spans with status ERROR none of whose descendants failed. Spans of
 * one operation make one finding. An error is at least a WARNING, and CRITICAL when the trace's
 * root span failed too (the request failed), whatever the time at stake (the failed spans'
 * duration).
 */
final class ErrorDetector implements Detector {

  private static final int MAX_MESSAGE_CHARS = 160;

  @Override
  public void detect(TraceTree tree, FindingCollector out) {
    boolean[] failedBelow = new boolean[tree.nodes.size()];
    Map<String, List<Node>> origins = new LinkedHashMap<>();
    for (int i = tree.nodes.size() - 1; i >= 0; i--) {
      Node node = tree.nodes.get(i);
      boolean error = node.isError();
      if ((error || failedBelow[node.index]) && !node.parent.isSynthetic()) {
        failedBelow[node.parent.index] = true;
      }
      if (error && !failedBelow[node.index]) {
        origins.computeIfAbsent(node.service + '\u0000' + node.name(), k -> new ArrayList<>()).add(node);
      }
    }
    boolean requestFailed = false;
    for (Node top : tree.root.children) {
      requestFailed |= top.isError() && !top.orphan;
    }
    for (List<Node> spans : origins.values()) {
      spans.sort((a, b) -> a.start != b.start ? Long.compare(a.start, b.start) : Integer.compare(a.index, b.index));
      Node first = spans.get(0);
      long total = 0;
      for (Node span : spans) {
        total += span.duration();
      }
      String message = Names.quote(first.name()) + " in " + first.service + " failed"
          + (spans.size() > 1 ? " " + spans.size() + " times" : "") + ": " + reason(first)
          + (requestFailed ? "; the request failed." : "; the request still completed.");
      out.add(FindingType.ERROR, total, spans, message, requestFailed ? Severity.CRITICAL : Severity.WARNING);
    }
  }

  /** The status message, else the exception event's type and message, else the HTTP status. */
  private static String reason(Node node) {
    String status = node.span.statusMessage();
    if (status != null && !status.isBlank()) {
      return Names.cut(status.strip(), MAX_MESSAGE_CHARS);
    }
    for (EventData event : node.span.events()) {
      if ("exception".equals(event.name())) {
        String type = event.attributes().getString("exception.type");
        String text = event.attributes().getString("exception.message");
        String reason = type == null ? text : text == null ? type : type + ": " + text;
        if (reason != null && !reason.isBlank()) {
          return Names.cut(reason.strip(), MAX_MESSAGE_CHARS);
        }
      }
    }
    long http = SpanSemantics.httpStatus(node.span);
    return http > 0 ? "HTTP " + http : "no message";
  }
}
