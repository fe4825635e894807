package dev.tracekit.core;

import java.time.Instant;

/** Wall-clock and monotonic time; replaceable in tests. */
interface TimeSource {

  TimeSource SYSTEM =
      new TimeSource() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public long epochNanos() {
          Instant now = Instant.now();
          return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
      };

  /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Wall-clock nanoseconds since the epoch. */
  long epochNanos();
}
