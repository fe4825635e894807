package dev.tracekit.collector.storage.postgres;

import dev.tracekit.collector.storage.Severity;
import dev.tracekit.collector.storage.TraceId;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.otlp.OtlpLogsCodec;
import java.util.List;

/** The column values of one log row. */
record LogRow(long timeNanos, byte[] traceId, long spanId, String service, int severity, String body, byte[] payload) {

  static LogRow of(LogRecordData log) {
    return new LogRow(
        log.epochNanos(),
        log.hasTrace() ? new TraceId(log.traceIdHigh(), log.traceIdLow()).toBytes() : null,
        log.spanId(),
        Text.searchable(log.resource().serviceName()),
        Severity.effective(log),
        Text.searchable(log.body()),
        OtlpLogsCodec.encode(List.of(log)));
  }
}
