package dev.tracekit.core.otlp;

import dev.tracekit.core.LogRecordData;
import java.util.Collection;
import java.util.List;

/** Writes {@code ExportLogsServiceRequest} in two passes (see {@link ProtoWriter}). */
final class LogsEncoder {

  // ExportLogsServiceRequest.resource_logs, ResourceLogs.resource, ScopeLogs.scope: 1, LEN
  private static final int TAG_FIELD1_LEN = 0x0A;
  // ResourceLogs.scope_logs, ScopeLogs.log_records: 2, LEN
  private static final int TAG_FIELD2_LEN = 0x12;

  private static final int TAG_TIME = 0x09;
  private static final int TAG_SEVERITY_NUMBER = 0x10;
  private static final int TAG_SEVERITY_TEXT = 0x1A;
  private static final int TAG_BODY = 0x2A;
  private static final int TAG_ATTRIBUTES = 0x32;
  private static final int TAG_FLAGS = 0x45;
  private static final int TAG_TRACE_ID = 0x4A;
  private static final int TAG_SPAN_ID = 0x52;
  private static final int TAG_OBSERVED_TIME = 0x59;

  private LogsEncoder() {}

  static byte[] encode(Collection<LogRecordData> logs) {
    List<Grouping.ResourceGroup<LogRecordData>> groups =
        Grouping.group(logs, LogRecordData::resource, LogRecordData::scope);
    ProtoWriter w = ProtoWriter.get();
    int size = 0;
    for (Grouping.ResourceGroup<LogRecordData> group : groups) {
      int slot = w.reserve();
      int resourceLogs = sizeResourceLogs(w, group);
      w.fill(slot, resourceLogs);
      size += 1 + ProtoWriter.delimited(resourceLogs);
    }
    w.startWriting(size);
    for (Grouping.ResourceGroup<LogRecordData> group : groups) {
      w.writeByte(TAG_FIELD1_LEN);
      w.writeLength();
      writeResourceLogs(w, group);
    }
    return w.finish();
  }

  private static int sizeResourceLogs(ProtoWriter w, Grouping.ResourceGroup<LogRecordData> group) {
    int slot = w.reserve();
    int resource = CommonMessages.sizeResource(w, group.resource());
    w.fill(slot, resource);
    int n = 1 + ProtoWriter.delimited(resource);
    for (Grouping.ScopeGroup<LogRecordData> scopeGroup : group.scopes()) {
      int scopeLogsSlot = w.reserve();
      int scopeLogs = sizeScopeLogs(w, scopeGroup);
      w.fill(scopeLogsSlot, scopeLogs);
      n += 1 + ProtoWriter.delimited(scopeLogs);
    }
    return n;
  }

  private static void writeResourceLogs(ProtoWriter w, Grouping.ResourceGroup<LogRecordData> group) {
    w.writeByte(TAG_FIELD1_LEN);
    w.writeLength();
    CommonMessages.writeResource(w, group.resource());
    for (Grouping.ScopeGroup<LogRecordData> scopeGroup : group.scopes()) {
      w.writeByte(TAG_FIELD2_LEN);
      w.writeLength();
      writeScopeLogs(w, scopeGroup);
    }
  }

  private static int sizeScopeLogs(ProtoWriter w, Grouping.ScopeGroup<LogRecordData> group) {
    int slot = w.reserve();
    int scope = CommonMessages.sizeScope(w, group.scope());
    w.fill(slot, scope);
    int n = 1 + ProtoWriter.delimited(scope);
    List<LogRecordData> records = group.items();
    for (int i = 0, size = records.size(); i < size; i++) {
      int recordSlot = w.reserve();
      int record = sizeLogRecord(w, records.get(i));
      w.fill(recordSlot, record);
      n += 1 + ProtoWriter.delimited(record);
    }
    return n;
  }

  private static void writeScopeLogs(ProtoWriter w, Grouping.ScopeGroup<LogRecordData> group) {
    w.writeByte(TAG_FIELD1_LEN);
    w.writeLength();
    CommonMessages.writeScope(w, group.scope());
    List<LogRecordData> records = group.items();
    for (int i = 0, size = records.size(); i < size; i++) {
      w.writeByte(TAG_FIELD2_LEN);
      w.writeLength();
      writeLogRecord(w, records.get(i));
    }
  }

  private static int sizeLogRecord(ProtoWriter w, LogRecordData log) {
    int n = log.epochNanos() != 0 ? 9 : 0;
    if (log.severityNumber() != 0) {
      n += 1 + ProtoWriter.varintSize(log.severityNumber());
    }
    if (!log.severityText().isEmpty()) {
      n += 1 + ProtoWriter.delimited(w.sizeString(log.severityText()));
    }
    if (!log.body().isEmpty()) {
      n += CommonMessages.sizeAnyValueField(w, log.body());
    }
    n += CommonMessages.sizeAttributes(w, log.attributes());
    if ((log.traceFlags() & 0xFF) != 0) {
      n += 5;
    }
    if (log.hasTrace()) {
      n += 18;
    }
    if (log.spanId() != 0) {
      n += 10;
    }
    if (log.observedEpochNanos() != 0) {
      n += 9;
    }
    return n;
  }

  private static void writeLogRecord(ProtoWriter w, LogRecordData log) {
    if (log.epochNanos() != 0) {
      w.writeByte(TAG_TIME);
      w.writeFixed64(log.epochNanos());
    }
    if (log.severityNumber() != 0) {
      w.writeByte(TAG_SEVERITY_NUMBER);
      w.writeVarint32(log.severityNumber());
    }
    if (!log.severityText().isEmpty()) {
      w.writeByte(TAG_SEVERITY_TEXT);
      w.writeString(log.severityText());
    }
    if (!log.body().isEmpty()) {
      CommonMessages.writeAnyValueField(w, TAG_BODY, log.body());
    }
    CommonMessages.writeAttributes(w, TAG_ATTRIBUTES, log.attributes());
    if ((log.traceFlags() & 0xFF) != 0) {
      w.writeByte(TAG_FLAGS);
      w.writeFixed32(log.traceFlags() & 0xFF);
    }
    if (log.hasTrace()) {
      w.writeByte(TAG_TRACE_ID);
      w.writeByte(16);
      w.writeIdBytes(log.traceIdHigh());
      w.writeIdBytes(log.traceIdLow());
    }
    if (log.spanId() != 0) {
      w.writeByte(TAG_SPAN_ID);
      w.writeByte(8);
      w.writeIdBytes(log.spanId());
    }
    if (log.observedEpochNanos() != 0) {
      w.writeByte(TAG_OBSERVED_TIME);
      w.writeFixed64(log.observedEpochNanos());
    }
  }
}
