package dev.tracekit.analysis;

import java.util.Arrays;

/**
 * Counts latencies in log-linear buckets: exact below 128 us, then 64 buckets per power of two,
 * so a percentile is off by at most 1/64 of its value. Memory is bounded (at most 3,712
 * counters, grown only as far as the largest value seen) however many values it counts.
 * Not thread-safe.
 */
final class LatencyHistogram {

  private static final int SUB_BITS = 6;
  private static final int SUB_COUNT = 1 << SUB_BITS;
  private static final int EXACT = 2 * SUB_COUNT;

  private long[] counts = new long[EXACT];
  private long total;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  void record(long micros) {
    long v = Math.max(0, micros);
    int i = index(v);
    if (i >= counts.length) {
      counts = Arrays.copyOf(counts, Math.max(i + 1, counts.length + counts.length / 2));
    }
    counts[i]++;
    total++;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }

  long count() {
    return total;
  }

  /**
   * The nearest-rank percentile ({@code p} in (0, 1]): a value inside the bucket holding the
   * ceil(p * count)-th smallest value (its middle, kept within the smallest and largest seen);
   * 0 when empty.
   */
  long percentile(double p) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        long mid = lowerBound(i) + (width(i) - 1) / 2;
        return Math.max(min, Math.min(max, mid));
      }
    }
    return max;
  }

  static int index(long v) {
    if (v < EXACT) {
      return (int) v;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(v);
    int mantissa = (int) (v >>> (exponent - SUB_BITS)) & (SUB_COUNT - 1);
    return EXACT + (exponent - SUB_BITS - 1) * SUB_COUNT + mantissa;
  }

  static long lowerBound(int index) {
    if (index < EXACT) {
      return index;
    }
    int exponent = (index - EXACT) / SUB_COUNT + SUB_BITS + 1;
    int mantissa = (index - EXACT) % SUB_COUNT;
    return (long) (SUB_COUNT + mantissa) << (exponent - SUB_BITS);
  }

  static long width(int index) {
    if (index < EXACT) {
      return 1;
    }
    int exponent = (index - EXACT) / SUB_COUNT + SUB_BITS + 1;
    return 1L << (exponent - SUB_BITS);
  }
}
