package dev.tracekit.collector.storage;

import dev.tracekit.core.Ids;
import dev.tracekit.core.SpanData;

/** A 128-bit trace id as a map key. Parsing accepts 16 or 32 hex chars (Zipkin sends 64-bit ids). */
public record TraceId(long high, long low) implements Comparable<TraceId> {

  public static TraceId of(SpanData span) {
    return new TraceId(span.context().traceIdHigh(), span.context().traceIdLow());
  }

  /**
   * Parses a 16 or 32 char hex id (either case); a 16-char id has a zero high half.
   *
   * @throws IllegalArgumentException with a message fit for an API client
   */
  public static TraceId parse(String hex) {
    long[] out = new long[2];
    if (hex == null || !Ids.parseLenient(hex, out) || (out[0] | out[1]) == 0) {
      throw new IllegalArgumentException("trace id must be 32 (or 16) hex characters and not all zero");
    }
    return new TraceId(out[0], out[1]);
  }

  public boolean isValid() {
    return (high | low) != 0;
  }

  public String toHex() {
    return Ids.toHex(high, low);
  }

  @Override
  public int compareTo(TraceId o) {
    int c = Long.compare(high, o.high);
    return c != 0 ? c : Long.compare(low, o.low);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
