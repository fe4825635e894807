package dev.tracekit.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Context;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceState;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Round trips of {@code traceparent}, and fuzzing against a regex oracle written from the spec
 * text: whatever the input, the parser never throws and agrees with the oracle, and an
 * invalid header leaves the context as it was.
 */
class TraceparentPropertiesTest {

  private static final Pattern LAYOUT =
      Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(.*)", Pattern.DOTALL);
  private static final Pattern OWS = Pattern.compile("^[ \t]+|[ \t]+$");

  /** The spec's rules, written independently of the parser (regex and BigInteger). */
  static TraceContext oracle(String header) {
    Matcher m = LAYOUT.matcher(OWS.matcher(header).replaceAll(""));
    if (!m.matches()) {
      return null;
    }
    String version = m.group(1);
    String rest = m.group(5);
    if (version.equals("ff")
        || (version.equals("00") && !rest.isEmpty())
        || (!rest.isEmpty() && !rest.startsWith("-"))) {
      return null;
    }
    BigInteger traceId = new BigInteger(m.group(2), 16);
    BigInteger spanId = new BigInteger(m.group(3), 16);
    if (traceId.signum() == 0 || spanId.signum() == 0) {
      return null;
    }
    return TraceContext.create(
        traceId.shiftRight(64).longValue(),
        traceId.longValue(),
        spanId.longValue(),
        Integer.parseInt(m.group(4), 16) & 0x03,
        TraceState.empty(),
        true);
  }

  @Provide
  Arbitrary<String> canonical() {
    return Combinators.combine(hex(32), hex(16), Arbitraries.of("00", "01", "02", "03"))
        .as((trace, span, flags) -> "00-" + trace + "-" + span + "-" + flags)
        .filter(h -> oracle(h) != null);
  }

  /**
   * Headers with the traceparent layout: any version but mostly 00 and sometimes the forbidden
   * ff, ids that may be zero, any flags, and for higher versions an optional suffix. Most are
   * valid; the rest probe the semantic rules.
   */
  @Provide
  Arbitrary<String> wellFormed() {
    Arbitrary<String> version =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just("00")),
            Tuple.of(1, Arbitraries.just("ff")),
            Tuple.of(2, hex(2)));
    Arbitrary<String> suffix =
        Arbitraries.oneOf(Arbitraries.just(""), Fuzz.garbage(20).map(s -> "-" + s));
    return Combinators.combine(version, hex(32), hex(16), hex(2), suffix)
        .as((v, trace, span, flags, rest) ->
            v + "-" + trace + "-" + span + "-" + flags + (v.equals("00") ? "" : rest));
  }

  @Provide
  Arbitrary<String> mutatedValid() {
    return Fuzz.mutated(wellFormed());
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.oneOf(
        Fuzz.garbage(80),
        // Right-length strings over the grammar's alphabet reach the deep checks.
        Arbitraries.longs().map(seed -> {
          java.util.Random random = new java.util.Random(seed);
          return Fuzz.garbage(random, 53 + random.nextInt(8), "0123456789abcdefF- \t");
        }));
  }

  private static Arbitrary<String> hex(int length) {
    return Fuzz.hex(length);
  }

  @Property(tries = 10_000, seed = "20261124")
  void formatOfParseIsIdentityForCanonicalHeaders(@ForAll("canonical") String header) {
    assertThat(W3CTraceContextPropagator.formatTraceparent(W3CTraceContextPropagator.parseTraceparent(header)))
        .isEqualTo(header);
  }

  @Property(tries = 10_000, seed = "20261125")
  void parseOfFormatIsIdentityForValidContexts(
      @ForAll long high, @ForAll long low, @ForAll long spanId, @ForAll byte flags) {
    Assume.that((high | low) != 0 && spanId != 0);
    TraceContext context = TraceContext.create(high, low, spanId, flags & 0x03, TraceState.empty(), true);

    assertThat(W3CTraceContextPropagator.parseTraceparent(W3CTraceContextPropagator.formatTraceparent(context)))
        .isEqualTo(context);
  }

  @Property(tries = 15_000, seed = "20261126")
  void wellFormedHeadersOfAnyVersionAgreeWithTheOracle(@ForAll("wellFormed") String header) {
    TraceContext parsed = W3CTraceContextPropagator.parseTraceparent(header);

    assertThat(parsed).isEqualTo(oracle(header));
  }

  @Property(tries = 20_000, seed = "20261127")
  void mutatedHeadersNeverThrowAndInvalidOnesStartANewTrace(
      @ForAll("mutatedValid") String traceparent, @ForAll("tracestate") String tracestate) {
    Context root = Context.root();

    Context result =
        W3CTraceContextPropagator.getInstance()
            .extract(root, Headers.of("traceparent", traceparent, "tracestate", tracestate), Headers.GETTER);

    TraceContext expected = oracle(traceparent);
    if (expected == null) {
      assertThat(result).isSameAs(root);
    } else {
      TraceState state = TraceStatePropertiesTest.oracle(java.util.List.of(tracestate));
      assertThat(result.span().context())
          .isEqualTo(expected.withTraceState(state == null ? TraceState.empty() : state));
    }
  }

  @Property(tries = 15_000, seed = "20261128")
  void garbageNeverThrowsAndAgreesWithTheOracle(@ForAll("garbage") String header) {
    assertThat(W3CTraceContextPropagator.parseTraceparent(header)).isEqualTo(oracle(header));
  }

  @Provide
  Arbitrary<String> tracestate() {
    return Arbitraries.oneOf(
        TraceStatePropertiesTest.canonicalHeaders(), Fuzz.mutated(TraceStatePropertiesTest.canonicalHeaders()));
  }
}
