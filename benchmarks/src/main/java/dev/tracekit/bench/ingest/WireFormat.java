package dev.tracekit.bench.ingest;

import dev.tracekit.bench.spans.ZipkinSpans;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.util.List;

/** How a load client sends spans: the endpoint, the body's encoding and its headers. */
enum WireFormat {
  /** OTLP/HTTP protobuf in an LZ4 frame: TraceKit's own fast path. */
  OTLP_LZ4("OTLP protobuf + LZ4", "/v1/traces", "application/x-protobuf", "lz4"),
  /** Zipkin v2 JSON, uncompressed, as Zipkin's reporters send it by default. */
  ZIPKIN_JSON("Zipkin v2 JSON", "/api/v2/spans", "application/json", null);

  final String label;
  final String path;
  final String contentType;
  /** Content-Encoding header, or null for none. */
  final String contentEncoding;

  WireFormat(String label, String path, String contentType, String contentEncoding) {
    this.label = label;
    this.path = path;
    this.contentType = contentType;
    this.contentEncoding = contentEncoding;
  }

  byte[] encode(List<SpanData> batch) {
    return switch (this) {
      case OTLP_LZ4 -> Compression.LZ4.compress(OtlpTraceCodec.encode(batch));
      case ZIPKIN_JSON -> ZipkinSpans.json(batch);
    };
  }
}
