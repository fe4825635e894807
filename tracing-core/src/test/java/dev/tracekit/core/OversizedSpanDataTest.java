package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.otlp.OtlpTraceCodec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What one application can pour into one span or one trace is bounded by {@link SpanLimits} and
 * the export queue, and every cut is counted: a 1 MB attribute value, 10,000 attributes on one
 * span, 100,000 spans in one trace.
 */
class OversizedSpanDataTest {

  @Test
  void aOneMegabyteAttributeValueIsCutToTheLimitAndCounted() {
    TraceKitMetrics metrics = new TraceKitMetrics();
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (TraceKit tracing = TraceKit.builder().metrics(metrics).spanExporter(exporter).build()) {
      String megabyte = "x".repeat(1 << 20);
      Span span = tracing.tracer().spanBuilder("big").setAttribute("at.start", megabyte).startSpan();
      span.setAttribute("later", megabyte);
      span.setAttribute("emoji", "a".repeat(8191) + "\uD83D\uDE00tail"); // a surrogate pair at the limit
      span.addEvent("evt", Attributes.builder().put("payload", megabyte).build());
      span.end();
      tracing.flush(Duration.ofSeconds(10));
    }
    SpanData span = exporter.spans().get(0);
    int limit = SpanLimits.defaults().maxAttributeValueLength();
    assertThat((String) span.attributes().get("at.start")).hasSize(limit);
    assertThat((String) span.attributes().get("later")).hasSize(limit);
    assertThat((String) span.attributes().get("emoji")).hasSize(8191); // not half a character
    assertThat((String) span.events().get(0).attributes().get("payload")).hasSize(limit);
    assertThat(metrics.attributeValuesTruncated()).isEqualTo(4);
    // What goes on the wire is bounded by the limits, not by what the application tried.
    assertThat(OtlpTraceCodec.encode(List.of(span)).length).isLessThan(4 * limit + 2_000);
  }

  @Test
  void tenThousandAttributesOnOneSpanKeepTheLimitAndCountTheRest() {
    TraceKitMetrics metrics = new TraceKitMetrics();
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (TraceKit tracing = TraceKit.builder().metrics(metrics).spanExporter(exporter).build()) {
      Span span = tracing.tracer().spanBuilder("many").startSpan();
      for (int i = 0; i < 10_000; i++) {
        span.setAttribute("attr." + i, (long) i);
      }
      span.end();
      tracing.flush(Duration.ofSeconds(10));
    }
    SpanData span = exporter.spans().get(0);
    int max = SpanLimits.defaults().maxAttributes();
    assertThat(span.attributes().size()).isEqualTo(max);
    assertThat(span.droppedAttributesCount()).isEqualTo(10_000 - max);
    assertThat(metrics.spansDropped(DropReason.LIMITS)).isEqualTo(10_000 - max);
    assertThat(span.attributes().get("attr.0")).isEqualTo(0L);
    assertThat(span.attributes().get("attr." + max)).isNull();
  }

  @Test
  void oneHundredThousandSpansInOneTraceAreExportedOrCountedExactly() {
    TraceKitMetrics metrics = new TraceKitMetrics();
    InMemorySpanExporter exporter = InMemorySpanExporter.create(200_000);
    String traceId;
    try (TraceKit tracing = TraceKit.builder().metrics(metrics).spanExporter(exporter).maxQueueSize(2048).build()) {
      Span root = tracing.tracer().spanBuilder("root").startSpan();
      traceId = root.context().traceIdHex();
      try (Scope ignored = Context.current().with(root).makeCurrent()) {
        for (int i = 0; i < 100_000; i++) {
          tracing.tracer().spanBuilder("child").startSpan().end();
        }
      } finally {
        root.end();
      }
      assertThat(tracing.shutdown(Duration.ofSeconds(60))).isTrue();
    }
    assertThat(metrics.spansEnded()).isEqualTo(100_001);
    assertThat(metrics.spansExported() + metrics.spansLost()).isEqualTo(100_001);
    assertThat(exporter.spans()).hasSize((int) metrics.spansExported());
    assertThat(exporter.spans()).allMatch(s -> s.traceIdHex().equals(traceId));
    assertThat(metrics.spansLost()).isEqualTo(metrics.spansDropped(DropReason.QUEUE_FULL));
  }
}
