package dev.tracekit.analysis;

import java.util.Locale;

/** Formats microseconds for people: {@code 850 us}, {@code 12.3 ms}, {@code 310 ms}, {@code 1.24 s}. */
final class Durations {

  private Durations() {}

  static String format(long micros) {
    long abs = Math.abs(micros);
    if (abs < 1_000) {
      return micros + " us";
    }
    double ms = micros / 1_000.0;
    if (abs < 10_000) {
      return String.format(Locale.ROOT, "%.2f ms", ms);
    }
    if (abs < 100_000) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    if (abs < 1_000_000) {
      return String.format(Locale.ROOT, "%.0f ms", ms);
    }
    double s = micros / 1_000_000.0;
    if (abs < 10_000_000) {
      return String.format(Locale.ROOT, "%.2f s", s);
    }
    return String.format(Locale.ROOT, "%.1f s", s);
  }
}
