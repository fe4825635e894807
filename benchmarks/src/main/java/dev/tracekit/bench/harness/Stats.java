package dev.tracekit.bench.harness;

import java.util.Arrays;

/** Order statistics over measured samples. */
public final class Stats {

  private Stats() {}

  /**
   * The nearest-rank percentile: the smallest sample such that at least {@code p} percent of
   * the samples are less than or equal to it ({@code p} in (0, 100]). No interpolation, so the
   * answer is always a latency that was actually observed.
   */
  public static long percentile(long[] samples, double p) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
    }
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  /** The median; the mean of the two middle samples when their number is even. */
  public static double median(double[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  public static double min(double[] samples) {
    return Arrays.stream(samples).min().orElseThrow();
  }

  public static double max(double[] samples) {
    return Arrays.stream(samples).max().orElseThrow();
  }

  public static double mean(long[] samples) {
    return Arrays.stream(samples).average().orElseThrow();
  }
}
