package dev.tracekit.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Context;
import dev.tracekit.core.Span;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class B3PropagatorTest {

  private static final String TRACE_ID = "80f198ee56343ba864fe8b2a57d3eff7";
  private static final String SPAN_ID = "e457b5a2e4d86bd1";
  private static final String PARENT_ID = "05e3ac9a4f6e3b90";

  private static TraceContext extract(B3Propagator propagator, Headers headers) {
    return propagator.extract(Context.root(), headers, Headers.GETTER).span().context();
  }

  private static TraceContext single(String b3) {
    return extract(B3Propagator.single(), Headers.of("b3", b3));
  }

  @Test
  void singleHeaderWithAllFieldsIsExtracted() {
    TraceContext context = single(TRACE_ID + "-" + SPAN_ID + "-1-" + PARENT_ID);

    assertThat(context.traceIdHex()).isEqualTo(TRACE_ID);
    assertThat(context.spanIdHex()).isEqualTo(SPAN_ID);
    assertThat(context.isSampled()).isTrue();
    assertThat(context.isRemote()).isTrue();
  }

  @Test
  void singleHeaderSamplingStates() {
    assertThat(single(TRACE_ID + "-" + SPAN_ID + "-1").isSampled()).isTrue();
    assertThat(single(TRACE_ID + "-" + SPAN_ID + "-d").isSampled()).isTrue();
    assertThat(single(TRACE_ID + "-" + SPAN_ID + "-0").isSampled()).isFalse();
    TraceContext deferred = single(TRACE_ID + "-" + SPAN_ID);
    assertThat(deferred.isValid()).isTrue();
    assertThat(deferred.isSampled()).isFalse();
  }

  @Test
  void sixtyFourBitTraceIdIsTheLowHalf() {
    TraceContext context = single("64fe8b2a57d3eff7-" + SPAN_ID + "-1");

    assertThat(context.traceIdHigh()).isZero();
    assertThat(context.traceIdHex()).isEqualTo("000000000000000064fe8b2a57d3eff7");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "d"})
  void samplingStateAloneCarriesNoParent(String b3) {
    Context root = Context.root();

    assertThat(B3Propagator.single().extract(root, Headers.of("b3", b3), Headers.GETTER))
        .isSameAs(root);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "x",
        "80F198EE56343BA864FE8B2A57D3EFF7-e457b5a2e4d86bd1-1", // uppercase
        "80f198ee56343ba864fe8b2a57d3eff7-E457B5A2E4D86BD1-1",
        "00000000000000000000000000000000-e457b5a2e4d86bd1-1", // zero ids
        "80f198ee56343ba864fe8b2a57d3eff7-0000000000000000-1",
        "80f198ee56343ba864fe8b2a57d3eff-e457b5a2e4d86bd1-1", // 31 chars
        "80f198ee56343ba864fe8b2a57d3eff7a-e457b5a2e4d86bd1-1", // 33 chars
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd-1",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-2", // bad sampling state
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-11",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b9", // short parent
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b900",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05E3AC9A4F6E3B90",
        "80f198ee56343ba864fe8b2a57d3eff7_e457b5a2e4d86bd1-1",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1_1",
      })
  void invalidSingleHeaderLeavesContextUnchanged(String b3) {
    Context root = Context.root();

    assertThat(B3Propagator.single().extract(root, Headers.of("b3", b3), Headers.GETTER))
        .isSameAs(root);
    assertThat(B3Propagator.parseSingle(b3)).isNull();
  }

  @Test
  void multiHeadersAreExtracted() {
    TraceContext context =
        extract(
            B3Propagator.multi(),
            Headers.of(
                "X-B3-TraceId", TRACE_ID,
                "X-B3-SpanId", SPAN_ID,
                "X-B3-ParentSpanId", PARENT_ID,
                "X-B3-Sampled", "1"));

    assertThat(context.traceIdHex()).isEqualTo(TRACE_ID);
    assertThat(context.spanIdHex()).isEqualTo(SPAN_ID);
    assertThat(context.isSampled()).isTrue();
    assertThat(context.isRemote()).isTrue();
  }

  @Test
  void multiHeaderSamplingStates() {
    assertThat(multi("1", null).isSampled()).isTrue();
    assertThat(multi("true", null).isSampled()).isTrue();
    assertThat(multi("0", null).isSampled()).isFalse();
    assertThat(multi("false", null).isSampled()).isFalse();
    assertThat(multi(null, null).isSampled()).isFalse();
    assertThat(multi(null, "1").isSampled()).isTrue();
    assertThat(multi("0", "1").isSampled()).isTrue();
    assertThat(multi("yes", null).isValid()).isFalse();
  }

  private static TraceContext multi(String sampled, String flags) {
    Headers headers = Headers.of("x-b3-traceid", "64fe8b2a57d3eff7", "x-b3-spanid", SPAN_ID);
    if (sampled != null) {
      headers.add("X-B3-Sampled", sampled);
    }
    if (flags != null) {
      headers.add("X-B3-Flags", flags);
    }
    return extract(B3Propagator.multi(), headers);
  }

  @Test
  void invalidMultiHeadersLeaveContextUnchanged() {
    for (String[] ids :
        new String[][] {
          {TRACE_ID.toUpperCase(), SPAN_ID},
          {TRACE_ID, SPAN_ID.toUpperCase()},
          {TRACE_ID.substring(1), SPAN_ID},
          {"00000000000000000000000000000000", SPAN_ID},
          {TRACE_ID, "0000000000000000"},
          {TRACE_ID, null},
          {null, SPAN_ID},
          {TRACE_ID, SPAN_ID + "0"},
        }) {
      Headers headers = new Headers();
      if (ids[0] != null) {
        headers.add("X-B3-TraceId", ids[0]);
      }
      if (ids[1] != null) {
        headers.add("X-B3-SpanId", ids[1]);
      }
      assertThat(B3Propagator.multi().extract(Context.root(), headers, Headers.GETTER))
          .as("%s", (Object) ids)
          .isSameAs(Context.root());
    }
  }

  @Test
  void eitherModeExtractsBothFormats() {
    Headers singleHeader = Headers.of("b3", TRACE_ID + "-" + SPAN_ID + "-1");
    Headers multiHeaders = Headers.of("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID);

    for (B3Propagator propagator : new B3Propagator[] {B3Propagator.single(), B3Propagator.multi()}) {
      assertThat(extract(propagator, singleHeader).traceIdHex()).isEqualTo(TRACE_ID);
      assertThat(extract(propagator, multiHeaders).traceIdHex()).isEqualTo(TRACE_ID);
    }
  }

  @Test
  void singleHeaderWinsOverMultiHeadersAndInvalidSingleFallsBack() {
    String otherSpan = "1111111111111111";
    Headers both =
        Headers.of("b3", TRACE_ID + "-" + SPAN_ID + "-1", "X-B3-TraceId", TRACE_ID, "X-B3-SpanId", otherSpan);
    Headers badSingle =
        Headers.of("b3", "garbage", "X-B3-TraceId", TRACE_ID, "X-B3-SpanId", otherSpan);

    assertThat(extract(B3Propagator.multi(), both).spanIdHex()).isEqualTo(SPAN_ID);
    assertThat(extract(B3Propagator.single(), badSingle).spanIdHex()).isEqualTo(otherSpan);
  }

  @Test
  void singleModeInjectsB3Header() {
    Headers out = new Headers();

    B3Propagator.single().inject(contextOf(TraceFlags.SAMPLED | TraceFlags.RANDOM), out, Headers.SETTER);
    Headers unsampled = new Headers();
    B3Propagator.single().inject(contextOf(0), unsampled, Headers.SETTER);

    assertThat(out.get("b3")).isEqualTo(TRACE_ID + "-" + SPAN_ID + "-1");
    assertThat(out.size()).isEqualTo(1);
    assertThat(unsampled.get("b3")).isEqualTo(TRACE_ID + "-" + SPAN_ID + "-0");
  }

  @Test
  void multiModeInjectsB3Headers() {
    Headers out = new Headers();

    B3Propagator.multi().inject(contextOf(TraceFlags.SAMPLED), out, Headers.SETTER);

    assertThat(out.get("X-B3-TraceId")).isEqualTo(TRACE_ID);
    assertThat(out.get("X-B3-SpanId")).isEqualTo(SPAN_ID);
    assertThat(out.get("X-B3-Sampled")).isEqualTo("1");
    assertThat(out.size()).isEqualTo(3);
  }

  @Test
  void invalidSpanIsNotInjected() {
    Headers out = new Headers();

    B3Propagator.single().inject(Context.root(), out, Headers.SETTER);
    B3Propagator.multi().inject(Context.root(), out, Headers.SETTER);

    assertThat(out.size()).isZero();
  }

  @Test
  void fieldsNameWhatEachModeWrites() {
    assertThat(B3Propagator.single().fields()).containsExactly("b3");
    assertThat(B3Propagator.multi().fields())
        .containsExactly("X-B3-TraceId", "X-B3-SpanId", "X-B3-Sampled");
  }

  private static Context contextOf(int flags) {
    TraceContext context =
        TraceContext.create(
            Long.parseUnsignedLong(TRACE_ID.substring(0, 16), 16),
            Long.parseUnsignedLong(TRACE_ID.substring(16), 16),
            Long.parseUnsignedLong(SPAN_ID, 16),
            flags,
            TraceState.empty(),
            false);
    return Context.root().with(Span.wrap(context));
  }
}
