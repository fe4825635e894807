package dev.tracekit.core;

/**
 * The identity of one span within a trace, as it crosses process boundaries: 128-bit trace id,
 * 64-bit span id, the W3C flags byte, the tracestate and whether it came from a remote parent.
 * Immutable; hex forms are computed once, on first use.
 */
public final class TraceContext {

  private final long traceIdHigh;
  private final long traceIdLow;
  private final long spanId;
  private final byte flags;
  private final boolean remote;
  private final TraceState traceState;

  // Benign races: computing twice gives equal strings.
  private String traceIdHex;
  private String spanIdHex;

  private TraceContext(
      long traceIdHigh, long traceIdLow, long spanId, int flags, TraceState traceState, boolean remote) {
    this.traceIdHigh = traceIdHigh;
    this.traceIdLow = traceIdLow;
    this.spanId = spanId;
    this.flags = (byte) flags;
    this.traceState = traceState == null ? TraceState.empty() : traceState;
    this.remote = remote;
  }

  /**
   * A context with the given ids. {@code flags} is the W3C flags byte ({@link TraceFlags}).
   * Ids are not validated here; see {@link #isValid()}.
   */
  public static TraceContext create(
      long traceIdHigh, long traceIdLow, long spanId, int flags, TraceState traceState, boolean remote) {
    return new TraceContext(traceIdHigh, traceIdLow, spanId, flags, traceState, remote);
  }

  /** Whether the trace id and span id are both non-zero. */
  public boolean isValid() {
    return (traceIdHigh | traceIdLow) != 0L && spanId != 0L;
  }

  public long traceIdHigh() {
    return traceIdHigh;
  }

  public long traceIdLow() {
    return traceIdLow;
  }

  public long spanId() {
    return spanId;
  }

  /** The W3C flags byte, 0..255. */
  public int flags() {
    return flags & 0xFF;
  }

  public boolean isSampled() {
    return (flags & TraceFlags.SAMPLED) != 0;
  }

  public boolean isRemote() {
    return remote;
  }

  public TraceState traceState() {
    return traceState;
  }

  /** The trace id as 32 lowercase hex chars. */
  public String traceIdHex() {
    String s = traceIdHex;
    if (s == null) {
      s = traceIdHex = Ids.toHex(traceIdHigh, traceIdLow);
    }
    return s;
  }

  /** The span id as 16 lowercase hex chars. */
  public String spanIdHex() {
    String s = spanIdHex;
    if (s == null) {
      s = spanIdHex = Ids.toHex(spanId);
    }
    return s;
  }

  public TraceContext withTraceState(TraceState state) {
    return new TraceContext(traceIdHigh, traceIdLow, spanId, flags, state, remote);
  }

  public TraceContext withFlags(int newFlags) {
    return new TraceContext(traceIdHigh, traceIdLow, spanId, newFlags, traceState, remote);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraceContext c
        && c.traceIdHigh == traceIdHigh
        && c.traceIdLow == traceIdLow
        && c.spanId == spanId
        && c.flags == flags
        && c.remote == remote
        && c.traceState.equals(traceState);
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(traceIdHigh);
    h = 31 * h + Long.hashCode(traceIdLow);
    h = 31 * h + Long.hashCode(spanId);
    return 31 * h + flags;
  }

  @Override
  public String toString() {
    return traceIdHex() + "/" + spanIdHex() + (isSampled() ? " sampled" : "");
  }
}
