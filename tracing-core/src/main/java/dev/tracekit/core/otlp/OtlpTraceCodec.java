package dev.tracekit.core.otlp;

import dev.tracekit.core.SpanData;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * OTLP/protobuf {@code ExportTraceServiceRequest} encoder and decoder, written by hand and
 * byte-compatible with the {@code opentelemetry-proto} generated classes (fields in number
 * order, proto3 defaults omitted).
 *
 * <p>Encoding groups spans by resource, then by scope, into {@code ResourceSpans} and
 * {@code ScopeSpans}. A span's {@code flags} carry the W3C trace flags in the low 8 bits;
 * whether its parent was remote is not part of {@link SpanData}, so the span's
 * "has is-remote" bit is left unset (the proto's "unknown"). A link's flags carry the W3C flags
 * and its context's remote bit, marked known.
 *
 * <p>Decoding is strict and safe for untrusted input: see {@link #decode(byte[])}.
 */
public final class OtlpTraceCodec {

  static final int FLAGS_HAS_IS_REMOTE = 0x100;
  static final int FLAGS_IS_REMOTE = 0x200;

  private OtlpTraceCodec() {}

  /** Encodes {@code spans} as one {@code ExportTraceServiceRequest}. */
  public static byte[] encode(Collection<? extends SpanData> spans) {
    Objects.requireNonNull(spans, "spans");
    return TraceEncoder.encode(spans);
  }

  /**
   * Decodes an {@code ExportTraceServiceRequest}. Strict and safe on untrusted bytes: every
   * length is checked against what is left, unknown fields are skipped by wire type, ids must
   * have their exact lengths (trace id 16 bytes, span id 8, parent span id 0 or 8) and a span's
   * own ids must not be all zeros. At most {@value CommonMessages#MAX_DECODED_ATTRIBUTES}
   * attributes are kept per span, event, link or resource; the rest add to the dropped count.
   * Values without an attribute type of ours become strings (bytes as base64).
   *
   * @throws MalformedPayloadException for anything that is not a valid request; no other
   *     exception escapes for any input
   */
  public static List<SpanData> decode(byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    return TraceDecoder.decode(payload);
  }
}
