package dev.tracekit.core.otlp;

import dev.tracekit.core.LogRecordData;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * OTLP/protobuf {@code ExportLogsServiceRequest} encoder and decoder, written by hand and
 * byte-compatible with the {@code opentelemetry-proto} generated classes.
 *
 * <p>Records are grouped by resource, then scope. A record carries times, severity number and
 * text, a string body (omitted when empty), attributes, the W3C trace flags (low 8 bits of
 * {@code flags}) and the trace and span ids (omitted when zero).
 */
public final class OtlpLogsCodec {

  private OtlpLogsCodec() {}

  /** Encodes {@code logs} as one {@code ExportLogsServiceRequest}. */
  public static byte[] encode(Collection<LogRecordData> logs) {
    Objects.requireNonNull(logs, "logs");
    return LogsEncoder.encode(logs);
  }

  /**
   * Decodes an {@code ExportLogsServiceRequest}, as strictly as {@link OtlpTraceCodec#decode}:
   * ids must be empty or exactly 16 (trace) / 8 (span) bytes. A body that is not a string is
   * rendered as one (numbers and booleans as text, arrays as {@code [a, b]}, bytes as base64).
   *
   * @throws MalformedPayloadException for anything that is not a valid request; no other
   *     exception escapes for any input
   */
  public static List<LogRecordData> decode(byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    return LogsDecoder.decode(payload);
  }
}
