package dev.tracekit.collector.storage;

import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import java.util.List;

/** The spans of one trace ordered by start time, and the logs written within it ordered by time. */
public record StoredTrace(TraceId traceId, List<SpanData> spans, List<LogRecordData> logs) {

  public StoredTrace {
    spans = List.copyOf(spans);
    logs = List.copyOf(logs);
  }
}
