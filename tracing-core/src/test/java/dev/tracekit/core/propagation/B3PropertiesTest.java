package dev.tracekit.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Context;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips of B3 single and multi headers, and fuzzing: never throws, stays consistent. */
class B3PropertiesTest {

  private static Arbitrary<String> hex(int length) {
    return Fuzz.hex(length);
  }

  @Provide
  Arbitrary<String> validSingle() {
    Arbitrary<String> traceId = Arbitraries.oneOf(hex(16), hex(32));
    Arbitrary<String> tail =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.of("-0", "-1", "-d"),
            Combinators.combine(Arbitraries.of("-0", "-1", "-d"), hex(16)).as((s, p) -> s + "-" + p));
    return Combinators.combine(traceId, hex(16), tail).as((t, s, rest) -> t + "-" + s + rest);
  }

  @Provide
  Arbitrary<String> mutatedSingle() {
    return Fuzz.mutated(validSingle());
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.oneOf(
        Fuzz.garbage(80),
        Arbitraries.longs().map(seed -> {
          java.util.Random random = new java.util.Random(seed);
          return Fuzz.garbage(random, 30 + random.nextInt(41), "0123456789abcdefd-");
        }));
  }

  @Property(tries = 5_000, seed = "20261150")
  void parseOfFormatIsIdentity(
      @ForAll long high, @ForAll long low, @ForAll long spanId, @ForAll boolean sampled) {
    Assume.that((high | low) != 0 && spanId != 0);
    TraceContext context =
        TraceContext.create(high, low, spanId, sampled ? TraceFlags.SAMPLED : 0, TraceState.empty(), true);

    assertThat(B3Propagator.parseSingle(B3Propagator.formatSingle(context))).isEqualTo(context);
    assertThat(
            B3Propagator.parseMulti(
                context.traceIdHex(), context.spanIdHex(), sampled ? "1" : "0", null))
        .isEqualTo(context);
  }

  @Property(tries = 5_000, seed = "20261151")
  void validSingleHeadersKeepTheirIds(@ForAll("validSingle") String header) {
    TraceContext parsed = B3Propagator.parseSingle(header);
    String traceId = header.substring(0, header.indexOf('-'));
    String spanId = header.substring(traceId.length() + 1, traceId.length() + 17);
    boolean zero = traceId.chars().allMatch(c -> c == '0') || spanId.chars().allMatch(c -> c == '0');

    if (zero) {
      assertThat(parsed).isNull();
    } else {
      assertThat(parsed.traceIdHex()).endsWith(traceId);
      assertThat(parsed.spanIdHex()).isEqualTo(spanId);
      assertThat(parsed.isSampled()).isEqualTo(header.startsWith("-1", traceId.length() + 17)
          || header.startsWith("-d", traceId.length() + 17));
    }
  }

  @Property(tries = 10_000, seed = "20261152")
  void mutatedSingleHeadersNeverThrowAndAreValidOrIgnored(@ForAll("mutatedSingle") String header) {
    assertConsistent(header);
  }

  @Property(tries = 10_000, seed = "20261153")
  void garbageSingleHeadersNeverThrowAndAreValidOrIgnored(@ForAll("garbage") String header) {
    assertConsistent(header);
  }

  private static void assertConsistent(String header) {
    Context root = Context.root();
    Context extracted = B3Propagator.single().extract(root, Headers.of("b3", header), Headers.GETTER);
    TraceContext parsed = B3Propagator.parseSingle(header);

    if (parsed == null) {
      assertThat(extracted).isSameAs(root);
    } else {
      assertThat(parsed.isValid()).isTrue();
      assertThat(extracted.span().context()).isEqualTo(parsed);
      assertThat(B3Propagator.parseSingle(B3Propagator.formatSingle(parsed))).isEqualTo(parsed);
    }
  }

  @Property(tries = 10_000, seed = "20261154")
  void garbageMultiHeadersNeverThrowAndAreValidOrIgnored(
      @ForAll("multiTraceId") String traceId,
      @ForAll("multiSpanId") String spanId,
      @ForAll("garbage") String sampled,
      @ForAll("garbage") String flags) {
    TraceContext parsed = B3Propagator.parseMulti(traceId, spanId, sampled, flags);

    if (parsed != null) {
      assertThat(parsed.isValid()).isTrue();
      assertThat(parsed.spanIdHex()).isEqualTo(spanId.strip());
    }
  }

  @Provide
  Arbitrary<String> multiTraceId() {
    return Arbitraries.oneOf(garbage(), Fuzz.mutated(Arbitraries.oneOf(hex(16), hex(32))), hex(32));
  }

  @Provide
  Arbitrary<String> multiSpanId() {
    return Arbitraries.oneOf(garbage(), Fuzz.mutated(hex(16)), hex(16));
  }
}
