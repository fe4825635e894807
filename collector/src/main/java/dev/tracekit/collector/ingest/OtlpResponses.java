package dev.tracekit.collector.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies OTLP/HTTP answers with, in the request's encoding. Encoded by hand: each is one or
 * two fields.
 *
 * <ul>
 *   <li>{@code ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1 }} with
 *       {@code { int64 rejected_spans = 1; string error_message = 2 }} (logs:
 *       {@code rejected_log_records}); empty when everything was accepted;
 *   <li>{@code google.rpc.Status { int32 code = 1; string message = 2 }} for 4xx/5xx.
 * </ul>
 */
final class OtlpResponses {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

  /** gRPC status codes carried in {@code google.rpc.Status.code}. */
  static final int INVALID_ARGUMENT = 3;
  static final int RESOURCE_EXHAUSTED = 8;
  static final int INTERNAL = 13;
  static final int UNAVAILABLE = 14;
  static final int UNAUTHENTICATED = 16;

  private OtlpResponses() {}

  /** A success response; a partial success when {@code rejected > 0}. */
  static byte[] export(boolean json, IngestMetrics.Signal signal, long rejected, String errorMessage) {
    if (rejected <= 0) {
      return json ? EMPTY_JSON : EMPTY;
    }
    if (json) {
      Map<String, Object> partial = new LinkedHashMap<>();
      // proto3 JSON writes int64 as a string.
      partial.put(signal == IngestMetrics.Signal.SPANS ? "rejectedSpans" : "rejectedLogRecords", Long.toString(rejected));
      partial.put("errorMessage", errorMessage);
      return JSON.writeValueAsBytes(Map.of("partialSuccess", partial));
    }
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    writeTag(inner, 1, 0);
    writeVarint(inner, rejected);
    writeString(inner, 2, errorMessage);
    ByteArrayOutputStream out = new ByteArrayOutputStream(inner.size() + 4);
    writeTag(out, 1, 2);
    writeVarint(out, inner.size());
    out.writeBytes(inner.toByteArray());
    return out.toByteArray();
  }

  /** A {@code google.rpc.Status} with a gRPC code and a message. */
  static byte[] status(boolean json, int code, String message) {
    if (json) {
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("code", code);
      status.put("message", message);
      return JSON.writeValueAsBytes(status);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTag(out, 1, 0);
    writeVarint(out, code);
    writeString(out, 2, message);
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, int field, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeTag(out, field, 2);
    writeVarint(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeTag(ByteArrayOutputStream out, int field, int wireType) {
    writeVarint(out, ((long) field << 3) | wireType);
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
