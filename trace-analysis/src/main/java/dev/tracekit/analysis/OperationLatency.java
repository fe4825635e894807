package dev.tracekit.analysis;

/**
 * What stored history says about one operation.
 *
 * @param sampleCount how many spans the percentile was computed from
 * @param p99Micros the 99th percentile of their durations, in microseconds
 */
public record OperationLatency(long sampleCount, long p99Micros) {

  public OperationLatency {
    if (sampleCount < 0 || p99Micros < 0) {
      throw new IllegalArgumentException(
          "sampleCount and p99Micros must not be negative, were " + sampleCount + " and " + p99Micros);
    }
  }
}
