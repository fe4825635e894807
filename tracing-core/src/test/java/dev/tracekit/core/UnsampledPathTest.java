package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Scopes are opened for their effect on the current context, not referenced: the point of them.
@SuppressWarnings("try")
class UnsampledPathTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final TraceKit tk =
      TraceKit.builder().sampler(Sampler.parentBased(Sampler.alwaysOff())).spanExporter(exporter).build();
  private final Tracer tracer = tk.tracer();

  @AfterEach
  void close() {
    tk.close();
  }

  @Test
  void droppedRootIsNoopWithNewTraceIdAndNoSampledFlag() {
    Span span = tracer.spanBuilder("root").startSpan();
    assertThat(span.isRecording()).isFalse();
    assertThat(span).isNotInstanceOf(SpanData.class);
    assertThat(span.context().isValid()).isTrue();
    assertThat(span.context().isSampled()).isFalse();
    assertThat(span.context().flags()).isEqualTo(TraceFlags.RANDOM);
    span.setAttribute("k", "v").addEvent("e").setStatus(StatusCode.ERROR).end();
    assertThat(tracer.spanBuilder("root").startSpan().context().traceIdLow())
        .isNotEqualTo(span.context().traceIdLow());
  }

  @Test
  void childOfLocalUnsampledSpanReusesParentSpanObject() {
    Span root = tracer.spanBuilder("root").startSpan();
    try (Scope s = Context.current().with(root).makeCurrent()) {
      Span child = tracer.spanBuilder("child").startSpan();
      assertThat(child).isSameAs(root);
      try (Scope inner = Context.current().with(child).makeCurrent()) {
        assertThat(inner).as("same context again: no new scope object").isSameAs(Scope.noop());
        assertThat(Context.currentSpan()).isSameAs(root);
      }
      child.end();
    }
    root.end();
    assertThat(tk.metrics().spansStarted()).isEqualTo(2);
    assertThat(tk.metrics().spansSampled()).isZero();
  }

  @Test
  void childOfRemoteUnsampledParentGetsOwnSpanIdInSameTrace() {
    TraceContext remote = TraceContext.create(11, 22, 33, TraceFlags.RANDOM, TraceState.empty().with("k", "v"), true);
    Span child = tracer.spanBuilder("server").setParent(Context.root().with(Span.wrap(remote))).startSpan();
    assertThat(child.isRecording()).isFalse();
    assertThat(child.context().traceIdHigh()).isEqualTo(11);
    assertThat(child.context().traceIdLow()).isEqualTo(22);
    assertThat(child.context().spanId()).isNotIn(0L, 33L);
    assertThat(child.context().isRemote()).isFalse();
    assertThat(child.context().isSampled()).isFalse();
    assertThat(child.context().flags() & TraceFlags.RANDOM).isEqualTo(TraceFlags.RANDOM);
    assertThat(child.context().traceState().get("k")).isEqualTo("v");
  }

  @Test
  void droppedChildOfSampledParentGetsOwnUnsampledContext() {
    try (TraceKit mixed = TraceKit.builder().sampler(Sampler.alwaysOff()).spanExporter(exporter).build()) {
      TraceContext sampledParent = TraceContext.create(1, 2, 3, TraceFlags.SAMPLED, TraceState.empty(), false);
      Span child = mixed.tracer().spanBuilder("c").setParent(Context.root().with(Span.wrap(sampledParent))).startSpan();
      assertThat(child.context().spanId()).isNotEqualTo(3);
      assertThat(child.context().isSampled()).isFalse();
      assertThat(child.context().traceIdLow()).isEqualTo(2);
    }
  }

  @Test
  void unsampledSpansAreCountedButNeverExported() {
    for (int i = 0; i < 10; i++) {
      tracer.spanBuilder("s").startSpan().end();
    }
    tk.flush(Duration.ofSeconds(30));
    assertThat(exporter.spans()).isEmpty();
    assertThat(tk.metrics().spansStarted()).isEqualTo(10);
    assertThat(tk.metrics().spansEnded()).isZero();
  }
}
