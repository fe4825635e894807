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

class W3CTraceContextPropagatorTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";
  private static final String VALID = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";
  private static final String SUITE_TP = "00-12345678901234567890123456789012-1234567890123456-00";

  private final W3CTraceContextPropagator propagator = new W3CTraceContextPropagator();

  private Context extract(Headers headers) {
    return propagator.extract(Context.root(), headers, Headers.GETTER);
  }

  private TraceContext extracted(Headers headers) {
    return extract(headers).span().context();
  }

  private TraceState stateFor(String... tracestates) {
    Headers headers = Headers.of("traceparent", SUITE_TP);
    for (String tracestate : tracestates) {
      headers.add("tracestate", tracestate);
    }
    TraceContext context = extracted(headers);
    assertThat(context.isValid()).as("traceparent must survive any tracestate").isTrue();
    return context.traceState();
  }

  @Test
  void parsesSpecExampleSampled() {
    TraceContext context = extracted(Headers.of("traceparent", VALID));

    assertThat(context.traceIdHex()).isEqualTo(TRACE_ID);
    assertThat(context.spanIdHex()).isEqualTo(SPAN_ID);
    assertThat(context.isSampled()).isTrue();
    assertThat(context.isRemote()).isTrue();
    assertThat(context.traceState().isEmpty()).isTrue();
  }

  @Test
  void parsesSpecExampleNotSampled() {
    TraceContext context = extracted(Headers.of("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-00"));

    assertThat(context.isValid()).isTrue();
    assertThat(context.isSampled()).isFalse();
  }

  @Test
  void extractedParentIsRemoteNonRecordingSpan() {
    Context context = extract(Headers.of("traceparent", VALID));

    assertThat(context.span().isRecording()).isFalse();
    assertThat(context.span().context().isRemote()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // version ff is forbidden
        "ff-12345678901234567890123456789012-1234567890123456-01",
        // illegal chars / wrong length in version
        ".0-12345678901234567890123456789012-1234567890123456-01",
        "0.-12345678901234567890123456789012-1234567890123456-01",
        "000-12345678901234567890123456789012-1234567890123456-01",
        "0000-12345678901234567890123456789012-1234567890123456-01",
        "0-12345678901234567890123456789012-1234567890123456-01",
        // uppercase hex anywhere
        "0A-12345678901234567890123456789012-1234567890123456-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A",
        // all-zero ids
        "00-00000000000000000000000000000000-1234567890123456-01",
        "00-12345678901234567890123456789012-0000000000000000-01",
        // illegal chars in ids and flags
        "00-.2345678901234567890123456789012-1234567890123456-01",
        "00-1234567890123456789012345678901.-1234567890123456-01",
        "00-12345678901234567890123456789012-.234567890123456-01",
        "00-12345678901234567890123456789012-123456789012345.-01",
        "00-12345678901234567890123456789012-1234567890123456-.0",
        "00-12345678901234567890123456789012-1234567890123456-0.",
        // wrong field lengths
        "00-123456789012345678901234567890123-1234567890123456-01",
        "00-1234567890123456789012345678901-1234567890123456-01",
        "00-12345678901234567890123456789012-12345678901234567-01",
        "00-12345678901234567890123456789012-123456789012345-01",
        "00-12345678901234567890123456789012-1234567890123456-001",
        "00-12345678901234567890123456789012-1234567890123456-1",
        // version 00 must be exactly 55 chars
        "00-12345678901234567890123456789012-1234567890123456-01.",
        "00-12345678901234567890123456789012-1234567890123456-01-what-the-future-will-be-like",
        // bad separators
        "00_12345678901234567890123456789012-1234567890123456-01",
        "00-12345678901234567890123456789012_1234567890123456-01",
        "00-12345678901234567890123456789012-1234567890123456_01",
        "00 12345678901234567890123456789012 1234567890123456 01",
        // a higher version must still continue with '-' after the flags
        "cc-12345678901234567890123456789012-1234567890123456-01.what-the-future-will-be-like",
        // a higher version shorter than 55 chars
        "cc-12345678901234567890123456789012-1234567890123456-1",
        // empty and whitespace
        "",
        "   ",
      })
  void invalidTraceparentStartsNewTrace(String traceparent) {
    Context root = Context.root();

    Context result =
        propagator.extract(
            root, Headers.of("traceparent", traceparent, "tracestate", "foo=1"), Headers.GETTER);

    assertThat(result).isSameAs(root);
    assertThat(W3CTraceContextPropagator.parseTraceparent(traceparent)).isNull();
  }

  @Test
  void invalidTraceparentKeepsCallersContextUnchanged() {
    TraceContext local = TraceContext.create(1, 2, 3, TraceFlags.SAMPLED, TraceState.empty(), false);
    Context current = Context.root().with(Span.wrap(local));

    Context result =
        propagator.extract(current, Headers.of("traceparent", "garbage"), Headers.GETTER);

    assertThat(result).isSameAs(current);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cc-12345678901234567890123456789012-1234567890123456-01",
        "cc-12345678901234567890123456789012-1234567890123456-01-what-the-future-will-be-like",
        "01-12345678901234567890123456789012-1234567890123456-01-",
      })
  void higherVersionIsParsedByVersion00Layout(String traceparent) {
    TraceContext context = extracted(Headers.of("traceparent", traceparent));

    assertThat(context.traceIdHex()).isEqualTo("12345678901234567890123456789012");
    assertThat(context.spanIdHex()).isEqualTo("1234567890123456");
    assertThat(context.isSampled()).isTrue();
  }

  @Test
  void higherVersionIsReinjectedAsVersion00() {
    Context context =
        extract(Headers.of("traceparent", "cc-12345678901234567890123456789012-1234567890123456-01-xyz"));
    Headers out = new Headers();

    propagator.inject(context, out, Headers.SETTER);

    assertThat(out.get("traceparent"))
        .isEqualTo("00-12345678901234567890123456789012-1234567890123456-01");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        " 00-12345678901234567890123456789012-1234567890123456-01",
        "\t00-12345678901234567890123456789012-1234567890123456-01",
        "00-12345678901234567890123456789012-1234567890123456-01 ",
        "00-12345678901234567890123456789012-1234567890123456-01\t",
        "\t 00-12345678901234567890123456789012-1234567890123456-01 \t",
      })
  void whitespaceAroundTraceparentIsIgnored(String traceparent) {
    assertThat(extracted(Headers.of("traceparent", traceparent)).traceIdHex())
        .isEqualTo("12345678901234567890123456789012");
  }

  @Test
  void duplicateTraceparentHeadersStartNewTrace() {
    Headers headers =
        Headers.of(
            "traceparent", "00-12345678901234567890123456789011-1234567890123456-01",
            "traceparent", "00-12345678901234567890123456789012-1234567890123456-01");

    assertThat(extract(headers)).isSameAs(Context.root());
  }

  @Test
  void headerNameIsCaseInsensitiveThroughTheCarrier() {
    assertThat(extracted(Headers.of("TrAcEpArEnT", VALID)).isValid()).isTrue();
    assertThat(extracted(Headers.of("trace-parent", VALID)).isValid()).isFalse();
  }

  @Test
  void randomFlagIsKeptAndUndefinedFlagBitsAreDropped() {
    TraceContext random = extracted(Headers.of("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-02"));
    TraceContext all = extracted(Headers.of("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-ff"));
    TraceContext sampledPlusUnknown =
        extracted(Headers.of("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-09"));

    assertThat(random.flags()).isEqualTo(TraceFlags.RANDOM);
    assertThat(all.flags()).isEqualTo(TraceFlags.SAMPLED | TraceFlags.RANDOM);
    assertThat(sampledPlusUnknown.flags()).isEqualTo(TraceFlags.SAMPLED);
  }

  @Test
  void injectWritesTraceparentAndTracestate() {
    TraceContext context =
        TraceContext.create(
            0x4bf92f3577b34da6L,
            0xa3ce929d0e0e4736L,
            0x00f067aa0ba902b7L,
            TraceFlags.SAMPLED | TraceFlags.RANDOM,
            TraceState.empty().with("congo", "t61rcWkgMzE").withVendorEntry("00f067aa0ba902b7"),
            false);
    Headers out = new Headers();

    propagator.inject(Context.root().with(Span.wrap(context)), out, Headers.SETTER);

    assertThat(out.get("traceparent")).isEqualTo("00-" + TRACE_ID + "-" + SPAN_ID + "-03");
    assertThat(out.get("tracestate")).isEqualTo("tk=00f067aa0ba902b7,congo=t61rcWkgMzE");
    assertThat(out.size()).isEqualTo(2);
  }

  @Test
  void injectOmitsEmptyTracestate() {
    TraceContext context = TraceContext.create(1, 2, 3, 0, TraceState.empty(), false);
    Headers out = new Headers();

    propagator.inject(Context.root().with(Span.wrap(context)), out, Headers.SETTER);

    assertThat(out.get("traceparent"))
        .isEqualTo("00-00000000000000010000000000000002-0000000000000003-00");
    assertThat(out.get("tracestate")).isNull();
  }

  @Test
  void injectWritesNothingForInvalidSpan() {
    Headers out = new Headers();

    propagator.inject(Context.root(), out, Headers.SETTER);
    propagator.inject(
        Context.root().with(Span.wrap(TraceContext.create(0, 0, 5, 1, TraceState.empty(), false))),
        out,
        Headers.SETTER);

    assertThat(out.size()).isZero();
  }

  @Test
  void injectClearsUndefinedFlagBits() {
    TraceContext context = TraceContext.create(1, 2, 3, 0xFF, TraceState.empty(), false);

    assertThat(W3CTraceContextPropagator.formatTraceparent(context)).endsWith("-03");
  }

  @Test
  void missingTraceparentIgnoresTracestate() {
    Context root = Context.root();

    assertThat(propagator.extract(root, Headers.of("tracestate", "foo=1"), Headers.GETTER))
        .isSameAs(root);
  }

  @Test
  void tracestateIsInherited() {
    TraceState state = stateFor("foo=1,bar=2");

    assertThat(state.get("foo")).isEqualTo("1");
    assertThat(state.get("bar")).isEqualTo("2");
  }

  @Test
  void repeatedTracestateHeadersAreCombinedInOrder() {
    TraceState state = stateFor("foo=1,bar=2", "rojo=1,congo=2", "baz=3");

    assertThat(TraceStateFormat.format(state)).isEqualTo("foo=1,bar=2,rojo=1,congo=2,baz=3");
  }

  @Test
  void emptyTracestateHeadersAndMembersAreAllowed() {
    assertThat(stateFor("").isEmpty()).isTrue();
    assertThat(stateFor("foo=1", "").get("foo")).isEqualTo("1");
    assertThat(stateFor("", "foo=1").get("foo")).isEqualTo("1");
    assertThat(TraceStateFormat.format(stateFor(" , foo=1,,\t,bar=2, ")))
        .isEqualTo("foo=1,bar=2");
  }

  @Test
  void optionalWhitespaceAroundMembersIsIgnored() {
    for (String header :
        new String[] {
          "foo=1 \t , \t bar=2, \t baz=3", "foo=1\t \t,\t \tbar=2,\t \tbaz=3",
        }) {
      assertThat(TraceStateFormat.format(stateFor(header))).isEqualTo("foo=1,bar=2,baz=3");
    }
    for (String header : new String[] {" foo=1", "\tfoo=1", "foo=1 ", "foo=1\t", "\t foo=1 \t"}) {
      assertThat(stateFor(header).get("foo")).isEqualTo("1");
    }
  }

  @Test
  void leadingSpacesOfValueArePartOfIt() {
    assertThat(stateFor("foo=  1 ").get("foo")).isEqualTo("  1");
  }

  @Test
  void allAllowedCharactersAreAccepted() {
    String key = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
    String tenantKey = key + "@a-z0-9_-*/";
    StringBuilder value = new StringBuilder();
    for (char c = 0x20; c <= 0x7E; c++) {
      if (c != ',' && c != '=') {
        value.append(c);
      }
    }

    assertThat(stateFor(key + "=" + value).get(key)).isEqualTo(value.toString());
    assertThat(stateFor(tenantKey + "=" + value).get(tenantKey)).isEqualTo(value.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "foo=1,foo=1", // duplicate keys
        "foo=1,foo=2",
        "foo =1", // illegal key characters
        "FOO=1",
        "foo.bar=1",
        "foo@=1,bar=2", // illegal vendor format
        "@foo=1,bar=2",
        "foo@@bar=1,bar=2",
        "foo@bar@baz=1,bar=2",
        "foo=bar=baz", // illegal value
        "foo=,bar=3",
        "foo=a\u00e9,bar=3",
        "foo=a\tb,bar=3",
        "foo,bar=3", // not a key=value pair
        "1foo=1,bar=3", // a simple key starts with a letter
        "t@1v=1,bar=3", // so does a system id
      })
  void invalidTracestateIsDiscardedWhole(String tracestate) {
    long discardedBefore = propagator.discardedTraceStates();

    assertThat(stateFor("ok=1", tracestate).isEmpty()).isTrue();
    assertThat(propagator.discardedTraceStates()).isEqualTo(discardedBefore + 1);
  }

  @Test
  void duplicateKeysAcrossHeadersDiscardTracestate() {
    assertThat(stateFor("foo=1", "foo=1").isEmpty()).isTrue();
    assertThat(stateFor("foo=1", "foo=2").isEmpty()).isTrue();
  }

  @Test
  void thirtyTwoMembersAreKeptAndThirtyThreeDiscardTracestate() {
    StringBuilder header = new StringBuilder();
    for (int i = 1; i <= 32; i++) {
      header.append(i > 1 ? "," : "").append(String.format("bar%02d=%02d", i, i));
    }

    TraceState kept = stateFor(header.toString());
    TraceState discarded = stateFor(header.toString(), "bar33=33");

    assertThat(kept.size()).isEqualTo(32);
    assertThat(kept.get("bar01")).isEqualTo("01");
    assertThat(discarded.isEmpty()).isTrue();
  }

  @Test
  void keyLengthLimitsFollowTheSpec() {
    assertThat(stateFor("foo=1", "z".repeat(256) + "=1").get("foo")).isEqualTo("1");
    assertThat(stateFor("foo=1", "z".repeat(257) + "=1").isEmpty()).isTrue();
    assertThat(stateFor("foo=1", "t".repeat(241) + "@" + "v".repeat(14) + "=1").get("foo"))
        .isEqualTo("1");
    assertThat(stateFor("foo=1", "t".repeat(242) + "@v=1").isEmpty()).isTrue();
    assertThat(stateFor("foo=1", "t@" + "v".repeat(15) + "=1").isEmpty()).isTrue();
    assertThat(stateFor("foo=1", "0tenant@vendor=1").get("0tenant@vendor")).isEqualTo("1");
  }

  @Test
  void valueLengthLimitIs256() {
    assertThat(stateFor("foo=" + "v".repeat(256)).get("foo")).hasSize(256);
    assertThat(stateFor("foo=" + "v".repeat(257)).isEmpty()).isTrue();
  }

  @Test
  void oversizedTracestateIsDiscardedUnparsed() {
    long discardedBefore = propagator.discardedTraceStates();
    String huge = "a=1," + " ".repeat(TraceStateFormat.MAX_HEADER_CHARS) + ",b=2";

    assertThat(stateFor(huge).isEmpty()).isTrue();
    assertThat(stateFor("a=1", " ".repeat(TraceStateFormat.MAX_HEADER_CHARS)).isEmpty()).isTrue();
    assertThat(propagator.discardedTraceStates()).isEqualTo(discardedBefore + 2);
  }

  @Test
  void tracestateIsReserializedNotCopied() {
    Headers in =
        Headers.of("traceparent", SUITE_TP, "tracestate", " rojo=00f067aa0ba902b7 ,\t, congo=t61rcWkgMzE\t");
    Headers out = new Headers();

    propagator.inject(extract(in), out, Headers.SETTER);

    assertThat(out.get("tracestate")).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
  }

  @Test
  void ourVendorEntryMovesToTheFrontWhenWritten() {
    TraceState received = stateFor("rojo=00f067aa0ba902b7,tk=old,congo=t61rcWkgMzE");

    TraceState mutated = received.withVendorEntry("new");

    assertThat(TraceStateFormat.format(mutated))
        .isEqualTo("tk=new,rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
    assertThat(mutated.vendorEntry()).isEqualTo("new");
  }

  @Test
  void invalidVendorEntryIsIgnoredSoItCannotBreakTheHeader() {
    TraceState state = TraceState.empty().with("rojo", "1");

    assertThat(state.withVendorEntry("a,b")).isSameAs(state);
    assertThat(state.withVendorEntry("x\r\ny")).isSameAs(state);
    assertThat(state.with("Bad", "1")).isSameAs(state);
    assertThat(state.with("k", "trailing ")).isSameAs(state);
    assertThat(state.with("k", "")).isSameAs(state);
  }

  @Test
  void formatTruncatesWholeEntriesLongOnesFirst() {
    TraceState state = TraceState.empty();
    // 30 entries of about 280 chars (8 400 in all) behind two short ones.
    for (int i = 0; i < 30; i++) {
      state = state.with("k" + i + "x".repeat(20), "v".repeat(256));
    }
    state = state.with("short", "1").with("tk", "2");
    String rightmost = state.keyAt(31);

    String formatted = TraceStateFormat.format(state);
    TraceState reparsed = TraceStateFormat.parse(java.util.List.of(formatted));

    assertThat(formatted.length()).isLessThanOrEqualTo(TraceStateFormat.MAX_FORMATTED_CHARS);
    assertThat(reparsed.size()).isBetween(2, 31);
    assertThat(reparsed.get(rightmost)).isNull();
    assertThat(reparsed.keyAt(0)).isEqualTo("tk");
    assertThat(reparsed.keyAt(1)).isEqualTo("short");
    assertThat(reparsed.keyAt(2)).isEqualTo(state.keyAt(2));
  }

  @Test
  void nullCarrierValuesAndNullArgumentsNeverThrow() {
    TextMapGetter<Object> nulls =
        new TextMapGetter<>() {
          @Override
          public String get(Object carrier, String key) {
            return null;
          }

          @Override
          public Iterable<String> getAll(Object carrier, String key) {
            return java.util.Arrays.asList(null, null);
          }
        };

    assertThat(propagator.extract(Context.root(), null, nulls)).isSameAs(Context.root());
    assertThat(propagator.extract(null, null, nulls)).isSameAs(Context.root());
    assertThat(propagator.extract(Context.root(), null, null)).isSameAs(Context.root());
    assertThat(W3CTraceContextPropagator.parseTraceparent(null)).isNull();
    propagator.inject(null, new Headers(), Headers.SETTER);
  }

  @Test
  void fieldsAreTraceparentAndTracestate() {
    assertThat(W3CTraceContextPropagator.getInstance().fields())
        .containsExactly("traceparent", "tracestate");
  }
}
