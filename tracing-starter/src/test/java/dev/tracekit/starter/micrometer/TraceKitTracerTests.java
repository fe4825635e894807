package dev.tracekit.starter.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.Context;
import dev.tracekit.core.InMemorySpanExporter;
import dev.tracekit.core.Scope;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.core.StatusCode;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.propagation.CompositePropagator;
import dev.tracekit.core.propagation.W3CBaggagePropagator;
import dev.tracekit.core.propagation.W3CTraceContextPropagator;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.ScopedSpan;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Micrometer Tracing API on a real TraceKit, exporting to an in-memory exporter. */
class TraceKitTracerTests {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final TraceKit traceKit = TraceKit.builder().serviceName("bridge-test").spanExporter(exporter).build();
  private final dev.tracekit.core.Tracer ours = traceKit.tracer();
  private final Tracer micrometer = new TraceKitTracer(ours, List.of("tenant"));

  @AfterEach
  void close() {
    traceKit.close();
    assertThat(Context.current()).as("no test leaves a context behind").isSameAs(Context.root());
  }

  private List<SpanData> exported() {
    assertThat(traceKit.flush(Duration.ofSeconds(30))).isTrue();
    return exporter.spans();
  }

  private SpanData exported(String name) {
    return exported().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
        () -> new AssertionError("no span named " + name + " in " + exporter.spans()));
  }

  @Test
  void micrometerSpanInScopeIsParentOfSpanStartedByOurTracer() {
    Span parent = micrometer.nextSpan().name("micrometer-parent").start();
    try (Tracer.SpanInScope ignored = micrometer.withSpan(parent)) {
      ours.spanBuilder("our-child").startSpan().end();
    } finally {
      parent.end();
    }
    SpanData p = exported("micrometer-parent");
    SpanData c = exported("our-child");
    assertThat(c.traceIdHex()).isEqualTo(p.traceIdHex());
    assertThat(c.parentSpanIdHex()).isEqualTo(p.spanIdHex());
    assertThat(p.parentSpanId()).isZero();
  }

  @Test
  void ourCurrentSpanIsParentOfMicrometerSpans() {
    dev.tracekit.core.Span parent = ours.spanBuilder("our-parent").startSpan();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      Span next = micrometer.nextSpan().name("next").start();
      next.end();
      micrometer.spanBuilder().name("built").kind(Span.Kind.CLIENT).start().end();
      ScopedSpan scoped = micrometer.startScopedSpan("scoped");
      scoped.end();
      assertThat(micrometer.currentSpan().context().spanId()).isEqualTo(parent.context().spanIdHex());
    } finally {
      parent.end();
    }
    String parentId = exported("our-parent").spanIdHex();
    for (String name : List.of("next", "built", "scoped")) {
      assertThat(exported(name).parentSpanIdHex()).as(name).isEqualTo(parentId);
    }
    assertThat(exported("built").kind()).isEqualTo(SpanKind.CLIENT);
  }

  @Test
  void scopedSpanIsCurrentForBothApisUntilItEnds() {
    ScopedSpan scoped = micrometer.startScopedSpan("scoped");
    assertThat(Context.currentSpan().context().spanIdHex()).isEqualTo(scoped.context().spanId());
    assertThat(micrometer.currentTraceContext().context()).isEqualTo(scoped.context());
    scoped.end();
    assertThat(micrometer.currentSpan()).isNull();
    assertThat(Context.currentSpan().context().isValid()).isFalse();
  }

  @Test
  void nextSpanWithParentContinuesThatSpansTraceAndReportsParentId() {
    Span parent = micrometer.nextSpan().name("p").start();
    Span child = micrometer.nextSpan(parent).name("c").start();
    assertThat(child.context().traceId()).isEqualTo(parent.context().traceId());
    assertThat(child.context().parentId()).isEqualTo(parent.context().spanId());
    assertThat(child.context().sampled()).isTrue();
    child.end();
    parent.end();
    assertThat(exported("c").parentSpanIdHex()).isEqualTo(exported("p").spanIdHex());
  }

  @Test
  void tagsEventsErrorsAndRemotePeerBecomeSpanAttributesAndStatus() {
    Span span =
        micrometer.spanBuilder()
            .name("work")
            .tag("s", "v")
            .tag("l", 7L)
            .tag("b", true)
            .tagOfStrings("list", List.of("a", "b"))
            .remoteServiceName("inventory")
            .remoteIpAndPort("10.0.0.7", 8443)
            .start();
    span.tag("d", 1.5).event("checkpoint").error(new IllegalStateException("boom"));
    span.end();
    SpanData data = exported("work");
    assertThat(data.attributes().get("s")).isEqualTo("v");
    assertThat(data.attributes().get("l")).isEqualTo(7L);
    assertThat(data.attributes().get("b")).isEqualTo(true);
    assertThat(data.attributes().get("d")).isEqualTo(1.5);
    assertThat(data.attributes().get("list")).isEqualTo(List.of("a", "b"));
    assertThat(data.attributes().get("peer.service")).isEqualTo("inventory");
    assertThat(data.attributes().get("network.peer.address")).isEqualTo("10.0.0.7");
    assertThat(data.attributes().get("network.peer.port")).isEqualTo(8443L);
    assertThat(data.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(data.statusMessage()).isEqualTo("boom");
    assertThat(data.events()).extracting(e -> e.name()).containsExactly("checkpoint", "exception");
  }

  @Test
  void parentBuiltFromIdsContinuesThatTrace() {
    TraceContext remote =
        micrometer.traceContextBuilder()
            .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .spanId("00f067aa0ba902b7")
            .sampled(true)
            .build();
    micrometer.spanBuilder().setParent(remote).name("continued").start().end();
    SpanData data = exported("continued");
    assertThat(data.traceIdHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(data.parentSpanIdHex()).isEqualTo("00f067aa0ba902b7");
  }

  @Test
  void setNoParentStartsNewTraceInsideAnother() {
    dev.tracekit.core.Span outer = ours.spanBuilder("outer").startSpan();
    try (Scope ignored = Context.current().with(outer).makeCurrent()) {
      micrometer.spanBuilder().setNoParent().name("fresh").start().end();
    } finally {
      outer.end();
    }
    SpanData fresh = exported("fresh");
    assertThat(fresh.parentSpanId()).isZero();
    assertThat(fresh.traceIdHex()).isNotEqualTo(exported("outer").traceIdHex());
  }

  @Test
  void withNullSpanClearsTheSpanButKeepsBaggage() {
    try (Scope b = Context.current().with(Baggage.empty().with("tenant", "acme")).makeCurrent();
        Scope s = Context.current().with(ours.spanBuilder("x").startSpan()).makeCurrent();
        Tracer.SpanInScope cleared = micrometer.withSpan(null)) {
      assertThat(micrometer.currentSpan()).isNull();
      assertThat(micrometer.getAllBaggage()).containsEntry("tenant", "acme");
    }
  }

  @Test
  void baggageInScopeThroughMicrometerIsOurBaggageAndTheOtherWayRound() {
    try (BaggageInScope tenant = micrometer.createBaggageInScope("tenant", "acme")) {
      assertThat(Context.current().baggage().get("tenant")).isEqualTo("acme");
      assertThat(tenant.get()).isEqualTo("acme");
    }
    assertThat(Context.current().baggage().get("tenant")).isNull();

    try (Scope ignored = Context.current().with(Baggage.empty().with("region", "eu")).makeCurrent()) {
      assertThat(micrometer.getBaggage("region").get()).isEqualTo("eu");
      assertThat(micrometer.getAllBaggage()).isEqualTo(Map.of("region", "eu"));
    }
    assertThat(micrometer.getBaggage("region").get()).isNull();
    assertThat(micrometer.getBaggageFields()).containsExactly("tenant");
  }

  @Test
  void baggageSetOnASpansContextIsCurrentWhenThatSpanIsInScope() {
    Span span = micrometer.nextSpan().name("carrier").start();
    try (BaggageInScope ignored = micrometer.createBaggageInScope(span.context(), "tenant", "acme")) {
      assertThat(micrometer.getBaggage(span.context(), "tenant").get()).isEqualTo("acme");
    }
    assertThat(Context.current().baggage().get("tenant")).isNull();
    try (Tracer.SpanInScope ignored = micrometer.withSpan(span)) {
      assertThat(Context.current().baggage().get("tenant")).isEqualTo("acme");
    }
    span.end();
    assertThat(Context.current().baggage().isEmpty()).isTrue();
  }

  @Test
  void propagatorWritesAndReadsTheSameHeadersAsOurPropagators() {
    TraceKitPropagator propagator =
        new TraceKitPropagator(
            CompositePropagator.of(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()),
            ours);
    Span sender = micrometer.nextSpan().name("sender").start();
    Map<String, String> headers = new HashMap<>();
    try (BaggageInScope ignored = micrometer.createBaggageInScope("tenant", "acme")) {
      propagator.inject(sender.context(), headers, Map::put);
    }
    sender.end();
    assertThat(headers.get("traceparent"))
        .startsWith("00-" + sender.context().traceId() + "-" + sender.context().spanId() + "-");
    assertThat(headers.get("baggage")).isEqualTo("tenant=acme");

    Span receiver = propagator.extract(headers, Map::get).name("receiver").kind(Span.Kind.SERVER).start();
    try (Tracer.SpanInScope ignored = micrometer.withSpan(receiver)) {
      assertThat(micrometer.getAllBaggage()).containsEntry("tenant", "acme");
    }
    receiver.end();
    SpanData received = exported("receiver");
    assertThat(received.traceIdHex()).isEqualTo(sender.context().traceId());
    assertThat(received.parentSpanIdHex()).isEqualTo(sender.context().spanId());
    assertThat(received.kind()).isEqualTo(SpanKind.SERVER);
  }

  @Test
  void extractWithoutHeadersStartsNewTrace() {
    TraceKitPropagator propagator = new TraceKitPropagator(W3CTraceContextPropagator.getInstance(), ours);
    Span span = propagator.extract(Map.<String, String>of(), Map::get).name("root").start();
    span.end();
    assertThat(exported("root").parentSpanId()).isZero();
  }

  @Test
  void currentSpanCustomizerActsOnWhicheverSpanIsCurrent() {
    dev.tracekit.core.Span span = ours.spanBuilder("before").startSpan();
    try (Scope ignored = Context.current().with(span).makeCurrent()) {
      micrometer.currentSpanCustomizer().name("after").tag("k", "v");
    } finally {
      span.end();
    }
    assertThat(exported("after").attributes().get("k")).isEqualTo("v");
  }
}
