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

  /** Orders as the 16 id bytes compare (unsigned, big-endian), as a database would. */
  @Override
  public int compareTo(TraceId o) {
    int c = Long.compareUnsigned(high, o.high);
    return c != 0 ? c : Long.compareUnsigned(low, o.low);
  }

  /** The 16 id bytes, big-endian. */
  public byte[] toBytes() {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (high >>> (56 - 8 * i));
      b[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
    return b;
  }

  /** The id of 16 big-endian bytes. */
  public static TraceId fromBytes(byte[] b) {
    if (b.length != 16) {
      throw new IllegalArgumentException("a trace id has 16 bytes, got " + b.length);
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (b[i] & 0xFF);
      low = (low << 8) | (b[8 + i] & 0xFF);
    }
    return new TraceId(high, low);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
