package dev.tracekit.core;

/** A hand-driven clock: monotonic and wall time move only when the test says so. */
final class FakeTime implements TimeSource {

  private long nanoTime = 1_000_000L;
  private long epochNanos = 1_700_000_000_000_000_000L;
  private int epochReads;

  @Override
  public synchronized long nanoTime() {
    return nanoTime;
  }

  @Override
  public synchronized long epochNanos() {
    epochReads++;
    return epochNanos;
  }

  /** Both clocks advance. */
  synchronized void advance(long nanos) {
    nanoTime += nanos;
    epochNanos += nanos;
  }

  /** Only the wall clock jumps (NTP step, manual change). */
  synchronized void jumpWallClock(long nanos) {
    epochNanos += nanos;
  }

  synchronized int epochReads() {
    return epochReads;
  }
}
