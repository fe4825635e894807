package dev.tracekit.core.propagation;

import static dev.tracekit.core.propagation.HeaderText.skipOws;
import static dev.tracekit.core.propagation.HeaderText.trimOws;

import dev.tracekit.core.Context;
import dev.tracekit.core.Ids;
import dev.tracekit.core.Span;
import dev.tracekit.core.TraceContext;
import dev.tracekit.core.TraceFlags;
import dev.tracekit.core.TraceState;
import java.util.List;

/**
 * B3 propagation (Zipkin, Brave), for interop with systems that do not speak W3C.
 *
 * <p>Both modes extract both formats: first the single {@code b3} header
 * ({@code {traceId}-{spanId}[-{sampled}[-{parentSpanId}]]}), then, if it is absent or invalid,
 * the multi headers ({@code X-B3-TraceId} of 16 or 32 hex chars, {@code X-B3-SpanId},
 * {@code X-B3-Sampled} {@code 1|0|true|false}, {@code X-B3-Flags: 1} for debug). Ids are
 * lowercase hex as the B3 spec says; all-zero ids are invalid. Debug ({@code d}) counts as
 * sampled. An absent sampling state (a deferred decision) is read as not sampled, as our trace
 * context has no "deferred" state; a parent-based sampler then follows it. A {@code b3} header
 * carrying only a sampling state ({@code 0}, {@code 1}, {@code d}) has no ids to continue, so
 * it leaves the context unchanged. A 16-char trace id is the low half of a 128-bit id.
 *
 * <p>Inject writes the chosen format: {@code b3: {traceId}-{spanId}-{1|0}} for
 * {@link #single()}, or {@code X-B3-TraceId}, {@code X-B3-SpanId}, {@code X-B3-Sampled} for
 * {@link #multi()}, always with a 32-char trace id.
 */
public final class B3Propagator implements TextMapPropagator {

  static final String B3 = "b3";
  static final String TRACE_ID = "X-B3-TraceId";
  static final String SPAN_ID = "X-B3-SpanId";
  static final String SAMPLED = "X-B3-Sampled";
  static final String FLAGS = "X-B3-Flags";

  private static final B3Propagator SINGLE = new B3Propagator(true);
  private static final B3Propagator MULTI = new B3Propagator(false);

  /** traceId(32) - spanId(16) - sampled(1). */
  private static final int SINGLE_LENGTH = 32 + 1 + 16 + 1 + 1;
  private static final int NOT_SAMPLED = 0;
  private static final int INVALID = -1;

  private final boolean singleHeader;
  private final List<String> fields;

  private B3Propagator(boolean singleHeader) {
    this.singleHeader = singleHeader;
    this.fields = singleHeader ? List.of(B3) : List.of(TRACE_ID, SPAN_ID, SAMPLED);
  }

  /** Injects the single {@code b3} header. */
  public static B3Propagator single() {
    return SINGLE;
  }

  /** Injects the {@code X-B3-*} headers. */
  public static B3Propagator multi() {
    return MULTI;
  }

  @Override
  public List<String> fields() {
    return fields;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    TraceContext traceContext = context.span().context();
    if (!traceContext.isValid()) {
      return;
    }
    if (singleHeader) {
      setter.set(carrier, B3, formatSingle(traceContext));
    } else {
      setter.set(carrier, TRACE_ID, traceContext.traceIdHex());
      setter.set(carrier, SPAN_ID, traceContext.spanIdHex());
      setter.set(carrier, SAMPLED, traceContext.isSampled() ? "1" : "0");
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (context == null) {
      context = Context.root();
    }
    if (getter == null) {
      return context;
    }
    TraceContext parent = parseSingle(getter.get(carrier, B3));
    if (parent == null) {
      parent =
          parseMulti(
              getter.get(carrier, TRACE_ID),
              getter.get(carrier, SPAN_ID),
              getter.get(carrier, SAMPLED),
              getter.get(carrier, FLAGS));
    }
    return parent == null ? context : context.with(Span.wrap(parent));
  }

  static String formatSingle(TraceContext context) {
    char[] chars = new char[SINGLE_LENGTH];
    Ids.writeHex(context.traceIdHigh(), chars, 0);
    Ids.writeHex(context.traceIdLow(), chars, 16);
    chars[32] = '-';
    Ids.writeHex(context.spanId(), chars, 33);
    chars[49] = '-';
    chars[50] = context.isSampled() ? '1' : '0';
    return new String(chars);
  }

  /** Parses a {@code b3} single header into a remote context, or null if it has no valid ids. */
  static TraceContext parseSingle(String s) {
    if (s == null) {
      return null;
    }
    int from = skipOws(s, 0, s.length());
    int to = trimOws(s, from, s.length());
    int traceIdLength = traceIdLength(s, from, to);
    if (traceIdLength < 0) {
      return null;
    }
    int spanFrom = from + traceIdLength + 1;
    int spanTo = spanFrom + 16;
    if (spanTo > to || !Ids.isLowerHex(s, spanFrom, 16)) {
      return null;
    }
    int flags = NOT_SAMPLED;
    if (spanTo < to) {
      // -{sampled}[-{parentSpanId}]
      if (s.charAt(spanTo) != '-' || spanTo + 2 > to) {
        return null;
      }
      flags = samplingState(s.charAt(spanTo + 1));
      if (flags == INVALID) {
        return null;
      }
      int parentFrom = spanTo + 3;
      if (spanTo + 2 < to
          && (s.charAt(spanTo + 2) != '-'
              || to - parentFrom != 16
              || !Ids.isLowerHex(s, parentFrom, 16))) {
        return null;
      }
    }
    return create(s, from, traceIdLength, Ids.parseHex16(s, spanFrom), flags);
  }

  /** 16 or 32 when {@code s[from..]} starts with that many hex chars and a dash, else -1. */
  private static int traceIdLength(String s, int from, int to) {
    if (to - from > 16 && s.charAt(from + 16) == '-' && Ids.isLowerHex(s, from, 16)) {
      return 16;
    }
    if (to - from > 32 && s.charAt(from + 32) == '-' && Ids.isLowerHex(s, from, 32)) {
      return 32;
    }
    return -1;
  }

  private static int samplingState(char c) {
    switch (c) {
      case '0':
        return NOT_SAMPLED;
      case '1':
      case 'd':
        return TraceFlags.SAMPLED;
      default:
        return INVALID;
    }
  }

  /** Parses the {@code X-B3-*} headers into a remote context, or null if invalid. */
  static TraceContext parseMulti(String traceId, String spanId, String sampled, String debug) {
    if (traceId == null || spanId == null) {
      return null;
    }
    int traceFrom = skipOws(traceId, 0, traceId.length());
    int traceLength = trimOws(traceId, traceFrom, traceId.length()) - traceFrom;
    int spanFrom = skipOws(spanId, 0, spanId.length());
    int spanLength = trimOws(spanId, spanFrom, spanId.length()) - spanFrom;
    if ((traceLength != 16 && traceLength != 32)
        || !Ids.isLowerHex(traceId, traceFrom, traceLength)
        || spanLength != 16
        || !Ids.isLowerHex(spanId, spanFrom, 16)) {
      return null;
    }
    int flags = sampledHeader(sampled);
    if (flags == INVALID) {
      return null;
    }
    if (debug != null && isOne(debug)) {
      flags = TraceFlags.SAMPLED;
    }
    return create(traceId, traceFrom, traceLength, Ids.parseHex16(spanId, spanFrom), flags);
  }

  private static int sampledHeader(String value) {
    if (value == null) {
      return NOT_SAMPLED;
    }
    int from = skipOws(value, 0, value.length());
    int to = trimOws(value, from, value.length());
    int length = to - from;
    if (length == 1) {
      char c = value.charAt(from);
      return c == '1' ? TraceFlags.SAMPLED : c == '0' ? NOT_SAMPLED : INVALID;
    }
    if (length == 4 && value.regionMatches(true, from, "true", 0, 4)) {
      return TraceFlags.SAMPLED;
    }
    if (length == 5 && value.regionMatches(true, from, "false", 0, 5)) {
      return NOT_SAMPLED;
    }
    return INVALID;
  }

  private static boolean isOne(String value) {
    int from = skipOws(value, 0, value.length());
    return trimOws(value, from, value.length()) - from == 1 && value.charAt(from) == '1';
  }

  /** A remote context from a validated hex trace id in {@code s}, or null if an id is zero. */
  private static TraceContext create(
      String s, int traceFrom, int traceIdLength, long spanId, int flags) {
    long high = traceIdLength == 32 ? Ids.parseHex16(s, traceFrom) : 0L;
    long low = Ids.parseHex16(s, traceFrom + traceIdLength - 16);
    if ((high | low) == 0L || spanId == 0L) {
      return null;
    }
    return TraceContext.create(high, low, spanId, flags, TraceState.empty(), true);
  }
}
