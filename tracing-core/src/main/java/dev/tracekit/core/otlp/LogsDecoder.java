package dev.tracekit.core.otlp;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.Resource;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code ExportLogsServiceRequest} strictly (see {@link ProtoReader}). */
final class LogsDecoder {

  private LogsDecoder() {}

  static List<LogRecordData> decode(byte[] payload) {
    ProtoReader r = new ProtoReader(payload);
    List<LogRecordData> out = new ArrayList<>();
    long[] ids = new long[3];
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 1) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "ExportLogsServiceRequest.resource_logs");
        int outer = r.enter("ResourceLogs");
        readResourceLogs(r, out, ids);
        r.leave(outer);
      } else {
        r.skip(tag);
      }
    }
    return out;
  }

  /** Reads the resource first (fields may come in any order), then the scope logs. */
  private static void readResourceLogs(ProtoReader r, List<LogRecordData> out, long[] ids) {
    int start = r.position();
    Attributes.Builder attributes = null;
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 1) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "ResourceLogs.resource");
        if (attributes == null) {
          attributes = Attributes.builder();
        }
        CommonMessages.readResource(r, attributes, "ResourceLogs.resource");
      } else {
        r.skip(tag);
      }
    }
    Resource resource = attributes == null ? Resource.empty() : new Resource(attributes.build());
    r.seek(start);
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 2) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "ResourceLogs.scope_logs");
        int outer = r.enter("ScopeLogs");
        readScopeLogs(r, resource, out, ids);
        r.leave(outer);
      } else {
        r.skip(tag);
      }
    }
  }

  private static void readScopeLogs(ProtoReader r, Resource resource, List<LogRecordData> out, long[] ids) {
    int start = r.position();
    String[] nameAndVersion = {"", null};
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 1) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "ScopeLogs.scope");
        CommonMessages.readScope(r, nameAndVersion, "ScopeLogs.scope");
      } else {
        r.skip(tag);
      }
    }
    InstrumentationScope scope = CommonMessages.toScope(nameAndVersion);
    r.seek(start);
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (ProtoReader.fieldNumber(tag) == 2) {
        r.expect(tag, ProtoWriter.WIRE_LEN, "ScopeLogs.log_records");
        out.add(readLogRecord(r, resource, scope, ids));
      } else {
        r.skip(tag);
      }
    }
  }

  private static LogRecordData readLogRecord(
      ProtoReader r, Resource resource, InstrumentationScope scope, long[] ids) {
    int outer = r.enter("LogRecord");
    ids[0] = 0;
    ids[1] = 0;
    ids[2] = 0;
    long time = 0;
    long observed = 0;
    int severityNumber = 0;
    String severityText = "";
    Object body = null;
    Attributes.Builder attributes = null;
    int flags = 0;
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (ProtoReader.fieldNumber(tag)) {
        case 1 -> {
          r.expect(tag, ProtoWriter.WIRE_FIXED64, "LogRecord.time_unix_nano");
          time = r.readFixed64("LogRecord.time_unix_nano");
        }
        case 2 -> {
          r.expect(tag, ProtoWriter.WIRE_VARINT, "LogRecord.severity_number");
          severityNumber = r.readVarint32("LogRecord.severity_number");
        }
        case 3 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "LogRecord.severity_text");
          severityText = r.readString("LogRecord.severity_text");
        }
        case 5 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "LogRecord.body");
          body = CommonMessages.readAnyValue(r, "LogRecord.body");
        }
        case 6 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "LogRecord.attributes");
          if (attributes == null) {
            attributes = Attributes.builder();
          }
          CommonMessages.readKeyValue(r, attributes, "LogRecord.attributes");
        }
        case 8 -> {
          r.expect(tag, ProtoWriter.WIRE_FIXED32, "LogRecord.flags");
          flags = r.readFixed32("LogRecord.flags");
        }
        case 9 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "LogRecord.trace_id");
          if (r.readId("LogRecord.trace_id", 16, true, ids, 0) == 0) {
            ids[0] = 0;
            ids[1] = 0;
          }
        }
        case 10 -> {
          r.expect(tag, ProtoWriter.WIRE_LEN, "LogRecord.span_id");
          if (r.readId("LogRecord.span_id", 8, true, ids, 2) == 0) {
            ids[2] = 0;
          }
        }
        case 11 -> {
          r.expect(tag, ProtoWriter.WIRE_FIXED64, "LogRecord.observed_time_unix_nano");
          observed = r.readFixed64("LogRecord.observed_time_unix_nano");
        }
        default -> r.skip(tag); // dropped_attributes_count, event_name: not in our model
      }
    }
    r.leave(outer);
    return new LogRecordData(
        time,
        observed,
        severityNumber,
        severityText,
        bodyText(body),
        attributes == null ? Attributes.empty() : attributes.build(),
        ids[0],
        ids[1],
        ids[2],
        flags & 0xFF,
        resource,
        scope);
  }

  private static String bodyText(Object body) {
    return body == null ? "" : body instanceof String s ? s : String.valueOf(body);
  }
}
