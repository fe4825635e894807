package dev.tracekit.bench.spans;

import dev.tracekit.core.Attributes;
import dev.tracekit.core.EventData;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.StatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/**
 * The same spans in Zipkin's model, mapped as OpenTelemetry's Zipkin exporter maps them: the
 * resource's {@code service.name} (and an address) becomes the local endpoint, a client span's
 * {@code server.address}/{@code server.port} the remote endpoint, attributes become string tags,
 * an error status the {@code error} and {@code otel.status_code} tags, the scope
 * {@code otel.scope.*} tags, events annotations ({@code "name":{attributes as JSON}}). Other
 * resource attributes have no place in Zipkin's model and are left out, as that exporter does.
 */
public final class ZipkinSpans {

  private static final Map<String, String> ADDRESSES = Map.of(
      TraceGenerator.GATEWAY, "10.0.1.10", TraceGenerator.AUTH, "10.0.1.11", TraceGenerator.DATA, "10.0.1.12");

  private ZipkinSpans() {}

  public static List<Span> of(List<SpanData> spans) {
    List<Span> out = new ArrayList<>(spans.size());
    for (SpanData span : spans) {
      out.add(of(span));
    }
    return out;
  }

  /** Zipkin v2 JSON of the spans, encoded by Zipkin's own encoder. */
  public static byte[] json(List<SpanData> spans) {
    return SpanBytesEncoder.JSON_V2.encodeList(of(spans));
  }

  public static Span of(SpanData span) {
    String service = span.serviceName();
    Span.Builder zipkin = Span.newBuilder()
        .traceId(span.context().traceIdHigh(), span.context().traceIdLow())
        .id(span.context().spanId())
        .name(span.name())
        .timestamp(span.startEpochNanos() / 1000)
        .duration(Math.max(1, span.durationNanos() / 1000))
        .localEndpoint(Endpoint.newBuilder().serviceName(service).ip(ADDRESSES.get(service)).build());
    if (span.parentSpanId() != 0) {
      zipkin.parentId(span.parentSpanId());
    }
    switch (span.kind()) {
      case SERVER -> zipkin.kind(Span.Kind.SERVER);
      case CLIENT -> zipkin.kind(Span.Kind.CLIENT);
      case PRODUCER -> zipkin.kind(Span.Kind.PRODUCER);
      case CONSUMER -> zipkin.kind(Span.Kind.CONSUMER);
      default -> {
        // INTERNAL has no Zipkin kind.
      }
    }
    Attributes attributes = span.attributes();
    Object peer = attributes.get("server.address");
    if (peer != null && (span.kind() == dev.tracekit.core.SpanKind.CLIENT
        || span.kind() == dev.tracekit.core.SpanKind.PRODUCER)) {
      Endpoint.Builder remote = Endpoint.newBuilder().serviceName(peer.toString());
      if (attributes.get("server.port") instanceof Long port) {
        remote.port(port.intValue());
      }
      zipkin.remoteEndpoint(remote.build());
    }
    attributes.forEach((key, value) -> zipkin.putTag(key, value.toString()));
    if (span.statusCode() == StatusCode.ERROR) {
      zipkin.putTag("otel.status_code", "ERROR");
      zipkin.putTag("error", span.statusMessage() == null ? "" : span.statusMessage());
    }
    if (span.scope() != null) {
      zipkin.putTag("otel.scope.name", span.scope().name());
      if (span.scope().version() != null) {
        zipkin.putTag("otel.scope.version", span.scope().version());
      }
    }
    for (EventData event : span.events()) {
      zipkin.addAnnotation(event.epochNanos() / 1000, annotation(event));
    }
    return zipkin.build();
  }

  private static String annotation(EventData event) {
    if (event.attributes().isEmpty()) {
      return event.name();
    }
    StringBuilder sb = new StringBuilder().append('"').append(event.name()).append("\":{");
    boolean[] first = {true};
    event.attributes().forEach((k, v) -> {
      if (!first[0]) {
        sb.append(',');
      }
      first[0] = false;
      sb.append('"').append(k).append("\":");
      if (v instanceof String s) {
        sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      } else {
        sb.append(v);
      }
    });
    return sb.append('}').toString();
  }
}
