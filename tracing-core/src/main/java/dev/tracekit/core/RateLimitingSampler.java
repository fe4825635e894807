package dev.tracekit.core;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket kept in one {@link AtomicLong} as a "theoretical arrival time" (GCRA): the
 * instant at which the bucket would be full again. Taking a token moves it one interval into
 * the future; a token is available while it stays within one bucket's worth of intervals of
 * now. One CAS per decision, no lock.
 */
final class RateLimitingSampler implements Sampler {

  private final double perSecond;
  private final LongSupplier nanoTime;
  /** Nanoseconds one token stands for. */
  private final long interval;
  /** How far ahead of now the full-again time may run: bucket capacity × interval. */
  private final long capacityNanos;
  private final AtomicLong fullAt;

  RateLimitingSampler(double perSecond, LongSupplier nanoTime) {
    if (!(perSecond >= 0.0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("perSecond must be a finite number >= 0, was " + perSecond);
    }
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    // Clamped so that now + capacity never overflows, whatever tiny rate is asked for.
    this.interval = perSecond == 0.0 ? 0 : (long) Math.max(1.0, Math.min(1e9 / perSecond, 1e17));
    double capacity = Math.max(1.0, perSecond);
    this.capacityNanos = perSecond == 0.0 ? 0 : (long) Math.min(capacity * interval, 1e18);
    // Starts full: the first second may take a whole bucket.
    this.fullAt = new AtomicLong(nanoTime.getAsLong());
  }

  @Override
  public SamplingDecision shouldSample(
      Context parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    return tryAcquire() ? SamplingDecision.RECORD_AND_SAMPLE : SamplingDecision.DROP;
  }

  boolean tryAcquire() {
    if (capacityNanos == 0) {
      return false;
    }
    long now = nanoTime.getAsLong();
    while (true) {
      long current = fullAt.get();
      long base = current - now > 0 ? current : now;
      long next = base + interval;
      if (next - now > capacityNanos) {
        return false;
      }
      if (fullAt.compareAndSet(current, next)) {
        return true;
      }
    }
  }

  @Override
  public String toString() {
    return "rateLimiting(" + perSecond + "/s)";
  }
}
