package dev.tracekit.testcontainers;

import java.util.Map;
import java.util.Objects;

/**
 * One span as the collector stored it. Times are microseconds (start since the epoch);
 * attribute values keep their JSON types: {@link String}, {@link Long}, {@link Double},
 * {@link Boolean} or a {@link java.util.List} of those.
 *
 * @param traceId 32 lowercase hex chars
 * @param spanId 16 lowercase hex chars
 * @param parentSpanId the parent's span id, or null for a root span
 * @param name the span name, e.g. {@code GET /api/orders/{id}}
 * @param kind {@code SERVER}, {@code CLIENT}, {@code INTERNAL}, {@code PRODUCER} or {@code CONSUMER}
 * @param service the {@code service.name} of the process that recorded the span
 * @param startMicros start, microseconds since the epoch
 * @param durationMicros duration in microseconds
 * @param status {@code UNSET}, {@code OK} or {@code ERROR}
 * @param statusMessage the status description, or null
 * @param attributes the span's attributes
 */
public record CollectedSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    String kind,
    String service,
    long startMicros,
    long durationMicros,
    String status,
    String statusMessage,
    Map<String, Object> attributes) {

  public CollectedSpan {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    attributes = Map.copyOf(attributes);
  }

  /** Whether the span has no parent. */
  public boolean isRoot() {
    return parentSpanId == null;
  }

  /** Whether the span's status is ERROR. */
  public boolean isError() {
    return "ERROR".equals(status);
  }

  /** The end, microseconds since the epoch. */
  public long endMicros() {
    return startMicros + durationMicros;
  }

  /** An attribute's value, or null when the span does not have it. */
  public Object attribute(String key) {
    return attributes.get(key);
  }

  @Override
  public String toString() {
    return service + " " + kind + " '" + name + "' " + spanId + (parentSpanId == null ? "" : " <- " + parentSpanId)
        + " " + durationMicros + " us" + (isError() ? " ERROR" : "");
  }
}
