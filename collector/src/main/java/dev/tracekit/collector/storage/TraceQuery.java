package dev.tracekit.collector.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trace search. A trace matches when all given criteria hold:
 *
 * <ul>
 *   <li>{@code service}: one of its spans belongs to the service;
 *   <li>{@code operation}: one of its spans has this name (and the service, when given);
 *   <li>{@code tags}: for each {@code key=value}, one of its spans has that attribute, compared
 *       as text (see {@link AttributeText});
 *   <li>{@code minDurationNanos}/{@code maxDurationNanos}: bounds on the trace's duration;
 *   <li>{@code startEpochNanos}/{@code endEpochNanos}: the trace's start lies in this window;
 *   <li>{@code error}: whether the trace has a span with error status.
 * </ul>
 *
 * Results are the newest traces first (by start), at most {@code limit}.
 */
public record TraceQuery(
    String service,
    String operation,
    Map<String, String> tags,
    long minDurationNanos,
    long maxDurationNanos,
    long startEpochNanos,
    long endEpochNanos,
    Boolean error,
    int limit) {

  public TraceQuery {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether a trace with these facts passes the duration, time and error criteria. */
  public boolean acceptsSummary(long startNanos, long durationNanos, boolean hasError) {
    return startNanos >= startEpochNanos
        && startNanos <= endEpochNanos
        && durationNanos >= minDurationNanos
        && durationNanos <= maxDurationNanos
        && (error == null || error == hasError);
  }

  /** Collects criteria; unset ones match everything. */
  public static final class Builder {
    private String service;
    private String operation;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private long minDurationNanos;
    private long maxDurationNanos = Long.MAX_VALUE;
    private long startEpochNanos;
    private long endEpochNanos = Long.MAX_VALUE;
    private Boolean error;
    private int limit = 20;

    private Builder() {}

    public Builder service(String service) {
      this.service = service;
      return this;
    }

    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    public Builder tag(String key, String value) {
      tags.put(key, value);
      return this;
    }

    public Builder minDurationNanos(long nanos) {
      this.minDurationNanos = nanos;
      return this;
    }

    public Builder maxDurationNanos(long nanos) {
      this.maxDurationNanos = nanos;
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

    public Builder error(Boolean error) {
      this.error = error;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public TraceQuery build() {
      return new TraceQuery(service, operation, tags, minDurationNanos, maxDurationNanos,
          startEpochNanos, endEpochNanos, error, limit);
    }
  }
}
