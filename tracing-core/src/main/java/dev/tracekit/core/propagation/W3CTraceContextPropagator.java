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
import java.util.concurrent.atomic.LongAdder;

/**
 * W3C Trace Context: the {@code traceparent} and {@code tracestate} headers.
 *
 * <p>{@code traceparent} is {@code version-traceid-parentid-flags} in lowercase hex. Version
 * {@code 00} must be exactly 55 chars; a higher version is read by the version-00 layout from
 * its first 55 chars and must continue with {@code -} if longer; version {@code ff}, uppercase
 * hex and all-zero ids are invalid. Leading and trailing spaces or tabs are ignored, as the W3C
 * test suite expects, and two {@code traceparent} headers are invalid. An invalid
 * {@code traceparent} leaves the context unchanged, so the caller starts a new trace, and its
 * {@code tracestate} is not read.
 *
 * <p>Flags: of the 8 bits only {@link TraceFlags#SAMPLED} and the Level 2
 * {@link TraceFlags#RANDOM} are defined. Any flags byte is accepted (it is a bit field, a
 * receiver must not reject it), but only the defined bits are kept, because the spec says
 * vendors MUST send the undefined ones as zero and we re-send what we receive.
 *
 * <p>{@code tracestate}: see {@link TraceStateFormat}; an invalid header is discarded whole and
 * counted in {@link #discardedTraceStates()}, and never affects {@code traceparent}. It is
 * always re-serialized from the parsed entries, never copied.
 */
public final class W3CTraceContextPropagator implements TextMapPropagator {

  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";

  private static final int TRACEPARENT_LENGTH = 55;
  private static final int TRACE_ID_OFFSET = 3;
  private static final int SPAN_ID_OFFSET = 36;
  private static final int FLAGS_OFFSET = 53;
  private static final int DEFINED_FLAGS = TraceFlags.SAMPLED | TraceFlags.RANDOM;

  private static final W3CTraceContextPropagator INSTANCE = new W3CTraceContextPropagator();
  private static final List<String> FIELDS = List.of(TRACEPARENT, TRACESTATE);

  private final LongAdder discardedTraceStates = new LongAdder();

  W3CTraceContextPropagator() {}

  public static W3CTraceContextPropagator getInstance() {
    return INSTANCE;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  /** How many {@code tracestate} headers were discarded as invalid or oversized. */
  public long discardedTraceStates() {
    return discardedTraceStates.sum();
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
    setter.set(carrier, TRACEPARENT, formatTraceparent(traceContext));
    TraceState state = traceContext.traceState();
    if (!state.isEmpty()) {
      setter.set(carrier, TRACESTATE, TraceStateFormat.format(state));
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
    String traceparent = single(getter.getAll(carrier, TRACEPARENT));
    if (traceparent == null) {
      return context;
    }
    TraceContext parent = parseTraceparent(traceparent);
    if (parent == null) {
      return context;
    }
    Iterable<String> tracestate = getter.getAll(carrier, TRACESTATE);
    if (tracestate != null) {
      TraceState state = TraceStateFormat.parse(tracestate);
      if (state == null) {
        discardedTraceStates.increment();
      } else if (!state.isEmpty()) {
        parent = parent.withTraceState(state);
      }
    }
    return context.with(Span.wrap(parent));
  }

  /** The only non-null value, or null when there is none or more than one. */
  private static String single(Iterable<String> values) {
    if (values == null) {
      return null;
    }
    String found = null;
    for (String value : values) {
      if (value != null) {
        if (found != null) {
          return null;
        }
        found = value;
      }
    }
    return found;
  }

  /**
   * Parses a {@code traceparent} value into a remote context with an empty trace state, or
   * returns null if it is invalid. Never throws.
   */
  public static TraceContext parseTraceparent(CharSequence s) {
    if (s == null) {
      return null;
    }
    int from = skipOws(s, 0, s.length());
    int to = trimOws(s, from, s.length());
    int length = to - from;
    if (length < TRACEPARENT_LENGTH
        || !Ids.isLowerHex(s, from, 2)
        || s.charAt(from + 2) != '-') {
      return null;
    }
    int version = Ids.parseHexByte(s, from);
    if (version == 0xFF) {
      return null;
    }
    if (version == 0 ? length != TRACEPARENT_LENGTH
        : length > TRACEPARENT_LENGTH && s.charAt(from + TRACEPARENT_LENGTH) != '-') {
      return null;
    }
    if (!Ids.isLowerHex(s, from + TRACE_ID_OFFSET, 32)
        || s.charAt(from + SPAN_ID_OFFSET - 1) != '-'
        || !Ids.isLowerHex(s, from + SPAN_ID_OFFSET, 16)
        || s.charAt(from + FLAGS_OFFSET - 1) != '-'
        || !Ids.isLowerHex(s, from + FLAGS_OFFSET, 2)) {
      return null;
    }
    long traceIdHigh = Ids.parseHex16(s, from + TRACE_ID_OFFSET);
    long traceIdLow = Ids.parseHex16(s, from + TRACE_ID_OFFSET + 16);
    long spanId = Ids.parseHex16(s, from + SPAN_ID_OFFSET);
    if ((traceIdHigh | traceIdLow) == 0L || spanId == 0L) {
      return null;
    }
    int flags = Ids.parseHexByte(s, from + FLAGS_OFFSET) & DEFINED_FLAGS;
    return TraceContext.create(traceIdHigh, traceIdLow, spanId, flags, TraceState.empty(), true);
  }

  /**
   * Formats {@code context} as a version-00 {@code traceparent}: 55 chars, lowercase hex, only
   * the defined flag bits. The caller checks {@link TraceContext#isValid()}.
   */
  public static String formatTraceparent(TraceContext context) {
    char[] chars = new char[TRACEPARENT_LENGTH];
    chars[0] = '0';
    chars[1] = '0';
    chars[2] = '-';
    Ids.writeHex(context.traceIdHigh(), chars, TRACE_ID_OFFSET);
    Ids.writeHex(context.traceIdLow(), chars, TRACE_ID_OFFSET + 16);
    chars[SPAN_ID_OFFSET - 1] = '-';
    Ids.writeHex(context.spanId(), chars, SPAN_ID_OFFSET);
    chars[FLAGS_OFFSET - 1] = '-';
    Ids.writeHexByte(context.flags() & DEFINED_FLAGS, chars, FLAGS_OFFSET);
    return new String(chars);
  }
}
