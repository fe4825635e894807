package dev.tracekit.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.Context;
import dev.tracekit.core.Span;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import org.junit.jupiter.api.Test;

class CompositePropagatorTest {

  private static final String W3C_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String B3_TRACE = "80f198ee56343ba864fe8b2a57d3eff7";
  private static final String TRACEPARENT = "00-" + W3C_TRACE + "-00f067aa0ba902b7-01";
  private static final String B3 = B3_TRACE + "-e457b5a2e4d86bd1-1";

  private final CompositePropagator w3cFirst =
      CompositePropagator.of(
          W3CTraceContextPropagator.getInstance(),
          W3CBaggagePropagator.getInstance(),
          B3Propagator.single());

  private final CompositePropagator b3First =
      CompositePropagator.of(
          B3Propagator.multi(),
          W3CTraceContextPropagator.getInstance(),
          W3CBaggagePropagator.getInstance());

  @Test
  void firstPropagatorWithValidContextWins() {
    Headers both = Headers.of("traceparent", TRACEPARENT, "b3", B3);

    assertThat(traceId(w3cFirst, both)).isEqualTo(W3C_TRACE);
    assertThat(traceId(b3First, both)).isEqualTo(B3_TRACE);
  }

  @Test
  void invalidFirstFormatFallsThroughToTheNext() {
    Headers headers = Headers.of("traceparent", "00-garbage", "b3", B3);

    assertThat(traceId(w3cFirst, headers)).isEqualTo(B3_TRACE);
  }

  @Test
  void baggageAppliesWhicheverPropagatorFoundTheParent() {
    Headers headers = Headers.of("b3", B3, "traceparent", TRACEPARENT, "baggage", "user=alice");

    Context context = b3First.extract(Context.root(), headers, Headers.GETTER);

    assertThat(context.span().context().traceIdHex()).isEqualTo(B3_TRACE);
    assertThat(context.baggage().get("user")).isEqualTo("alice");
  }

  @Test
  void baggageWithoutAnyParentIsStillExtracted() {
    Context context =
        w3cFirst.extract(Context.root(), Headers.of("baggage", "user=alice"), Headers.GETTER);

    assertThat(context.span().context().isValid()).isFalse();
    assertThat(context.baggage().get("user")).isEqualTo("alice");
  }

  @Test
  void nothingFoundLeavesContextUnchanged() {
    Context root = Context.root();

    assertThat(w3cFirst.extract(root, Headers.of("other", "x"), Headers.GETTER)).isSameAs(root);
  }

  @Test
  void injectWritesEveryFormat() {
    TraceContext span =
        TraceContext.create(1, 2, 3, TraceFlags.SAMPLED, TraceState.empty().with("rojo", "1"), false);
    Context context = Context.root().with(Span.wrap(span)).with(Baggage.empty().with("user", "alice"));
    Headers out = new Headers();

    w3cFirst.inject(context, out, Headers.SETTER);

    assertThat(out.get("traceparent"))
        .isEqualTo("00-00000000000000010000000000000002-0000000000000003-01");
    assertThat(out.get("tracestate")).isEqualTo("rojo=1");
    assertThat(out.get("baggage")).isEqualTo("user=alice");
    assertThat(out.get("b3"))
        .isEqualTo("00000000000000010000000000000002-0000000000000003-1");
  }

  @Test
  void fieldsAreTheUnionInOrder() {
    assertThat(w3cFirst.fields()).containsExactly("traceparent", "tracestate", "baggage", "b3");
    assertThat(CompositePropagator.of(w3cFirst, B3Propagator.single()).fields())
        .containsExactly("traceparent", "tracestate", "baggage", "b3");
  }

  private static String traceId(CompositePropagator propagator, Headers headers) {
    return propagator.extract(Context.root(), headers, Headers.GETTER).span().context().traceIdHex();
  }
}
