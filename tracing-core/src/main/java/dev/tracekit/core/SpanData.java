package dev.tracekit.core;

import java.util.List;

/**
 * A finished span as exporters, the codec and the collector see it. Implementations are
 * immutable once published (the recording span publishes itself when it ends).
 */
public interface SpanData {

  TraceContext context();

  /** The parent's span id, or 0 for a root span. */
  long parentSpanId();

  String name();

  SpanKind kind();

  long startEpochNanos();

  long endEpochNanos();

  Attributes attributes();

  List<EventData> events();

  List<LinkData> links();

  StatusCode statusCode();

  /** The status description, or empty. Only meaningful for {@link StatusCode#ERROR}. */
  String statusMessage();

  Resource resource();

  InstrumentationScope scope();

  int droppedAttributesCount();

  int droppedEventsCount();

  int droppedLinksCount();

  default String traceIdHex() {
    return context().traceIdHex();
  }

  default String spanIdHex() {
    return context().spanIdHex();
  }

  /** The parent span id as hex, or null for a root span. */
  default String parentSpanIdHex() {
    return parentSpanId() == 0 ? null : Ids.toHex(parentSpanId());
  }

  default long durationNanos() {
    return endEpochNanos() - startEpochNanos();
  }

  default String serviceName() {
    return resource().serviceName();
  }

  static SpanDataBuilder builder() {
    return new SpanDataBuilder();
  }
}
