package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Scopes are opened for their effect on the current context, not referenced: the point of them.
@SuppressWarnings("try")
class PrioritySamplingTest {

  private final FakeTime time = new FakeTime();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final TraceKit tk =
      TraceKit.builder()
          .sampler(Sampler.keepingErrorsAndSlow(Sampler.parentBased(Sampler.alwaysOff())))
          .slowThreshold(Duration.ofMillis(500))
          .spanExporter(exporter)
          .timeSource(time)
          .build();
  private final Tracer tracer = tk.tracer();

  @AfterEach
  void close() {
    tk.close();
  }

  private List<SpanData> exported() {
    tk.flush(Duration.ofSeconds(30));
    return exporter.spans();
  }

  @Test
  void recordOnlySpanRecordsWithoutSampledFlag() {
    Span span = tracer.spanBuilder("r").startSpan();
    assertThat(span.isRecording()).isTrue();
    assertThat(span.context().isSampled()).isFalse();
    span.end();
    assertThat(tk.metrics().spansRecordOnly()).isEqualTo(1);
    assertThat(tk.metrics().spansSampled()).isZero();
  }

  @Test
  void fastSuccessfulRecordOnlySpanIsDiscarded() {
    Span span = tracer.spanBuilder("fast").startSpan();
    time.advance(10_000_000);
    span.setStatus(StatusCode.OK).end();
    assertThat(exported()).isEmpty();
    assertThat(tk.metrics().spansPromoted()).isZero();
    assertThat(tk.metrics().spansEnded()).isZero();
  }

  @Test
  void errorRecordOnlySpanIsPromotedAndExported() {
    Span span = tracer.spanBuilder("fails").startSpan();
    span.setStatus(StatusCode.ERROR, "boom").end();
    List<SpanData> spans = exported();
    assertThat(spans).extracting(SpanData::name).containsExactly("fails");
    assertThat(spans.get(0).context().isSampled()).isFalse();
    assertThat(tk.metrics().spansPromoted()).isEqualTo(1);
    assertThat(tk.metrics().spansEnded()).isEqualTo(1);
  }

  @Test
  void slowRecordOnlySpanIsPromoted() {
    Span slow = tracer.spanBuilder("slow").startSpan();
    time.advance(500_000_000);
    slow.end();
    Span almost = tracer.spanBuilder("almost").startSpan();
    time.advance(499_999_999);
    almost.end();
    assertThat(exported()).extracting(SpanData::name).containsExactly("slow");
  }

  @Test
  void promotionKeepsLocalAncestorsOfErrorSpan() {
    Span root = tracer.spanBuilder("root").startSpan();
    Span sibling;
    Span middle;
    Span leaf;
    try (Scope s1 = Context.current().with(root).makeCurrent()) {
      sibling = tracer.spanBuilder("sibling").startSpan();
      sibling.end();
      middle = tracer.spanBuilder("middle").startSpan();
      try (Scope s2 = Context.current().with(middle).makeCurrent()) {
        leaf = tracer.spanBuilder("leaf").startSpan();
        leaf.setStatus(StatusCode.ERROR, "db down").end();
      }
      middle.end();
    }
    root.end();

    List<SpanData> spans = exported();
    assertThat(spans).extracting(SpanData::name).containsExactly("leaf", "middle", "root");
    assertThat(tk.metrics().spansPromoted()).isEqualTo(3);
    assertThat(spans.get(0).parentSpanId()).isEqualTo(middle.context().spanId());
    assertThat(spans.get(1).parentSpanId()).isEqualTo(root.context().spanId());
  }

  @Test
  void remoteUnsampledParentIsRecordedOnlyAndPromotedOnError() {
    TraceContext remote = TraceContext.create(1, 2, 3, TraceFlags.RANDOM, TraceState.empty(), true);
    Span server = tracer.spanBuilder("server").setParent(Context.root().with(Span.wrap(remote))).startSpan();
    assertThat(server.isRecording()).isTrue();
    server.recordException(new IllegalStateException("x")).setStatus(StatusCode.ERROR).end();
    assertThat(exported()).hasSize(1);
    assertThat(exported().get(0).parentSpanId()).isEqualTo(3);
  }
}
