package dev.tracekit.collector.storage.postgres;

import dev.tracekit.collector.storage.AttributeText;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The column values of one span row; ordered by (trace id, span id) as the database orders keys. */
record SpanRow(
    byte[] traceId,
    long spanId,
    long parentSpanId,
    String service,
    String name,
    long startNanos,
    long endNanos,
    boolean error,
    String tagsJson,
    byte[] payload) implements Comparable<SpanRow> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static SpanRow of(SpanData span) {
    Map<String, String> tags = new LinkedHashMap<>();
    span.attributes().forEach((k, v) -> tags.put(Text.searchable(k), Text.searchable(AttributeText.of(v))));
    return new SpanRow(
        TraceId.of(span).toBytes(),
        span.context().spanId(),
        span.parentSpanId(),
        Text.searchable(span.serviceName()),
        Text.searchable(span.name()),
        span.startEpochNanos(),
        span.endEpochNanos(),
        span.statusCode() == StatusCode.ERROR,
        JSON.writeValueAsString(tags),
        OtlpTraceCodec.encode(List.of(span)));
  }

  @Override
  public int compareTo(SpanRow o) {
    int c = Arrays.compareUnsigned(traceId, o.traceId);
    return c != 0 ? c : Long.compare(spanId, o.spanId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpanRow r && Arrays.equals(traceId, r.traceId) && spanId == r.spanId;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(traceId) + Long.hashCode(spanId);
  }

  @Override
  public String toString() {
    return TraceId.fromBytes(traceId) + "/" + Long.toHexString(spanId);
  }
}
