package dev.tracekit.collector.storage;

import dev.tracekit.core.LogRecordData;
import java.util.Locale;

/**
 * A log search; unset criteria match everything. {@code minSeverity} is an OTel severity number
 * (a log matches at that level or above, see {@link Severity}); {@code text} is a
 * case-insensitive substring of the body. Results are the newest logs first, at most
 * {@code limit}.
 */
public record LogQuery(
    TraceId traceId,
    long spanId,
    String service,
    int minSeverity,
    String text,
    long startEpochNanos,
    long endEpochNanos,
    int limit) {

  public LogQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    text = text == null || text.isEmpty() ? null : text;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code log} matches every criterion. Stores may narrow with indexes first. */
  public boolean matches(LogRecordData log) {
    if (traceId != null && (log.traceIdHigh() != traceId.high() || log.traceIdLow() != traceId.low())) {
      return false;
    }
    if (spanId != 0 && log.spanId() != spanId) {
      return false;
    }
    if (service != null && !service.equals(log.resource().serviceName())) {
      return false;
    }
    if (minSeverity > 0 && Severity.effective(log) < minSeverity) {
      return false;
    }
    if (log.epochNanos() < startEpochNanos || log.epochNanos() > endEpochNanos) {
      return false;
    }
    return text == null || log.body().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
  }

  /** Collects criteria. */
  public static final class Builder {
    private TraceId traceId;
    private long spanId;
    private String service;
    private int minSeverity;
    private String text;
    private long startEpochNanos;
    private long endEpochNanos = Long.MAX_VALUE;
    private int limit = 100;

    private Builder() {}

    public Builder traceId(TraceId traceId) {
      this.traceId = traceId;
      return this;
    }

    public Builder spanId(long spanId) {
      this.spanId = spanId;
      return this;
    }

    public Builder service(String service) {
      this.service = service;
      return this;
    }

    public Builder minSeverity(int minSeverity) {
      this.minSeverity = minSeverity;
      return this;
    }

    public Builder text(String text) {
      this.text = text;
      return this;
    }

    public Builder startEpochNanos(long nanos) {
      this.startEpochNanos = nanos;
      return this;
    }

    public Builder endEpochNanos(long nanos) {
      this.endEpochNanos = nanos;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public LogQuery build() {
      return new LogQuery(traceId, spanId, service, minSeverity, text, startEpochNanos, endEpochNanos, limit);
    }
  }
}
