package dev.tracekit.core;

import java.util.Objects;

/**
 * One log event as OTLP {@code LogRecord}: times in epoch nanos, OTel severity number (1..24;
 * 0 = unspecified) and text, a string body, attributes, and the trace/span it was written in
 * (zero ids when outside a trace).
 */
public record LogRecordData(
    long epochNanos,
    long observedEpochNanos,
    int severityNumber,
    String severityText,
    String body,
    Attributes attributes,
    long traceIdHigh,
    long traceIdLow,
    long spanId,
    int traceFlags,
    Resource resource,
    InstrumentationScope scope) {

  public LogRecordData {
    severityText = severityText == null ? "" : severityText;
    body = body == null ? "" : body;
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(scope, "scope");
  }

  public boolean hasTrace() {
    return (traceIdHigh | traceIdLow) != 0L;
  }

  /** The trace id as 32 hex chars, or null outside a trace. */
  public String traceIdHex() {
    return hasTrace() ? Ids.toHex(traceIdHigh, traceIdLow) : null;
  }

  /** The span id as 16 hex chars, or null outside a span. */
  public String spanIdHex() {
    return spanId == 0 ? null : Ids.toHex(spanId);
  }
}
