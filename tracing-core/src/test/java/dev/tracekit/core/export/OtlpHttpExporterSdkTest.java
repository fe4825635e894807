package dev.tracekit.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Context;
import dev.tracekit.core.Span;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.TraceKitMetrics;
import dev.tracekit.core.Tracer;
import dev.tracekit.core.otlp.Compression;
import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SDK's own spans travel through the exporter to a real server and decode intact. */
class OtlpHttpExporterSdkTest {

  @Test
  void sdkSpansArriveAsDecodableOtlpWithTheirParentAndResource() throws Exception {
    TraceKitMetrics metrics = new TraceKitMetrics();
    try (TestReceiver receiver = new TestReceiver()) {
      OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
          .endpoint(receiver.endpoint())
          .listener(metrics)
          .build();
      try (TraceKit kit = TraceKit.builder()
          .serviceName("gateway")
          .spanExporter(exporter)
          .metrics(metrics)
          .scheduleDelay(Duration.ofMillis(50))
          .build()) {
        Tracer tracer = kit.tracer();
        Span parent = tracer.spanBuilder("GET /orders").setKind(SpanKind.SERVER).startSpan();
        Span child = tracer.spanBuilder("SELECT orders")
            .setParent(Context.root().with(parent))
            .setKind(SpanKind.CLIENT)
            .setAttribute("db.rows", 3L)
            .startSpan();
        child.setStatus(StatusCode.ERROR, "timeout");
        child.end();
        parent.end();
        assertThat(kit.flush(Duration.ofSeconds(10))).isTrue();
      }

      List<SpanData> spans = receiver.requests().stream()
          .flatMap(r -> OtlpTraceCodec.decode(Compression.decompress(Compression.LZ4, r.body(), 1 << 20)).stream())
          .toList();
      assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/v1/traces"));
      assertThat(spans).extracting(SpanData::name).containsExactlyInAnyOrder("SELECT orders", "GET /orders");
      SpanData decodedParent = spans.stream().filter(s -> s.name().equals("GET /orders")).findFirst().orElseThrow();
      SpanData decodedChild = spans.stream().filter(s -> s.name().equals("SELECT orders")).findFirst().orElseThrow();
      assertThat(decodedChild.parentSpanId()).isEqualTo(decodedParent.context().spanId());
      assertThat(decodedChild.traceIdHex()).isEqualTo(decodedParent.traceIdHex());
      assertThat(decodedChild.statusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(decodedChild.attributes().get("db.rows")).isEqualTo(3L);
      assertThat(decodedParent.serviceName()).isEqualTo("gateway");
      assertThat(metrics.encodedBytes()).isGreaterThan(0);
      assertThat(metrics.wireBytes()).isEqualTo(
          receiver.requests().stream().mapToLong(r -> r.body().length).sum());
    }
  }
}
