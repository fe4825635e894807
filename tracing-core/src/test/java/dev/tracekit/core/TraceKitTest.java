package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Scopes are opened for their effect on the current context, not referenced: the point of them.
@SuppressWarnings("try")
class TraceKitTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final TraceKit tk =
      TraceKit.builder().serviceName("orders").spanExporter(exporter).build();
  private final Tracer tracer = tk.tracer();

  @AfterEach
  void close() {
    tk.close();
  }

  @Test
  void rootSpanStartsNewTraceWithRandomFlagAndIsExportedOnEnd() {
    Span span = tracer.spanBuilder("load order").setKind(SpanKind.SERVER).startSpan();
    span.setAttribute("order.id", 42L).setAttribute("http.route", "/orders/{id}");
    span.end();

    assertThat(tk.flush(Duration.ofSeconds(10))).isTrue();
    List<SpanData> spans = exporter.spans();
    assertThat(spans).hasSize(1);
    SpanData data = spans.get(0);
    assertThat(data.name()).isEqualTo("load order");
    assertThat(data.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(data.parentSpanId()).isZero();
    assertThat(data.context().isValid()).isTrue();
    assertThat(data.context().isSampled()).isTrue();
    assertThat(data.context().flags() & TraceFlags.RANDOM).isEqualTo(TraceFlags.RANDOM);
    assertThat(data.attributes().get("order.id")).isEqualTo(42L);
    assertThat(data.attributes().get("http.route")).isEqualTo("/orders/{id}");
    assertThat(data.serviceName()).isEqualTo("orders");
    assertThat(data.endEpochNanos()).isGreaterThanOrEqualTo(data.startEpochNanos());
  }

  @Test
  void childOfCurrentSpanSharesTraceIdAndPointsToParent() {
    Span parent = tracer.spanBuilder("parent").startSpan();
    Span child;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      child = tracer.spanBuilder("child").startSpan();
      child.end();
    }
    parent.end();

    assertThat(child.context().traceIdHex()).isEqualTo(parent.context().traceIdHex());
    assertThat(child.context().spanId()).isNotEqualTo(parent.context().spanId());
    assertThat(((SpanData) child).parentSpanId()).isEqualTo(parent.context().spanId());
  }

  @Test
  void explicitParentWinsOverCurrentAndTraceStateIsInherited() {
    TraceContext remote =
        TraceContext.create(
            0x1234L, 0x5678L, 0x9abcL, TraceFlags.SAMPLED, TraceState.empty().with("vendor", "v1"), true);
    Span current = tracer.spanBuilder("current").startSpan();
    Span child;
    try (Scope ignored = Context.current().with(current).makeCurrent()) {
      child = tracer.spanBuilder("child").setParent(Context.root().with(Span.wrap(remote))).startSpan();
    }
    assertThat(child.context().traceIdHigh()).isEqualTo(0x1234L);
    assertThat(child.context().traceIdLow()).isEqualTo(0x5678L);
    assertThat(((SpanData) child).parentSpanId()).isEqualTo(0x9abcL);
    assertThat(child.context().traceState().get("vendor")).isEqualTo("v1");
    assertThat(child.context().isRemote()).isFalse();
  }

  @Test
  void setNoParentStartsNewTraceEvenInsideSpan() {
    Span current = tracer.spanBuilder("current").startSpan();
    try (Scope ignored = Context.current().with(current).makeCurrent()) {
      Span root = tracer.spanBuilder("root").setNoParent().startSpan();
      assertThat(root.context().traceIdLow()).isNotEqualTo(current.context().traceIdLow());
      assertThat(((SpanData) root).parentSpanId()).isZero();
    }
  }

  @Test
  void metricsCountStartedSampledEndedExported() {
    for (int i = 0; i < 5; i++) {
      tracer.spanBuilder("s").startSpan().end();
    }
    tk.flush(Duration.ofSeconds(10));
    TraceKitMetrics m = tk.metrics();
    assertThat(m.spansStarted()).isEqualTo(5);
    assertThat(m.spansSampled()).isEqualTo(5);
    assertThat(m.spansEnded()).isEqualTo(5);
    assertThat(m.spansExported()).isEqualTo(5);
    assertThat(m.batchesExported()).isPositive();
    assertThat(m.exportCount()).isEqualTo(m.batchesExported());
  }

  @Test
  void shutdownDeliversQueuedSpansAndClosesExporter() {
    for (int i = 0; i < 100; i++) {
      tracer.spanBuilder("s" + i).startSpan().end();
    }
    assertThat(tk.shutdown(Duration.ofSeconds(10))).isTrue();
    assertThat(exporter.spans()).hasSize(100);
    assertThat(exporter.isClosed()).isTrue();

    tracer.spanBuilder("late").startSpan().end();
    assertThat(tk.metrics().spansDropped(DropReason.SHUTDOWN)).isEqualTo(1);
    assertThat(tk.metrics().spansEnded())
        .isEqualTo(tk.metrics().spansExported() + tk.metrics().spansLost());
  }
}
