package dev.tracekit.analysis;

import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import java.util.ArrayList;
import java.util.List;

/** A span placed in the tree, with the working state of the analysis. Mutable, package-private. */
final class Node {

  private static final String HOST_NAME = "host.name";

  /** The span, or null for the synthetic root. */
  final SpanData span;
  /** Position among the trace's kept spans: a stable tie-breaker and an array index. */
  final int index;
  final long spanId;
  final SpanKind kind;
  final String service;
  /** {@code host.name} of the span's resource, or null. */
  final String host;
  /** Times as reported, in microseconds since the epoch; end never before start. */
  final long reportedStart;
  final long reportedEnd;

  /** Times after clock-skew correction. */
  long start;
  long end;
  /** The tree parent; the synthetic root for top-level spans, null only for the synthetic root. */
  Node parent;
  /** For a server span sharing its span id with a client span (Zipkin style): that client. */
  Node sharedClient;
  List<Node> children = List.of();
  boolean orphan;
  /** Clock-skew shift applied to this span, its own plus its ancestors'. */
  long shift;
  int depth;
  long selfTime;

  private Node(SpanData span, int index) {
    this.span = span;
    this.index = index;
    if (span == null) {
      this.spanId = 0;
      this.kind = SpanKind.INTERNAL;
      this.service = "";
      this.host = null;
      this.reportedStart = 0;
      this.reportedEnd = 0;
    } else {
      this.spanId = span.context().spanId();
      this.kind = span.kind();
      this.service = span.serviceName();
      this.host = span.resource().attributes().getString(HOST_NAME);
      long s = Math.floorDiv(span.startEpochNanos(), 1_000L);
      long e = Math.floorDiv(span.endEpochNanos(), 1_000L);
      this.reportedStart = s;
      this.reportedEnd = Math.max(s, e);
    }
    this.start = reportedStart;
    this.end = reportedEnd;
  }

  static Node of(SpanData span, int index) {
    return new Node(span, index);
  }

  static Node syntheticRoot() {
    return new Node(null, -1);
  }

  boolean isSynthetic() {
    return span == null;
  }

  boolean isError() {
    return span != null && span.statusCode() == dev.tracekit.core.StatusCode.ERROR;
  }

  long duration() {
    return end - start;
  }

  String name() {
    return span == null ? "(trace)" : span.name();
  }

  String spanIdHex() {
    return span == null ? TraceAnalysis.SYNTHETIC_ROOT_SPAN_ID : span.spanIdHex();
  }

  void addChild(Node child) {
    if (children.isEmpty()) {
      children = new ArrayList<>(4);
    }
    children.add(child);
  }
}
