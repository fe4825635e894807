package dev.tracekit.testcontainers;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A trace as the collector stored it: its spans (in the collector's order, by start time) and
 * the log records written in it.
 *
 * @param traceId 32 lowercase hex chars
 * @param spans the spans stored so far
 * @param logs the log records stored so far
 */
public record CollectedTrace(String traceId, List<CollectedSpan> spans, List<CollectedLog> logs) {

  public CollectedTrace {
    spans = List.copyOf(spans);
    logs = List.copyOf(logs);
  }

  /** The span with this id, if stored. */
  public Optional<CollectedSpan> span(String spanId) {
    return spans.stream().filter(s -> s.spanId().equals(spanId)).findFirst();
  }

  /** The spans without a parent: exactly one in a complete trace. */
  public List<CollectedSpan> roots() {
    return spans.stream().filter(CollectedSpan::isRoot).toList();
  }

  /** The spans whose parent is {@code parent}. */
  public List<CollectedSpan> childrenOf(CollectedSpan parent) {
    return spans.stream().filter(s -> parent.spanId().equals(s.parentSpanId())).toList();
  }

  /** The parent of {@code span}, if it is stored. */
  public Optional<CollectedSpan> parentOf(CollectedSpan span) {
    return span.parentSpanId() == null ? Optional.empty() : span(span.parentSpanId());
  }

  /** The spans of one service and kind ({@code SERVER}, {@code CLIENT}, ...). */
  public List<CollectedSpan> spans(String service, String kind) {
    return spans.stream().filter(s -> s.service().equals(service) && s.kind().equals(kind)).toList();
  }

  /** The services that recorded spans, sorted. */
  public Set<String> services() {
    return spans.stream().map(CollectedSpan::service).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The log records of one service. */
  public List<CollectedLog> logs(String service) {
    return logs.stream().filter(l -> service.equals(l.service())).toList();
  }

  /** One line per span, for failure messages. */
  public String describe() {
    StringBuilder out = new StringBuilder("trace ").append(traceId).append(": ").append(spans.size())
        .append(" spans, ").append(logs.size()).append(" logs");
    spans.forEach(s -> out.append("\n  ").append(s));
    return out.toString();
  }
}
