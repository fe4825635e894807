package dev.tracekit.core;

/**
 * The offset that turns {@link System#nanoTime()} into epoch nanoseconds for new local traces.
 *
 * <p>Reading the wall clock costs more than the rest of a span's start on virtual machines, so
 * it is read at most once per {@link #REFRESH_NANOS} and shared by the roots started meanwhile.
 * Each local trace still takes one offset at its root and keeps it, so durations and the order
 * of its spans never see a wall-clock jump; a clock step shows in traces started at most
 * {@code REFRESH_NANOS} later.
 */
final class EpochAnchor {

  static final long REFRESH_NANOS = 100_000_000L;

  private final TimeSource time;
  /** Replaced, never mutated, so a reader sees an offset together with when it was taken. */
  private volatile Reading reading;

  EpochAnchor(TimeSource time) {
    this.time = time;
  }

  /** The epoch offset for a root starting at {@code nanoNow} (a {@link TimeSource#nanoTime()}). */
  long offsetAt(long nanoNow) {
    Reading r = reading;
    if (r == null || nanoNow - r.takenAtNanos >= REFRESH_NANOS) {
      // Racing threads may both read the clock; either reading is right.
      long epoch = time.epochNanos();
      long nanos = time.nanoTime();
      r = new Reading(epoch - nanos, nanos);
      reading = r;
    }
    return r.offset;
  }

  private record Reading(long offset, long takenAtNanos) {}
}
