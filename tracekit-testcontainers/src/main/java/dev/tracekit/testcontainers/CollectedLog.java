package dev.tracekit.testcontainers;

import java.util.Map;

/**
 * One log record as the collector stored it.
 *
 * @param timeMicros when it was logged, microseconds since the epoch
 * @param traceId the trace it was logged in (32 lowercase hex chars), or null
 * @param spanId the span it was logged in, or null
 * @param service the {@code service.name} of the process that logged it
 * @param level {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR} or {@code FATAL}
 * @param body the message
 * @param attributes the record's attributes (e.g. {@code logger.name}), JSON-typed like span attributes
 */
public record CollectedLog(
    long timeMicros,
    String traceId,
    String spanId,
    String service,
    String level,
    String body,
    Map<String, Object> attributes) {

  public CollectedLog {
    attributes = Map.copyOf(attributes);
  }

  /** An attribute's value, or null when the record does not have it. */
  public Object attribute(String key) {
    return attributes.get(key);
  }

  @Override
  public String toString() {
    return service + " " + level + " " + body;
  }
}
